"""The portal's periodic work, run by the background worker (`thidua db_worker`).

django-tasks has no scheduler, so the tick re-queues itself a minute ahead (the database backend
supports run_after); `thidua portal_schedule` starts the chain and is safe to run at every start:
it queues a tick only when none is waiting. Each tick:
- moves the view and visit counts held in Redis into the database (services.counters.counters_flush);
- publishes the pages whose scheduled time has come (Wagtail's publish_scheduled), so an article
  approved for tomorrow 07:00 goes live then without anyone at the keyboard.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend, task

from thidua.portal.services.counters import counters_flush

logger = logging.getLogger(__name__)
TICK_SECONDS = 60


@task()
def portal_tick() -> int:
    moved = counters_flush()
    call_command("publish_scheduled", verbosity=0)
    portal_tick_schedule(delay=dt.timedelta(seconds=TICK_SECONDS))
    return moved


def _tick_waiting() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().filter(task_path=portal_tick.module_path).exists()


def portal_tick_schedule(*, delay: dt.timedelta = dt.timedelta(0)) -> bool:
    """Queue the next tick unless one is already waiting; returns whether one was queued. The
    immediate backend of the tests cannot defer, so there the chain is not continued."""
    if not default_task_backend.supports_defer:
        return False
    if _tick_waiting():
        return False
    portal_tick.using(run_after=timezone.now() + delay).enqueue()
    return True
