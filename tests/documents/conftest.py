"""What the documents tests share: the demo data loaded for a test, and a signed-in demo login."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from thidua.accounts.models import User
from thidua.demo import loader


@pytest.fixture
def demo(settings: Any) -> None:
    settings.DEMO = True
    call_command("org_load_units", province=["86"], verbosity=0)
    loader.load_demo()


@pytest.fixture
def demo_client() -> Any:
    """demo_client("tinh"): a client signed in as that demo login."""

    def signed_in(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return signed_in
