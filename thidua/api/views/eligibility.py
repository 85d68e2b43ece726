"""POST the eligibility engine's input document, get its results: the `thidua eligibility` command
line over HTTP. Same contract (docs/contracts/eligibility.md), same parser, same output text."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.api.parsers import RawJSONParser
from thidua.api.throttling import API_THROTTLES, EligibilityRateThrottle
from thidua.awards.eligibility.engine import evaluate, results_to_text
from thidua.awards.eligibility.parse import EligibilityInputError, parse_json

_PROBLEMS = inline_serializer(
    "EligibilityProblems",
    fields={
        "detail": serializers.CharField(),
        "problems": serializers.ListField(
            child=inline_serializer(
                "EligibilityProblem",
                fields={"path": serializers.CharField(), "message": serializers.CharField()},
            )
        ),
    },
)


class EligibilityCheckView(APIView):
    parser_classes = [RawJSONParser]
    # The engine is CPU-bound: a budget of its own on top of the client's (API_RATE_ELIGIBILITY).
    throttle_classes = [*API_THROTTLES, EligibilityRateThrottle]

    @extend_schema(
        summary="Xét điều kiện danh hiệu thi đua, hình thức khen thưởng",
        description=(
            "Nhận tài liệu JSON như lệnh `thidua eligibility` (docs/contracts/eligibility.md) và trả "
            "đúng kết quả của lệnh đó. Không đọc cơ sở dữ liệu. Lỗi dữ liệu vào: 400 với mọi lỗi và "
            "đường dẫn JSON của nó (thông điệp theo đặc tả, tiếng Anh)."
        ),
        tags=["Khen thưởng"],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description='`{"results": [...]}` theo đặc tả.'),
            400: _PROBLEMS,
        },
        examples=[
            OpenApiExample(
                "Một cá nhân",
                request_only=True,
                value={
                    "as_of": "2026-01-20",
                    "subjects": [
                        {
                            "id": "P-002",
                            "kind": "individual",
                            "name": "Trần Văn Bình",
                            "requested": ["lao_dong_tien_tien"],
                            "year": 2025,
                            "ratings": {"2025": "ht"},
                        }
                    ],
                },
            )
        ],
    )
    def post(self, request: Request) -> Any:
        text = request.data
        if not isinstance(text, str):  # an empty body: DRF skips the parser
            text = ""
        try:
            document = parse_json(text)
            output = results_to_text(evaluate(document.inputs, document.overrides))
        except EligibilityInputError as error:
            problems = [{"path": p.path, "message": p.message} for p in error.problems]
            detail = _("Dữ liệu xét điều kiện không hợp lệ (%(count)s lỗi).") % {"count": len(problems)}
            return Response({"detail": detail, "problems": problems}, status=status.HTTP_400_BAD_REQUEST)
        except RecursionError:
            detail = _("Dữ liệu JSON lồng nhau quá sâu.")
            return Response({"detail": detail, "problems": []}, status=status.HTTP_400_BAD_REQUEST)
        # The command line's very text (indent 1, raw UTF-8), so the two outputs diff cleanly.
        return HttpResponse(output + "\n", content_type="application/json; charset=utf-8")
