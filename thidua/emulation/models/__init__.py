from thidua.emulation.models.pacts import (
    CriteriaTemplate,
    Method,
    Pact,
    PactCriterion,
    PactSignature,
    Target,
    TemplateCriterion,
)
from thidua.emulation.models.reports import Evidence, Period, PeriodResult, Report, ReportChange, ReportValue
from thidua.emulation.models.rulesets import Ruleset
from thidua.emulation.models.votes import Ballot, BallotReceipt, Vote

__all__ = [
    "Ballot",
    "BallotReceipt",
    "CriteriaTemplate",
    "Evidence",
    "Method",
    "Pact",
    "PactCriterion",
    "PactSignature",
    "Period",
    "PeriodResult",
    "Report",
    "ReportChange",
    "ReportValue",
    "Ruleset",
    "Target",
    "TemplateCriterion",
    "Vote",
]
