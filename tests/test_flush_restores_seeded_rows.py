"""The test harness: after a transactional test's flush, the rows data migrations seed are back.

Two transactional tests in one module run on one worker, in order (pytest-xdist --dist loadscope),
so the second sees the database the first one's flush left behind. CI once failed on document
uploads that ran after such a flush and found no root collection.
"""

from __future__ import annotations

import pytest


@pytest.mark.django_db(transaction=True)
def test_first_transactional_test_empties_a_page() -> None:
    from wagtail.models import Page

    from thidua.portal.models import HomePage

    HomePage.objects.all().delete()
    assert not Page.objects.filter(depth=2).exists()


@pytest.mark.django_db(transaction=True)
def test_after_the_flush_the_seeded_rows_are_back() -> None:
    from wagtail.models import Collection, Locale, Site

    from thidua.portal.models import HomePage

    assert Collection.get_first_root_node() is not None
    assert Locale.objects.exists()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
