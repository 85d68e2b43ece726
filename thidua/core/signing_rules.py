"""The choices and checks of a signing authority (NĐ 30/2020 Điều 13; Phụ lục I, mục II.7a), one set
for every screen and service that records one: the proposal letter's signer form, an award decision's
forms, its services.

Only Django's translation functions: the rules hold no model, so the awards services (which may import
no form) and the documents' forms share them."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from thidua.core.signing import DEPUTY, NAMES_HEAD, SigningAuthority

__all__ = ["SIGNING_CHOICES", "signing_errors"]

# Who signs for whom, as the officer picks it (NĐ 30/2020 Điều 13; Phụ lục I, mục II.7a).
SIGNING_CHOICES = [
    (SigningAuthority.HEAD.value, gettext_lazy("Người đứng đầu ký (không ghi quyền hạn ký)")),
    (
        SigningAuthority.TM.value,
        gettext_lazy("TM. – người đứng đầu ký thay mặt tập thể lãnh đạo (Ủy ban nhân dân…)"),
    ),
    (
        SigningAuthority.TM_KT.value,
        gettext_lazy("TM. và KT. – cấp phó ký thay người đứng đầu, thay mặt tập thể lãnh đạo"),
    ),
    (SigningAuthority.KT.value, gettext_lazy("KT. – cấp phó ký thay người đứng đầu")),
    (
        SigningAuthority.TL.value,
        gettext_lazy("TL. – người đứng đầu đơn vị thuộc cơ quan ký thừa lệnh người đứng đầu"),
    ),
    (SigningAuthority.TUQ.value, gettext_lazy("TUQ. – người đứng đầu đơn vị thuộc cơ quan ký thừa ủy quyền")),
    (SigningAuthority.Q.value, gettext_lazy("Q. – người được giao quyền người đứng đầu")),
]


def signing_errors(*, signing: str, head_title: str, signer_title: str) -> dict[str, str]:
    """What is wrong with a choice, keyed by the field to show it on; {} when it holds or when nothing
    was chosen (`signing` ""; the block is then guessed from the signer's title).

    KT., TL., TUQ. and Q. name the head's title, so it must be given; TL. and TUQ. are signed by another
    under a title of their own; KT. is a deputy's, whose title cannot be the head's (Phụ lục I, mục
    II.7a: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH")."""
    if not signing:
        return {}
    try:
        choice = SigningAuthority(signing)
    except ValueError:
        return {"signing": gettext("Quyền hạn ký không có trong danh sách; hãy chọn lại.")}
    head, signer = head_title.strip(), signer_title.strip()
    errors: dict[str, str] = {}
    if choice in NAMES_HEAD | {SigningAuthority.Q} and not head:
        errors["head_title"] = gettext("Ghi chức vụ của người đứng đầu mà người ký ký thay, thừa lệnh.")
    if choice in NAMES_HEAD - DEPUTY and not signer:
        errors["signer_title"] = gettext("Ghi chức vụ của người ký thừa lệnh, thừa ủy quyền.")
    if choice in DEPUTY and not signer:
        errors["signer_title"] = gettext("Ghi chức vụ của cấp phó ký thay, ví dụ: Phó Chủ tịch.")
    elif choice in DEPUTY and signer.casefold() == head.casefold():
        errors["signer_title"] = gettext(
            "Người ký thay là cấp phó: chức vụ người ký phải khác chức vụ người đứng đầu."
        )
    return errors
