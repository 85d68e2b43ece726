"""Refresh and check the project's Vietnamese catalogue of Wagtail's strings (see README.md here).

    python thidua/locale_wagtail/build_catalogue.py          merge the installed Wagtail's msgids
                                                             into vi/LC_MESSAGES/*.po, compile the
                                                             .mo files, report what needs work
    python thidua/locale_wagtail/build_catalogue.py --check  report only; exit 1 if anything is
                                                             missing, untranslated, fuzzy or has
                                                             placeholders that do not match

The sources are the English catalogues Wagtail ships (wagtail/**/locale/en/LC_MESSAGES/*.po), which
hold every msgid of every Wagtail app. Translations already here are kept; msgids that Wagtail
dropped go to the end of the file as obsolete (#~) entries, where a later merge can reuse them;
new msgids that resemble an old one come in marked fuzzy with the old translation, to review.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import re
import sys
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
LC_MESSAGES = HERE / "vi" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
HEADER_COMMENT = """\
# Vietnamese translation of Wagtail's strings, kept by the Thi đua project.
# Built from Wagtail {version}; refresh with thidua/locale_wagtail/build_catalogue.py.
# This file is distributed under the same license as the Wagtail package (BSD-3-Clause).
#"""

PRINTF = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<conv>[diouxXeEfFgGcrsa%])"
)
BRACE = re.compile(r"\{(\w*)(?:[!:][^{}]*)?\}")
TAG = re.compile(r"<[^<>]+>")


def wagtail_dir() -> Path:
    spec = importlib.util.find_spec("wagtail")
    if spec is None or spec.origin is None:
        raise RuntimeError("Wagtail is not installed")
    return Path(spec.origin).parent


def wagtail_version() -> str:
    match = re.search(r"^VERSION = \((\d+), (\d+), (\d+)", (wagtail_dir() / "__init__.py").read_text(), re.M)
    return ".".join(match.groups()) if match else "unknown"


def po_path(domain: str) -> Path:
    return LC_MESSAGES / f"{domain}.po"


def source_catalogue(domain: str) -> Catalog:
    """Every msgid of the installed Wagtail's English catalogues for a domain, deduplicated."""
    root = wagtail_dir()
    template = Catalog(fuzzy=False)
    for path in sorted(root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        prefix = "/".join(("wagtail", *path.relative_to(root).parts[:-4]))
        with path.open("rb") as f:
            source = read_po(f)
        for message in source:
            if not message.id:
                continue
            locations = [(f"{prefix}/{filename}", None) for filename, _line in message.locations]
            known = template.get(message.id, message.context)
            if known is not None:
                known.locations = list(dict.fromkeys([*known.locations, *locations]))
                continue
            flags = set(message.flags) - {"fuzzy"}
            template[message.id] = Message(
                message.id, "", locations=list(dict.fromkeys(locations)), flags=flags, context=message.context
            )
    return template


def read_catalogue(domain: str) -> Catalog:
    path = po_path(domain)
    if path.exists():
        with path.open("rb") as f:
            return read_po(f, locale="vi")
    return Catalog(locale="vi", project="Wagtail", fuzzy=False, language_team="Thi đua project")


def _strings(message: Message) -> tuple[str, ...]:
    string = message.string
    return tuple(string) if isinstance(string, (tuple, list)) else (string or "",)


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def is_translated(message: Message) -> bool:
    return "fuzzy" not in message.flags and all(s.strip() for s in _strings(message))


def _printf(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    named, positional = set(), []
    for match in PRINTF.finditer(text):
        if match["conv"] == "%":
            continue
        if match["name"] is not None:
            named.add(f"%({match['name']}){match['conv']}")
        else:
            positional.append(match["conv"])
    return frozenset(named), tuple(positional)


def _placeholders(text: str, printf: bool) -> dict[str, object]:
    named, positional = _printf(text) if printf else (frozenset(), ())
    return {
        "named": named,
        "positional": positional,
        "brace": frozenset(f"{{{m}}}" for m in BRACE.findall(text)),
        "tags": Counter(TAG.findall(text)),
    }


def placeholder_problems(message: Message, flags: set[str] | None = None) -> list[str]:
    """How a translation's placeholders and HTML tags differ from its msgid's (empty if they match).

    A plural msgid has one Vietnamese form, used for every count: like msgfmt --check-format, this
    wants every name of the English plural form in it, and allows the singular form's names too.
    """
    flags = set(message.flags) if flags is None else set(flags)
    printf = bool({"python-format", "javascript-format", "c-format"} & flags)
    ids = [_placeholders(text, printf) for text in _ids(message)]
    problems = []
    for string in _strings(message):
        got = _placeholders(string, printf)
        for kind in ("named", "brace"):
            allowed = frozenset().union(*(p[kind] for p in ids))
            required = ids[-1][kind]
            if not got[kind] <= allowed or not required <= got[kind]:
                problems.append(f"{kind}: msgid {sorted(allowed)} msgstr {sorted(got[kind])}")
        if got["positional"] not in {p["positional"] for p in ids}:
            problems.append(f"positional: msgid {ids[-1]['positional']} msgstr {got['positional']}")
        if all(got["tags"] != p["tags"] for p in ids):
            problems.append(
                f"tags: msgid {sorted(ids[-1]['tags'].elements())} msgstr {sorted(got['tags'].elements())}"
            )
    return problems


def _label(message: Message) -> str:
    context = f"[{message.context}] " if message.context else ""
    return f"{context}{_ids(message)[0]!r}"


def check(domain: str, catalogue: Catalog | None = None) -> dict[str, list[str]]:
    """Problems of a domain's catalogue against the installed Wagtail, by kind."""
    catalogue = read_catalogue(domain) if catalogue is None else catalogue
    report: dict[str, list[str]] = {"missing": [], "untranslated": [], "fuzzy": [], "placeholders": []}
    for source in source_catalogue(domain):
        if not source.id:
            continue
        message = catalogue.get(source.id, source.context)
        if message is None or _ids(message) != _ids(source):
            report["missing"].append(_label(source))
        elif "fuzzy" in message.flags:
            report["fuzzy"].append(_label(source))
        elif not is_translated(message):
            report["untranslated"].append(_label(source))
        else:
            problems = placeholder_problems(message, set(source.flags) | set(message.flags))
            report["placeholders"] += [f"{_label(source)}: {p}" for p in problems]
    return report


def compile_mo(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def _fingerprint(catalogue: Catalog) -> list[tuple]:
    return [(m.context, _ids(m), _strings(m), sorted(m.flags)) for m in catalogue if m.id]


def build(domain: str) -> Catalog:
    """Merge the installed Wagtail's msgids into the domain's .po and compile its .mo."""
    catalogue = read_catalogue(domain)
    before = _fingerprint(catalogue)
    catalogue.update(source_catalogue(domain), no_fuzzy_matching=False, update_creation_date=False)
    version = wagtail_version()
    catalogue.project, catalogue.version = "Wagtail", version
    catalogue.header_comment = HEADER_COMMENT.format(version=version)
    catalogue.last_translator = "Thi đua project"
    catalogue.msgid_bugs_address = ""
    if _fingerprint(catalogue) != before or not isinstance(catalogue.revision_date, dt.datetime):
        catalogue.revision_date = dt.datetime.now(dt.UTC).replace(microsecond=0)
    LC_MESSAGES.mkdir(parents=True, exist_ok=True)
    with po_path(domain).open("wb") as f:
        write_po(f, catalogue, width=100, include_lineno=False, sort_output=False, omit_header=False)
    # Read back what was written, so the .mo is exactly the .po's.
    written = read_catalogue(domain)
    po_path(domain).with_suffix(".mo").write_bytes(compile_mo(written))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="report only, do not write")
    args = parser.parse_args(argv)
    failed = False
    for domain in DOMAINS:
        catalogue = read_catalogue(domain) if args.check else build(domain)
        report = check(domain, catalogue)
        total = sum(1 for m in source_catalogue(domain) if m.id)
        done = total - sum(len(report[k]) for k in ("missing", "untranslated", "fuzzy"))
        print(f"{domain}: {done}/{total} of Wagtail {wagtail_version()}'s msgids translated")
        for kind, items in report.items():
            if items:
                failed = True
                print(f"  {kind} ({len(items)}):")
                print("\n".join(f"    {item}" for item in items))
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
