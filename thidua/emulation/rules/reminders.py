"""When a unit's report is worth an e-mail (pure; the service decides who and records what was sent)."""

from __future__ import annotations


def reminder_due(*, days_left: int, overdue_every: int) -> bool:
    """Whether today's run reminds a unit whose report is `days_left` days from its deadline.

    Before the deadline and on the day itself the selector has already kept only the period's window
    (Period.remind_days_before), so every such day is a reminder. After it, while the period is still
    open, the report is overdue: the first day after the deadline, then every `overdue_every` days
    (1, 1 + n, 1 + 2n, … days late), so a late unit is chased without a mail every morning. Zero or
    less turns overdue mails off, leaving the dashboard's notice only.
    """
    if days_left >= 0:
        return True
    if overdue_every <= 0:
        return False
    return (-days_left - 1) % overdue_every == 0
