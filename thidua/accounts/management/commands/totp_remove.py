"""`thidua totp_remove USERNAME`: remove a user's authenticator (a lost phone) from the command line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.models import User
from thidua.accounts.services import totp_device_remove


class Command(BaseCommand):
    help = "Remove a user's TOTP authenticator; the removal is audited as done by the system."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="why, for the audit log")

    def handle(self, *args: Any, username: str, reason: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        removed = totp_device_remove(actor=None, user=user, reason=reason)
        self.stdout.write(f"{username}: {removed} device(s) removed.")
