"""`thidua demo_load`: load the demo once (units first if missing) and print the demo logins.

Run by `make run` (scripts/run_demo.sh) on every start; a second run only prints the logins.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.accounts.roles import ROLES
from thidua.demo import loader
from thidua.org.models import AdminUnit


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, not a lazy string: argparse needs a real str for the description.
        return _("Nạp dữ liệu minh họa (Cụm Thi đua số 1, 2023 và năm nay) và in tài khoản minh họa.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Load even when THIDUA_DEMO is not set.")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not (settings.DEMO or force):
            raise CommandError("Demo accounts only work with THIDUA_DEMO=1; set it, or pass --force.")
        if not AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, valid_until__isnull=True).exists():
            call_command("org_load_units", verbosity=options.get("verbosity", 1))
        if loader.is_loaded():
            self.stdout.write("Dữ liệu minh họa đã có sẵn / demo data already loaded.")
        else:
            loader.load_demo()
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu minh họa / demo data loaded."))
        self.stdout.write(
            f"\nTài khoản minh họa / demo logins (mật khẩu / password: {loader.DEMO_PASSWORD}):"
        )
        for login in loader.demo_logins():
            role = ROLES[login.role].name if login.role in ROLES else login.role
            self.stdout.write(f"  {login.username:<12} {role} – {login.organisation}")
