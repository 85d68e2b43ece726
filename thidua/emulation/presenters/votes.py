"""The suy tôn vote's results in the words an officer reads: a tie for the last seat, and what the
new round will decide. The rule itself is rules/votes.py; this only words it for the screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

if TYPE_CHECKING:
    from thidua.emulation.selectors.votes import Minutes

# A tie is between a handful of units (groups have 4 to 14 members), so the sentence opens with the
# count in words, as the minutes would write it: "Hai đơn vị …". The context keeps "Năm" (five) apart
# from "Năm" (year), which is another msgid in the catalogue.
_COUNT_WORDS = {
    2: pgettext_lazy("number", "Hai"),
    3: pgettext_lazy("number", "Ba"),
    4: pgettext_lazy("number", "Bốn"),
    5: pgettext_lazy("number", "Năm"),
    6: pgettext_lazy("number", "Sáu"),
    7: pgettext_lazy("number", "Bảy"),
    8: pgettext_lazy("number", "Tám"),
    9: pgettext_lazy("number", "Chín"),
    10: pgettext_lazy("number", "Mười"),
}


def names_joined(names: Sequence[str]) -> str:
    """«A», «B» và «C»: the units as a sentence lists them."""
    quoted = [f"«{name}»" for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    # Translators: joins the last two names of a list: "«A», «B» và «C»".
    return _("%(first)s và %(last)s") % {"first": ", ".join(quoted[:-1]), "last": quoted[-1]}


def tie_text(*, tied: Sequence[str], tie_seats: int, votes: int | None = None) -> str:
    """ "Hai đơn vị «A» và «B» bằng phiếu ở suất cuối cùng (mỗi đơn vị 2 phiếu)." """
    count = str(_COUNT_WORDS.get(len(tied), len(tied)))
    params = {"count": count, "names": names_joined(tied), "seats": tie_seats}
    if tie_seats == 1:
        sentence = _("%(count)s đơn vị %(names)s bằng phiếu ở suất cuối cùng") % params
    else:
        sentence = _("%(count)s đơn vị %(names)s bằng phiếu ở %(seats)s suất cuối cùng") % params
    if votes is None:
        return sentence + "."
    return sentence + " " + _("(mỗi đơn vị %(votes)s phiếu).") % {"votes": votes}


def new_round_text(*, number: int, seats: int) -> str:
    """What the next round decides, and that the software does not decide it."""
    return ngettext(
        "Cần bỏ phiếu lại (vòng %(round)s) giữa các đơn vị này để chọn %(seats)s đơn vị; phần mềm không tự chọn.",
        "Cần bỏ phiếu lại (vòng %(round)s) giữa các đơn vị này để chọn %(seats)s đơn vị; phần mềm không tự chọn.",
        seats,
    ) % {"round": number, "seats": seats}


def minutes_tie_text(minutes: Minutes) -> list[str]:
    """The tie the last count left, and what the next round decides, as sentences; [] when the vote
    needs no new round or the new round is already open."""
    if not minutes.needs_new_round or minutes.round_open:
        return []
    last = minutes.rounds[-1]
    tied_votes = {row.votes for row in last.rows if row.tied}
    return [
        tie_text(
            tied=minutes.tied,
            tie_seats=minutes.tie_seats,
            votes=tied_votes.pop() if len(tied_votes) == 1 else None,
        ),
        new_round_text(number=last.number + 1, seats=minutes.tie_seats),
    ]
