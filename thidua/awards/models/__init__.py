from thidua.awards.models.choices import Award, DisciplineChoice, PendingChoice, RatingChoice, ScopeChoice
from thidua.awards.models.criteria import ProvincialCriterion
from thidua.awards.models.proposals import (
    Council,
    CouncilBallot,
    CouncilMember,
    CouncilThreshold,
    Proposal,
    ProposalDocument,
    ProposalItem,
)
from thidua.awards.models.registry import (
    AwardDecision,
    AwardRecipient,
    Discipline,
    Initiative,
    PendingMatter,
    TaskRating,
)

__all__ = [
    "Award",
    "AwardDecision",
    "AwardRecipient",
    "Council",
    "CouncilBallot",
    "CouncilMember",
    "CouncilThreshold",
    "Discipline",
    "DisciplineChoice",
    "Initiative",
    "PendingChoice",
    "PendingMatter",
    "Proposal",
    "ProposalDocument",
    "ProposalItem",
    "ProvincialCriterion",
    "RatingChoice",
    "ScopeChoice",
    "TaskRating",
]
