"""The form of the token screen: which account, which system, how many days."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from thidua.api.services.tokens import MAX_DAYS


class TokenCreateForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Tài khoản đại diện"),
        queryset=get_user_model().objects.none(),
        help_text=_("Mã truy cập có đúng vai trò và phạm vi đơn vị của tài khoản này."),
    )
    name = forms.CharField(label=_("Tên hệ thống sử dụng"), max_length=200)
    days = forms.IntegerField(
        label=_("Số ngày hiệu lực"),
        min_value=1,
        max_value=MAX_DAYS,
        required=False,
        help_text=_("Để trống: không hết hạn (vẫn thu hồi được bất cứ lúc nào)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.queryset = get_user_model().objects.filter(is_active=True).order_by("username")
