"""Picking rows in the admin's searchable choosers (core.admin.choosers) the way an officer does."""

from __future__ import annotations

from typing import Any


def _search(modal: Any, search: str) -> None:
    """Type the search and wait for its results: the count Wagtail announces only for a search. A row
    ticked in the list shown before would be gone when the results replace it."""
    from playwright.sync_api import expect

    modal.locator("input[name=q]").fill(search)
    expect(modal.locator("#search-results [role=alert]")).to_be_visible()


def _closed(page: Any) -> None:
    """Wait until the chooser's modal is gone, not only hidden: Wagtail's ModalWorkflow removes it on
    Bootstrap's hidden event, after the fade, when the body gets its scrollbar padding back. A click
    sent during the fade can land beside its button (CI once clicked a row's «Bỏ» with no effect)."""
    from playwright.sync_api import expect

    expect(page.locator(".modal")).to_have_count(0)
    expect(page.locator(".modal-backdrop")).to_have_count(0)


def fill_date(page: Any, selector: str, text: str) -> None:
    """Type a date into an admin date field and leave it with its calendar closed. Wagtail's picker opens
    a moment after the field takes focus and lies over the fields below it: a click on the next chooser's
    button landed on the calendar's day cell (CI on the proposal flow). So wait for the calendar to open,
    type, and leave the field with Tab, which closes it."""
    from playwright.sync_api import expect

    pickers = page.locator(".xdsoft_datetimepicker:visible")
    page.locator(selector).click()
    expect(pickers).to_have_count(1)
    page.fill(selector, text)
    page.locator(selector).press("Tab")
    expect(pickers).to_have_count(0)


def choose(page: Any, field: str, search: str, name: str) -> None:
    """Open the chooser of the field with the element id `field`, search, click the one row named `name`."""
    from playwright.sync_api import expect

    page.locator(f"#{field}-chooser .unchosen button[data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    _search(modal, search)
    result = modal.locator("a[data-chooser-modal-choice]", has_text=name)
    expect(result).to_have_count(1)
    result.click()
    _closed(page)


def choose_several(page: Any, field: str, search: str, names: list[str]) -> None:
    """The multiple chooser (core.widgets.ScopedMultipleChooser): search, tick each row, confirm."""
    from playwright.sync_api import expect

    page.locator(f"#{field}-chooser [data-thidua-multi-choose]").click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    _search(modal, search)
    for name in names:
        row = modal.locator("tr", has_text=name)
        expect(row).to_have_count(1)
        row.locator("input[data-multiple-choice-select]").check()
    modal.locator("[data-multiple-choice-submit]").click()
    _closed(page)
