from thidua.awards.models.choices import Award, DisciplineChoice, PendingChoice, RatingChoice, ScopeChoice
from thidua.awards.models.criteria import ProvincialCriterion
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
    "Discipline",
    "DisciplineChoice",
    "Initiative",
    "PendingChoice",
    "PendingMatter",
    "ProvincialCriterion",
    "RatingChoice",
    "ScopeChoice",
    "TaskRating",
]
