"""Errors as JSON, in Vietnamese: `{"detail": "...", "errors": {field: [messages]}}`.

The services refuse with Django's ValidationError (keyed by field or criterion code) and
PermissionDenied, already worded in Vietnamese; DRF knows only its own exceptions, so without this a
service's refusal would be a 500. DRF's own messages are mostly untranslated in its Vietnamese
catalogue; they are worded here by their code, so a client never gets an English message.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from thidua.emulation.services.reports import ConcurrentEditError

# DRF's error codes, for its own exceptions and its serializer fields' messages.
_WORDS = {
    "not_authenticated": gettext_lazy("Chưa xác thực: hãy gửi mã truy cập (Authorization: Bearer …)."),
    "authentication_failed": gettext_lazy("Xác thực không thành công."),
    "permission_denied": gettext_lazy("Bạn không có quyền thực hiện thao tác này."),
    "not_found": gettext_lazy("Không tìm thấy."),
    "method_not_allowed": gettext_lazy("Phương thức này không được hỗ trợ ở địa chỉ này."),
    "not_acceptable": gettext_lazy("Không trả được dữ liệu ở định dạng yêu cầu (chỉ có JSON)."),
    "unsupported_media_type": gettext_lazy("Định dạng dữ liệu gửi lên không được hỗ trợ: hãy gửi JSON."),
    "parse_error": gettext_lazy("Dữ liệu JSON không hợp lệ."),
    "throttled": gettext_lazy("Quá nhiều yêu cầu; hãy thử lại sau."),
    "required": gettext_lazy("Trường này là bắt buộc."),
    "null": gettext_lazy("Trường này không được để trống."),
    "blank": gettext_lazy("Trường này không được để trống."),
    "invalid": gettext_lazy("Giá trị không hợp lệ."),
    "not_a_list": gettext_lazy("Cần một danh sách."),
    "not_a_dict": gettext_lazy("Cần một đối tượng JSON."),
    "empty": gettext_lazy("Danh sách không được rỗng."),
    "max_length": gettext_lazy("Chuỗi quá dài."),
    "min_length": gettext_lazy("Chuỗi quá ngắn."),
    "max_value": gettext_lazy("Giá trị quá lớn."),
    "min_value": gettext_lazy("Giá trị quá nhỏ."),
    "max_string_length": gettext_lazy("Số quá lớn."),
    "invalid_choice": gettext_lazy("Lựa chọn không hợp lệ."),
    "does_not_exist": gettext_lazy("Không tìm thấy đối tượng này."),
    "incorrect_type": gettext_lazy("Kiểu dữ liệu không đúng."),
    "date": gettext_lazy("Cần một ngày dạng YYYY-MM-DD."),
    "datetime": gettext_lazy("Cần một thời điểm dạng ISO 8601."),
    "surrogate_characters_not_allowed": gettext_lazy("Chuỗi có ký tự không hợp lệ."),
    "null_characters_not_allowed": gettext_lazy("Chuỗi có ký tự không hợp lệ."),
}


def _worded(detail: Any) -> Any:
    """DRF's error details with each message worded in Vietnamese by its code where we know it."""
    if isinstance(detail, list):
        return [_worded(item) for item in detail]
    if isinstance(detail, dict):
        return {key: _worded(value) for key, value in detail.items()}
    if isinstance(detail, exceptions.ErrorDetail) and detail.code in _WORDS and not _is_ours(detail):
        return str(_WORDS[detail.code])
    return str(detail)


def _is_ours(detail: exceptions.ErrorDetail) -> bool:
    # A message raised by our own code (a service, the token check) is already Vietnamese; DRF's
    # defaults are ASCII English. Vietnamese text always carries a letter outside ASCII.
    return not str(detail).isascii()


def _first_message(worded: Any) -> str:
    """The first message of worded error details, however deep: a list of rows puts its messages
    in a dict per row (`{"items": [{}, {"person": ["…"]}]}`)."""
    if isinstance(worded, dict):
        values: list[Any] = list(worded.values())
    elif isinstance(worded, list):
        values = worded
    else:
        return str(worded)
    for value in values:
        message = _first_message(value)
        if message:
            return message
    return ""


def _validation_payload(error: DjangoValidationError) -> dict[str, Any]:
    if hasattr(error, "error_dict"):
        errors = {
            key: [str(m) for m in DjangoValidationError(value).messages]
            for key, value in error.error_dict.items()
        }
        first = next((m for messages in errors.values() for m in messages), _("Dữ liệu không hợp lệ."))
        return {"detail": first, "errors": errors}
    messages = [str(m) for m in error.messages]
    return {
        "detail": messages[0] if messages else _("Dữ liệu không hợp lệ."),
        "errors": {"non_field_errors": messages},
    }


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ConcurrentEditError):
        return Response(_validation_payload(exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied) and not exc.args:
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc.args[0]))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        worded = _worded(exc.detail)
        if isinstance(worded, dict):
            response.data = {"detail": _first_message(worded), "errors": worded}
        else:
            response.data = {"detail": _first_message(worded), "errors": {"non_field_errors": worded}}
    elif isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        # DRF has set Retry-After (whole seconds, rounded up); the message says the same in words.
        seconds = response.headers.get("Retry-After", "")
        response.data = {
            "detail": _("Quá nhiều yêu cầu; hãy thử lại sau %(seconds)s giây.") % {"seconds": seconds}
        }
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"detail": _worded(data["detail"])}
    return response
