"""Eligibility for emulation titles and commendation forms (#12): a pure engine, its JSON adapter and
`thidua eligibility`. See docs/contracts/eligibility.md for the rules, the rule sets and the reason codes.

Public API::

    from thidua.awards.eligibility import (
        Subject, Honour, Initiative, Discipline, Pending, Members, LineageEvent, EligibilityInput,
        evaluate, evaluate_subject, results_to_json, results_to_text,
        parse_input, parse_json, EligibilityInputError,
        override_problems, parse_override, parse_overrides, list_criteria,
    )

    # The web app builds Subjects from the registry's rows (no JSON), then:
    results = evaluate_subject(subject, as_of=day, received_on=received, overrides=overrides)
    results = evaluate(EligibilityInput(as_of, subjects, received_on), overrides)
    for result in results:       # Result(id, requested, outcome, rule_set, reasons); result.unverified
        for reason in result.reasons:   # Reason(code, message, citation, facts, verified)
            ...

    # A province officer's criterion (admin form): check it, then store the JSON as typed.
    override_problems("luat-06-2022/sd-06-2026", "chien_si_thi_dua_co_so", data)  # () when valid
    overrides = parse_overrides({"luat-06-2022/sd-06-2026": {"chien_si_thi_dua_co_so": data}})
    list_criteria("luat-06-2022/sd-06-2026", overrides)   # CriterionInfo per criterion, for display

    # thidua eligibility's path: JSON text -> Document(inputs, overrides) -> results.
    document = parse_json(text)     # EligibilityInputError(.problems: (path, message), ...)

Nothing in this package imports Django, so `thidua eligibility` starts in milliseconds; keep it that way
(tests/awards/eligibility/test_cli.py checks it).
"""

from __future__ import annotations

from thidua.awards.eligibility.engine import (
    evaluate,
    evaluate_subject,
    result_to_json,
    results_to_json,
    results_to_text,
)
from thidua.awards.eligibility.overrides import (
    PARAM_FIELDS,
    FieldSpec,
    override_problems,
    parse_override,
    parse_overrides,
)
from thidua.awards.eligibility.parse import Document, load_json, parse_input, parse_json
from thidua.awards.eligibility.problems import EligibilityInputError, Problem
from thidua.awards.eligibility.rulesets import (
    RULE_SET_IDS,
    RULE_SETS,
    CriterionInfo,
    Overrides,
    RuleSet,
    Source,
    list_criteria,
    rule_set_for,
)
from thidua.awards.eligibility.types import (
    OUTCOME_NAMES,
    Confidence,
    Discipline,
    EligibilityInput,
    Honour,
    Initiative,
    LineageEvent,
    Members,
    Outcome,
    Pending,
    Reason,
    Result,
    Subject,
)

__all__ = [
    "OUTCOME_NAMES",
    "PARAM_FIELDS",
    "RULE_SETS",
    "RULE_SET_IDS",
    "Confidence",
    "CriterionInfo",
    "Discipline",
    "Document",
    "EligibilityInput",
    "EligibilityInputError",
    "FieldSpec",
    "Honour",
    "Initiative",
    "LineageEvent",
    "Members",
    "Outcome",
    "Overrides",
    "Pending",
    "Problem",
    "Reason",
    "Result",
    "RuleSet",
    "Source",
    "Subject",
    "evaluate",
    "evaluate_subject",
    "list_criteria",
    "load_json",
    "override_problems",
    "parse_input",
    "parse_json",
    "parse_override",
    "parse_overrides",
    "result_to_json",
    "results_to_json",
    "results_to_text",
    "rule_set_for",
]
