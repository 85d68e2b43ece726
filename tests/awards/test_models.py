"""The registry's choices are the contract's codes, with the names codes.py gives them; the database
refuses a row with no subject or two."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError
from django.utils import translation

from thidua.awards.eligibility import codes
from thidua.awards.models import Award, DisciplineChoice, PendingChoice, RatingChoice, ScopeChoice, TaskRating


@pytest.mark.parametrize(
    ("choices", "names"),
    [
        (Award, codes.AWARD_NAMES),
        (RatingChoice, codes.RATING_NAMES),
        (DisciplineChoice, codes.DISCIPLINE_NAMES),
        (PendingChoice, codes.PENDING_NAMES),
        (ScopeChoice, codes.INITIATIVE_SCOPE_NAMES),
    ],
)
def test_choices_are_the_contracts_codes_and_names(choices: Any, names: dict[Any, str]) -> None:
    with translation.override("vi"):
        assert {value: str(label) for value, label in choices.choices} == {
            code.value: name for code, name in names.items()
        }


@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["none", "both"])
def test_a_rating_has_exactly_one_subject(world: Any, subject: str) -> None:
    kwargs = {"person": world.home_person, "organisation": world.home} if subject == "both" else {}
    with pytest.raises(IntegrityError):
        TaskRating.objects.create(year=2024, rating="htt", **kwargs)
