"""The signer of a proposal letter (tờ trình), chosen on the proposal's screen before the download.

Parses and checks only; the selector puts the choice into the letter's data and the pure renderer
(render/awards.signature_block) writes box 7 from it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import nfc
from thidua.documents.render.awards import SigningAuthority

__all__ = ["ProposalLetterSignerForm"]

# Who signs for whom (NĐ 30/2020 Điều 13; Phụ lục I, mục II.7a).
SIGNING_CHOICES = [
    (SigningAuthority.HEAD.value, _("Người đứng đầu ký (không ghi quyền hạn ký)")),
    (SigningAuthority.TM.value, _("TM. – người đứng đầu ký thay mặt tập thể lãnh đạo (Ủy ban nhân dân…)")),
    (
        SigningAuthority.TM_KT.value,
        _("TM. và KT. – cấp phó ký thay người đứng đầu, thay mặt tập thể lãnh đạo"),
    ),
    (SigningAuthority.KT.value, _("KT. – cấp phó ký thay người đứng đầu")),
    (SigningAuthority.TL.value, _("TL. – người đứng đầu đơn vị thuộc cơ quan ký thừa lệnh người đứng đầu")),
    (SigningAuthority.TUQ.value, _("TUQ. – người đứng đầu đơn vị thuộc cơ quan ký thừa ủy quyền")),
    (SigningAuthority.Q.value, _("Q. – người được giao quyền người đứng đầu")),
]
# The prefixes that name the head's title ("KT. CHỦ TỊCH"), and those where someone else than the head signs
# under a title of their own ("PHÓ CHỦ TỊCH", "CHÁNH VĂN PHÒNG").
NAMES_HEAD = frozenset(
    {SigningAuthority.KT, SigningAuthority.TM_KT, SigningAuthority.TL, SigningAuthority.TUQ}
)
DEPUTY = frozenset({SigningAuthority.KT, SigningAuthority.TM_KT})


class ProposalLetterSignerForm(forms.Form):
    signing = forms.ChoiceField(label=_("Quyền hạn ký"), choices=SIGNING_CHOICES)
    head_title = forms.CharField(
        label=_("Chức vụ người đứng đầu"),
        max_length=120,
        required=False,
        help_text=_("Ghi sau KT., TL., TUQ., Q. Ví dụ: Chủ tịch, Giám đốc."),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=120,
        required=False,
        help_text=_("Ví dụ: Phó Chủ tịch, Chánh Văn phòng. Để trống khi người đứng đầu ký."),
    )
    signer_name = forms.CharField(
        label=_("Họ và tên người ký"),
        max_length=100,
        required=False,
        help_text=_("Không ghi học hàm, học vị. Để trống để viết tay sau khi in."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("head_title", "signer_title", "signer_name"):
            data[name] = nfc(" ".join(str(data.get(name) or "").split()))
        # Read before any add_error(), which takes the field out of cleaned_data.
        head, signer, raw = data["head_title"], data["signer_title"], data.get("signing")
        if not raw:
            return data
        signing = SigningAuthority(raw)
        data["signing"] = signing
        if signing in NAMES_HEAD | {SigningAuthority.Q} and not head:
            self.add_error("head_title", _("Ghi chức vụ của người đứng đầu mà người ký ký thay, thừa lệnh."))
        if signing in NAMES_HEAD - DEPUTY and not signer:
            self.add_error("signer_title", _("Ghi chức vụ của người ký thừa lệnh, thừa ủy quyền."))
        if signing in DEPUTY and not signer:
            self.add_error("signer_title", _("Ghi chức vụ của cấp phó ký thay, ví dụ: Phó Chủ tịch."))
        elif signing in DEPUTY and signer.casefold() == head.casefold():
            self.add_error(
                "signer_title",
                _("Người ký thay là cấp phó: chức vụ người ký phải khác chức vụ người đứng đầu."),
            )
        return data
