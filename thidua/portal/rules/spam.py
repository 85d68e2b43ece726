"""Spam checks of the contact form without a third-party CAPTCHA (pure).

- A honeypot: a field people never see (hidden from view and from screen readers, skipped by Tab)
  that form-filling robots fill in.
- Time: the form carries the moment it was shown, signed by the server; a person needs more than a
  few seconds to write, and a form kept for days is stale (its signature expires).
"""

from __future__ import annotations

MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600


def too_fast(elapsed_seconds: float) -> bool:
    return elapsed_seconds < MIN_SECONDS


def honeypot_filled(value: str) -> bool:
    return bool(value.strip())
