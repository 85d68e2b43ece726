"""The OpenAPI description's hooks: only /api/v1/ is described (not Wagtail's admin API, which
also runs on DRF), and the bearer token is declared as a security scheme."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


def only_api_v1(endpoints: list[tuple[str, str, str, Any]], **kwargs: Any) -> list[tuple[str, str, str, Any]]:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "thidua.api.authentication.ApiTokenAuthentication"
    name = "maTruyCap"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Mã truy cập do quản trị hệ thống cấp (`thidua api_token create`), dạng `thidua_…`.",
        }
