"""The load test of issue #15: citizens reading the portal and staff at work in /admin/, together.

Run by scripts/load_test.sh (`make load`) against gunicorn serving a fresh copy of the demo
(thidua demo_load; logins of thidua/demo/loader.py, password thidua-demo). Figures in
docs/benchmarks.md, "Load test: staff and portal together".

Every response is checked: its status and a marker in its body (catch_response); a response that
fails either check is counted as a failure under its request name. The users do what a browser does:

- PortalReader (most of the traffic): the home page, the news sections and their second pages, the
  articles, search with and without diacritics, the administrative map, the published results, RSS;
  after every portal page the view beacon POST that portal.js sends (`/luot-xem/`, the article's
  `page` id, same-origin, the `tdv` visit cookie kept by the session: docs/portal-counting.md).
- Staff sign in through Wagtail's login form (its CSRF token read from the form) and keep the
  session: the member unit officer (donvi) opens the dashboard, the periods and the own unit's report
  grid of the open 2026 period, and saves the self-scores by posting back every field of the grid's
  form with one value changed (what pressing «Lưu» posts); the cluster head (cumtruong) reads the
  period's reports and one report; the province officer (tinh) reads the period's results, the award
  proposals, the registry's timeline and the audit log.

Only one member officer saves at a time (fixed_count=1): two officers saving the same unit's report
concurrently get the 409 of the optimistic lock, which is the intended answer, not a server error.
"""

from __future__ import annotations

import csv
import os
import random
import re
import urllib.request
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.exception import StopUser

PASSWORD = "thidua-demo"
# A browser's User-Agent: the beacon refuses robots, curl and python-requests (rules/counting.py).
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SECTIONS = ["/tin-tuc/", "/thi-dua-khen-thuong/", "/thong-bao/"]
# The demo's 2026 criteria measured in per cent (thidua/demo/emulation.py TEMPLATE_2026): a value
# between 80 and 99 is valid for each (bonus B and penalty P have a maximum of 50 points).
PER_CENT = {"2.1", "3.1", "3.2"}
QUERIES = ["thi đua", "thi dua", "khen thưởng", "khen thuong", "cụm thi đua", "Vĩnh Long", "sơ kết"]


class Page(HTMLParser):
    """The links, the forms' fields and a few attributes of one HTML page (standard library only)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.body_attrs: dict[str, str] = {}
        self.count_page: str | None = None
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "body":
            self.body_attrs = attrs
        if "data-count-page" in attrs:
            self.count_page = attrs["data-count-page"]
        if tag == "form":
            self._form = {"attrs": attrs, "fields": [], "codes": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            self._form["fields"].append((name, attrs.get("value", "")))
            if kind == "text" and "data-code" in attrs:
                self._form["codes"][name] = attrs["data-code"]  # the grid's criterion code
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["fields"].append((name, ""))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select is not None:
            if self._select_value is None or "selected" in attrs:
                self._select_value = attrs.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self._form is not None:
            name, text = self._form["fields"][-1]
            # As browsers do, the newline right after <textarea> is not part of the value.
            self._form["fields"][-1] = (name, (text + data).removeprefix("\n") if not text else text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            self._form["fields"].append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "form":
            self._form = None


def local_links(html: str, pattern: str) -> list[str]:
    """The site's own paths in a page that match pattern, without duplicates, in page order."""
    found: dict[str, None] = {}
    for href in Page(html).links:
        path = urlsplit(href).path if href.startswith("http") else href.split("#")[0]
        if path.startswith("/") and re.search(pattern, path):
            found[path] = None
    return list(found)


# --- What the readers find on the site: read once when the test starts --------------------------
SITE: dict[str, list[str]] = {"articles": [], "results": [], "section_pages": []}


@events.test_start.add_listener
def discover(environment: Any, **_: Any) -> None:
    """The articles and the published results' pages, read from the sections and the results index
    (the demo's addresses are generated from its titles, so they are looked up, not written here)."""
    host = environment.host.rstrip("/")

    def get(path: str) -> str:
        request = urllib.request.Request(host + path, headers={"User-Agent": BROWSER})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read().decode("utf-8")

    articles: dict[str, None] = {}
    for section in SECTIONS:
        html = get(section)
        for link in local_links(html, "^" + re.escape(section) + r"[a-z0-9-]+/$"):
            if not link.endswith("/rss/"):
                articles[link] = None
        if "?trang=2" in html:
            SITE["section_pages"].append(section + "?trang=2")
    SITE["articles"] = list(articles)
    SITE["results"] = local_links(get("/ket-qua-thi-dua/"), r"^/ket-qua-thi-dua/[a-z0-9-]+/$")
    if not SITE["articles"]:
        raise RuntimeError("No article found in the portal's sections: is the demo loaded?")


# --- The final figures ----------------------------------------------------------------------------
FINAL: dict[str, Any] = {}


@events.init.add_listener
def keep_environment(environment: Any, **_: Any) -> None:
    FINAL["environment"] = environment


@events.quit.add_listener
def write_final(exit_code: int, **_: Any) -> None:
    """The figures once every user has stopped, to LOAD_FINAL_CSV (the columns of locust's stats CSV
    that bench/load/summary.py reads). Locust's own CSV is written by a timer that stops with the run,
    so it misses the requests of the tasks the users finish during --stop-timeout: a reader's article
    and its beacon, counted by the server (found by views_check.py, a few in 3,000)."""
    path = os.environ.get("LOAD_FINAL_CSV")
    if not path or "environment" not in FINAL:
        return
    stats = FINAL["environment"].runner.stats
    columns = ["Type", "Name", "Request Count", "Failure Count", "50%", "95%", "99%", "Requests/s"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        entries = sorted(stats.entries.values(), key=lambda e: (e.name, e.method))
        for entry in [*entries, stats.total]:
            writer.writerow(
                [
                    entry.method or "",
                    entry.name,
                    entry.num_requests,
                    entry.num_failures,
                    entry.get_response_time_percentile(0.5),
                    entry.get_response_time_percentile(0.95),
                    entry.get_response_time_percentile(0.99),
                    f"{entry.total_rps:.4f}",
                ]
            )


# --- The citizens --------------------------------------------------------------------------------
class PortalReader(HttpUser):
    """A citizen reading the portal: a page, the beacon its script sends, a pause, the next page."""

    weight = 9
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.client.headers.update({"User-Agent": BROWSER, "Accept-Language": "vi-VN,vi;q=0.9"})
        # A new reader's browser loads the page's stylesheet and script once, then keeps them.
        html = self.page("/", "home", marker="Chuyên mục")
        if html:
            for path in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
                self.asset(path)

    def asset(self, path: str) -> None:
        with self.client.get(path, name="static asset", catch_response=True) as response:
            if response.status_code != 200 or not response.content:
                response.failure(f"status {response.status_code}")

    def page(self, path: str, name: str, *, marker: str) -> str | None:
        """GET a portal page, check it, then send the beacon as portal.js does when it is shown."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return None
            if marker not in response.text:
                response.failure(f"no {marker!r} in the page")
                return None
            html = response.text
        parsed = Page(html)
        beacon = parsed.body_attrs.get("data-beacon")
        if beacon:
            self.beacon(beacon, parsed.count_page)
        return html

    def beacon(self, url: str, page_id: str | None) -> None:
        data = {"page": page_id} if page_id else {}
        headers = {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"}
        name = "beacon (article)" if page_id else "beacon (other page)"
        with self.client.post(url, data=data, headers=headers, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            answer = response.json()
            if not answer.get("counted") or "stats" not in answer:
                response.failure(f"not counted: {answer}")
            elif page_id and not isinstance(answer.get("views"), int):
                response.failure(f"no view count for the article: {answer}")

    @task(4)
    def home(self) -> None:
        self.page("/", "home", marker="Chuyên mục")

    @task(4)
    def section(self) -> None:
        self.page(random.choice(SECTIONS), "section list", marker='class="article-list"')

    @task(1)
    def section_second_page(self) -> None:
        if SITE["section_pages"]:
            self.page(
                random.choice(SITE["section_pages"]), "section list, page 2", marker='class="article-list"'
            )

    @task(10)
    def article(self) -> None:
        self.page(random.choice(SITE["articles"]), "article", marker="data-count-page")

    @task(2)
    def search(self) -> None:
        query = random.choice(QUERIES)
        self.page(f"/tim-kiem/?q={query}", "search", marker="<h1>Tìm kiếm</h1>")

    @task(1)
    def map(self) -> None:
        self.page("/ban-do-hanh-chinh/", "map", marker="<svg")

    @task(1)
    def results(self) -> None:
        self.page("/ket-qua-thi-dua/", "results index", marker='class="result"')
        if SITE["results"]:
            self.page(random.choice(SITE["results"]), "results of a period", marker="<table")

    @task(1)
    def rss(self) -> None:
        path = random.choice(SECTIONS) + "rss/"
        with self.client.get(path, name="RSS", catch_response=True) as response:
            if response.status_code != 200 or "<rss" not in response.text or "<item>" not in response.text:
                response.failure(f"status {response.status_code}, not an RSS feed with items")


# --- The staff -----------------------------------------------------------------------------------
class Staff(HttpUser):
    """A signed-in officer; subclasses say who and what they open."""

    abstract = True
    username = ""
    wait_time = between(2, 8)

    def on_start(self) -> None:
        self.client.headers.update({"User-Agent": BROWSER, "Accept-Language": "vi-VN,vi;q=0.9"})
        self.login()
        self.period_id = self.open_period()

    def login(self) -> None:
        """Wagtail's login form: GET it for the CSRF token and cookie, POST the credentials."""
        with self.client.get("/admin/login/", name="login form", catch_response=True) as response:
            form = next((f for f in Page(response.text).forms if "password" in dict(f["fields"])), None)
            if response.status_code != 200 or form is None:
                response.failure(f"status {response.status_code}, no login form")
                raise StopUser
        fields = dict(form["fields"])
        fields.update({"username": self.username, "password": PASSWORD})
        with self.client.post(
            "/admin/login/",
            data=fields,
            headers={"Referer": self.client.base_url + "/admin/login/"},
            name="login",
            catch_response=True,
        ) as response:
            # The redirect is followed: signed in, the dashboard greets the officer.
            if response.status_code != 200 or urlsplit(response.url).path != "/admin/":
                response.failure(f"status {response.status_code}, landed on {response.url}")
                raise StopUser

    def admin_page(self, path: str, name: str, *, marker: str) -> str | None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return None
            if marker not in response.text:
                response.failure(f"no {marker!r} in the page")
                return None
            return response.text

    def open_period(self) -> int | None:
        """The 2026 period open in the demo: the newest period listed under Thi đua → Kỳ đánh giá."""
        html = self.admin_page("/admin/emulation/periods/", "periods", marker="Kỳ đánh giá, báo cáo")
        ids = [int(m) for m in re.findall(r'href="/admin/emulation/periods/(\d+)/"', html or "")]
        return max(ids) if ids else None

    @task(2)
    def dashboard(self) -> None:
        self.admin_page("/admin/", "dashboard", marker="w-dashboard")


class MemberOfficer(Staff):
    """donvi, officer of a member unit: fills in the own unit's report of the open period."""

    username = "donvi"
    fixed_count = 1

    def grid_path(self) -> str:
        return f"/admin/emulation/periods/{self.period_id}/report/"

    @task(1)
    def periods(self) -> None:
        self.admin_page("/admin/emulation/periods/", "periods", marker="Kỳ đánh giá, báo cáo")

    @task(3)
    def report_grid(self) -> None:
        self.admin_page(self.grid_path(), "report grid", marker="data-report-grid")

    @task(2)
    def report_save(self) -> None:
        """Press «Lưu»: every field of the grid's form as loaded, one self-score typed anew."""
        html = self.admin_page(self.grid_path(), "report grid", marker="data-report-grid")
        if html is None:
            return
        form = next(f for f in Page(html).forms if "data-report-grid" in f["attrs"])
        fields = list(form["fields"])
        numbers = [i for i, (name, _) in enumerate(fields) if form["codes"].get(name) in PER_CENT]
        # A per cent in Vietnamese notation, valid for these criteria, as an officer would type it.
        index = random.choice(numbers)
        fields[index] = (fields[index][0], f"{random.randint(80, 99)},{random.randint(0, 9)}")
        fields.append(("action", "save"))  # the «Lưu» button's name and value
        # multipart/form-data, as the form's enctype makes the browser send (no file chosen).
        parts = [(name, (None, value)) for name, value in fields]
        with self.client.post(
            self.grid_path(), files=parts, name="report save", catch_response=True
        ) as response:
            if response.status_code != 200 or "Đã lưu báo cáo." not in response.text:
                response.failure(f"status {response.status_code}, not saved")


class GroupHead(Staff):
    """cumtruong, officer of the cluster's head unit: reads the members' reports."""

    username = "cumtruong"
    fixed_count = 2

    @task(3)
    def report_list(self) -> None:
        html = self.admin_page(
            f"/admin/emulation/periods/{self.period_id}/reports/", "report list", marker="Các báo cáo"
        )
        ids = re.findall(r'href="/admin/emulation/reports/(\d+)/"', html or "")
        if ids:
            self.admin_page(
                f"/admin/emulation/reports/{random.choice(ids)}/", "report", marker="Báo cáo sơ kết"
            )


class ProvinceOfficer(Staff):
    """tinh, the province's emulation office: results, proposals, the registry, the audit log."""

    username = "tinh"
    fixed_count = 3

    @task(2)
    def period_results(self) -> None:
        self.admin_page(
            f"/admin/emulation/periods/{self.period_id}/dashboard/",
            "period results",
            marker="Kết quả thi đua",
        )

    @task(2)
    def proposals(self) -> None:
        self.admin_page("/admin/awards/proposals/", "award proposals", marker="Đề nghị khen thưởng")

    @task(2)
    def timeline(self) -> None:
        """Search the registry for a name, then open one person's award history."""
        html = self.admin_page(
            "/admin/awards/timeline/?q=Nguyễn", "registry timeline search", marker="Quá trình khen thưởng"
        )
        people = re.findall(r'href="(/admin/awards/timeline/person/\d+/)"', html or "")
        if people:
            self.admin_page(
                random.choice(people), "registry timeline of a person", marker="Quá trình khen thưởng"
            )

    @task(2)
    def audit_log(self) -> None:
        self.admin_page("/admin/audit/", "audit log", marker="Nhật ký thay đổi")
