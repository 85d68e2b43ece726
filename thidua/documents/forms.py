"""The signer of a proposal letter (tờ trình), chosen on the proposal's screen before the download.

Parses and checks only; the selector puts the choice into the letter's data and the pure renderer
(render/awards.signature_block) writes box 7 from it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import nfc
from thidua.core.signing import SigningAuthority
from thidua.core.signing_rules import SIGNING_CHOICES, signing_errors

__all__ = ["ProposalLetterSignerForm"]


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
        data["signing"] = SigningAuthority(raw)
        # The rules an award decision's signer obeys too (core.signing_rules).
        for field, message in signing_errors(signing=raw, head_title=head, signer_title=signer).items():
            self.add_error(field, message)
        return data
