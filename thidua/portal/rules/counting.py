"""What counts as a view (docs/portal-counting.md): pure checks on a beacon request's headers."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# A visitor seen within this many seconds is "online now" (the seed's "Đang online").
ONLINE_SECONDS = 5 * 60
# A visit (lượt truy cập) ends after this much silence; the next view starts a new one.
VISIT_IDLE_SECONDS = 30 * 60

# Crawlers, link previewers, monitors and command-line clients announce themselves in the User-Agent.
# So do most automated browsers: headless Chromium (Puppeteer, Playwright, Selenium, prerender
# services) sends "HeadlessChrome/<version>" (checked on Debian's Chromium 156 under Playwright),
# PhantomJS "PhantomJS/", SlimerJS "SlimerJS/", jsdom "jsdom/", Lighthouse and PageSpeed
# "Chrome-Lighthouse". Playwright adds no marker of its own, and headless Firefox and WebKit send
# their ordinary User-Agent: those cannot be told from a reader by their headers.
_BOT = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|monitor|pingdom|uptime|"
    r"curl|wget|python-requests|python-urllib|httpx|aiohttp|go-http-client|java/|okhttp|libwww|"
    r"scrapy|lighthouse|pagespeed|headlesschrome|phantomjs|slimerjs|jsdom/",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """A request without a User-Agent or with a robot's is not a reader."""
    return not user_agent.strip() or bool(_BOT.search(user_agent))


def is_prefetch(headers: dict[str, str]) -> bool:
    """Browsers mark speculative loads (Sec-Purpose: prefetch / prerender, the older Purpose and
    X-Moz headers); the beacon's script also waits for a prerendered page to be shown."""
    for name in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"):
        value = headers.get(name, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False


def vietnam_day(moment: dt.datetime) -> dt.date:
    """The calendar day in Việt Nam of an aware moment: "today" of the statistics box."""
    return moment.astimezone(VIETNAM).date()


def week_start(day: dt.date) -> dt.date:
    """Monday of the day's week ("Trong tuần" counts from Monday)."""
    return day - dt.timedelta(days=day.weekday())


def week_days(day: dt.date) -> list[dt.date]:
    """Monday to the day itself: the days whose visits "Trong tuần" adds up."""
    monday = week_start(day)
    return [monday + dt.timedelta(days=n) for n in range((day - monday).days + 1)]
