"""How a paper is signed (NĐ 30/2020 Điều 13 and Phụ lục I, mục II.7a): the signing authority of box 7a.

Pure (no Django): the document renderers (thidua.documents.render, which may import no Django) print
box 7 from it, and the awards registry stores it on a decision; both sit above thidua.core, so the one
definition lives here. The checks with their messages are in thidua.core.signing_rules."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DEPUTY", "NAMES_HEAD", "SigningAuthority"]


class SigningAuthority(StrEnum):
    """How the signer signs (NĐ 30/2020 Điều 13 and Phụ lục I, mục II.7a): the prefix of box 7a.

    KT. (ký thay) goes before the head's title when a deputy signs for the head; TM. (thay mặt) before
    the collective body's name when its head (or, with KT., a deputy) signs for it; TL. (thừa lệnh) and
    TUQ. (thừa ủy quyền) before the head's title when the head of a unit of the body signs by the head's
    order or authorisation; Q. (quyền) before the head's title when the signer is the acting head."""

    HEAD = "head"
    KT = "kt"
    TM = "tm"
    TM_KT = "tm-kt"
    TL = "tl"
    TUQ = "tuq"
    Q = "q"


# The prefixes that name the head's title ("KT. CHỦ TỊCH"), and those where someone else than the head
# signs under a title of their own ("PHÓ CHỦ TỊCH", "CHÁNH VĂN PHÒNG").
NAMES_HEAD = frozenset(
    {SigningAuthority.KT, SigningAuthority.TM_KT, SigningAuthority.TL, SigningAuthority.TUQ}
)
DEPUTY = frozenset({SigningAuthority.KT, SigningAuthority.TM_KT})
