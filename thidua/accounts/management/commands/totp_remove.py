"""`thidua totp_remove USERNAME --reason "…"`: reset a user's second factor (a lost phone) from the
command line: the authenticator and the backup codes, as a system admin does on the Users screens."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.models import User
from thidua.accounts.services import two_factor_reset


class Command(BaseCommand):
    help = "Reset a user's second factor (authenticator and backup codes); audited as done by the system."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="why, for the audit log")

    def handle(self, *args: Any, username: str, reason: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        try:
            removed = two_factor_reset(actor=None, user=user, reason=reason)
        except ValidationError as error:
            raise CommandError("A reason is required (--reason).") from error
        self.stdout.write(f"{username}: {removed} device(s) removed.")
