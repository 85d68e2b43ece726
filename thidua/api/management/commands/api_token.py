"""`thidua api_token create --user USERNAME --name NAME [--days N]`, `thidua api_token revoke ID`,
`thidua api_token list`: a thin command line over thidua.api.services.tokens (acting as the system)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.api.models import ApiToken
from thidua.api.services.tokens import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Cấp, thu hồi, liệt kê mã truy cập API / Issue, revoke, list API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Cấp mã truy cập mới (mã chỉ hiện một lần).")
        create.add_argument("--user", required=True, help="Tên đăng nhập của tài khoản đại diện.")
        create.add_argument("--name", required=True, help="Tên hệ thống sẽ dùng mã.")
        create.add_argument(
            "--days", type=int, default=None, help="Số ngày hiệu lực (mặc định: không hết hạn)."
        )
        revoke = sub.add_parser("revoke", help="Thu hồi một mã truy cập.")
        revoke.add_argument("id", type=int)
        revoke.add_argument("--reason", default="")
        sub.add_parser("list", help="Liệt kê các mã truy cập.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                self._create(options)
            elif options["action"] == "revoke":
                self._revoke(options)
            else:
                self._list()
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None

    def _create(self, options: dict[str, Any]) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{options['user']}».")
        issued = api_token_create(actor=None, user=user, name=options["name"], days=options["days"])
        token = issued.token
        expiry = f"{token.expires_at:%d/%m/%Y %H:%M}" if token.expires_at else "không hết hạn"
        self.stderr.write(
            f"Đã cấp mã số {token.pk} «{token.name}» cho {user.get_username()} ({expiry}). "
            "Hãy lưu mã dưới đây ngay: nó không được hiển thị lại."
        )
        # The secret alone on standard output, so a script can capture it: TOKEN=$(thidua api_token …)
        self.stdout.write(issued.secret)

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(pk=options["id"]).first()
        if token is None:
            raise CommandError(f"Không có mã truy cập số {options['id']}.")
        api_token_revoke(actor=None, token=token, reason=options["reason"])
        self.stdout.write(f"Đã thu hồi mã số {token.pk} «{token.name}».")

    def _list(self) -> None:
        for token in ApiToken.objects.select_related("user").order_by("pk"):
            state = "đã thu hồi" if token.revoked_at else "đang dùng"
            expiry = f"{token.expires_at:%d/%m/%Y}" if token.expires_at else "-"
            used = f"{token.last_used_at:%d/%m/%Y %H:%M}" if token.last_used_at else "-"
            self.stdout.write(
                f"{token.pk}\t{token.prefix}…\t{token.name}\t{token.user.get_username()}\t{state}\t"
                f"hết hạn {expiry}\tdùng lần cuối {used}"
            )
