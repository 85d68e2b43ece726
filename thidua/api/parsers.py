"""A JSON parser that refuses oversized and deeply nested bodies with a 4xx, never a 500.

DRF's JSONParser reads the request stream itself, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE (checked
only by request.body and form parsing) does not bound it: a client could send a body of any size and
the whole of it would be read into memory. A body nested thousands of levels deep makes json.loads
raise RecursionError, which DRF does not catch (a 500). This parser reads at most
API_MAX_BODY_BYTES + 1 bytes, and measures the nesting before decoding.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def read_limited(stream: Any, *, limit: int) -> bytes:
    """The body, or PayloadTooLarge as soon as it passes `limit` bytes (never more is read)."""
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise PayloadTooLarge(
            _("Dữ liệu gửi lên quá lớn: tối đa %(size)s byte.") % {"size": f"{limit:,}".replace(",", ".")}
        )
    return bytes(data)


def nesting_depth(text: str) -> int:
    """How deep the JSON's arrays and objects nest, brackets inside strings not counted."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def check_depth(text: str) -> None:
    limit = settings.API_MAX_JSON_DEPTH
    # Only a body with that many brackets at all can nest that deep: most bodies skip the scan.
    if text.count("[") + text.count("{") > limit and nesting_depth(text) > limit:
        raise ParseError(_("Dữ liệu JSON lồng nhau quá sâu: tối đa %(depth)s cấp.") % {"depth": limit})


def decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(_("Dữ liệu gửi lên không phải văn bản UTF-8.")) from None


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON (RFC 8259), though Python's json module reads them.
    raise ValueError(_("%(name)s không phải là số JSON hợp lệ.") % {"name": name})


class LimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        text = decode_utf8(read_limited(stream, limit=settings.API_MAX_BODY_BYTES))
        check_depth(text)
        try:
            return json.loads(text, parse_constant=_no_constant)
        except (ValueError, RecursionError) as error:
            raise ParseError(_("Dữ liệu JSON không hợp lệ: %(error)s") % {"error": error}) from None


class RawJSONParser(LimitedJSONParser):
    """Hands the view the body's text, size-checked and depth-checked but not decoded: the
    eligibility engine decodes it itself, as its command line does (decimals kept exact, repeated
    keys reported), so the API and `thidua eligibility` read a document the same way."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        text = decode_utf8(read_limited(stream, limit=settings.API_MAX_BODY_BYTES))
        check_depth(text)
        return text
