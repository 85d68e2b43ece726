"""List the Vietnamese strings of the project that are not wrapped for translation, file by file.

Run from the repository root (see docs/i18n.md):

    .venv/bin/python thidua/locale/find_unwrapped.py            # counts per file, by kind
    .venv/bin/python thidua/locale/find_unwrapped.py -v FILE…   # every string, with its line

Python files are read with `ast`: a string literal or f-string with a Vietnamese letter counts unless
it is an argument of a gettext function, a docstring or other bare string statement, or is compared
or matched (==, in, startswith, re.*), which is data rather than text shown to a person. Templates are
read with Django's template lexer: text, HTML attribute values and string arguments of tags and
filters count unless they are inside {% translate %}, {% blocktranslate %} or a comment.

A heuristic for a checklist, not a linter: it cannot tell a label from data stored in the database;
LEAVE names the files whose Vietnamese is meant to stay as it is.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
MATCHING_METHODS = {"startswith", "endswith", "removeprefix", "removesuffix", "replace", "split", "find"}
SKIPPED_DIRS = {"locale", "locale_wagtail", "migrations", "static", "__pycache__"}
# Vietnamese on purpose: not UI text to wrap (paths relative to thidua/; a trailing / means a folder).
LEAVE = {
    "demo/": "the demonstration world's content (names of units, people, criteria)",
    "emulation/scoring/": "the Django-free scoring engine; its CLI prints Vietnamese / English already",
    "formats/": "Vietnamese date formats",
    "core/formatting.py": "dates in the legal form of Vietnamese documents (ngày … tháng … năm …)",
    "settings.py": "language names in their own language; the default site name (data)",
    "cli.py": "the bilingual help of the `thidua` command",
    "core/views/guide.py": "the officers' user guide, written in Vietnamese only (its section titles)",
    "core/templates/core/guide/": "the frame of the officers' guide; its text is docs/user-guide/, Vietnamese only",
}
TRANSLATE_OPEN = re.compile(r"^blocktrans(late)?\b")
TRANSLATE_CLOSE = re.compile(r"^endblocktrans(late)?\b")
TRANSLATE_TAG = re.compile(r"^trans(late)?\s")
ATTRIBUTE = re.compile(r"""\b([\w:.@-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
TAG = re.compile(r"<[^>]*>")
# The rest of an HTML tag that a template tag or variable interrupted: `">Xem` after href="{% url … %}.
TAG_TAIL = re.compile(r"""^[^<>]*?["']\s*/?>""")


def _call_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def _kind(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    """What the nearest telling ancestor of a string says about it."""
    up = parents.get(node)
    while up is not None:
        if isinstance(up, ast.Call):
            name = _call_name(up)
            if name in GETTEXT:
                return "wrapped"
            if name in MATCHING_METHODS or getattr(getattr(up.func, "value", None), "id", "") == "re":
                return "data"
            if name in {"success", "error", "warning", "info"}:
                return "flash message (messages.*)"
            if name in {"ValidationError", "PermissionDenied", "add_error"}:
                return f"{name}(…)"
        if isinstance(up, ast.Compare):
            return "data"
        if isinstance(up, ast.keyword) and up.arg:
            return f"keyword {up.arg}="
        if isinstance(up, ast.Raise):
            return "raise …(message)"
        if isinstance(up, ast.FunctionDef | ast.AsyncFunctionDef):
            return "__str__" if up.name == "__str__" else "text in a function"
        if isinstance(up, ast.Assign | ast.AnnAssign):
            target = up.targets[0] if isinstance(up, ast.Assign) else up.target
            name = getattr(target, "id", getattr(target, "attr", "?"))
            owner = parents.get(up)
            if isinstance(owner, ast.ClassDef):
                return f"class attribute {name}"
            if isinstance(owner, ast.Module):
                return f"module constant {name}"
        up = parents.get(up)
    return "other"


def python_strings(path: Path) -> Iterator[tuple[int, str, str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parents.get(node), ast.JoinedStr | ast.Expr):
                continue  # part of an f-string, or a docstring
            text = node.value
        else:
            continue
        if VIETNAMESE.search(text) and (kind := _kind(node, parents)) not in {"wrapped", "data"}:
            shown = ast.get_source_segment(source, node) if isinstance(node, ast.JoinedStr) else text
            yield node.lineno, kind, shown or text


def template_strings(path: Path) -> Iterator[tuple[int, str, str]]:
    from django.template.base import Lexer, TokenType

    in_translate = in_comment = False
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        text = token.contents
        if token.token_type == TokenType.BLOCK:
            if text.startswith("comment"):
                in_comment = True
            elif text.startswith("endcomment"):
                in_comment = False
            elif TRANSLATE_OPEN.match(text):
                in_translate = True
            elif TRANSLATE_CLOSE.match(text):
                in_translate = False
            elif not in_comment and not TRANSLATE_TAG.match(text):
                for literal in re.findall(r'"([^"]*)"|\'([^\']*)\'', text):
                    if VIETNAMESE.search("".join(literal)):
                        yield token.lineno, f"{{% {text.split()[0]} %}} argument", "".join(literal)
            continue
        if in_comment or in_translate:
            continue
        if token.token_type == TokenType.VAR:
            if VIETNAMESE.search(text):
                yield token.lineno, "{{ … }} filter argument", text
        elif token.token_type == TokenType.TEXT:
            for match in ATTRIBUTE.finditer(text):
                value = match.group(2) or match.group(3) or ""
                if VIETNAMESE.search(value):
                    yield token.lineno, f"HTML attribute {match.group(1)}=", value
            for chunk in TAG.split(ATTRIBUTE.sub("", TAG_TAIL.sub("", text, count=1))):
                if VIETNAMESE.search(chunk):
                    yield token.lineno, "template text", " ".join(chunk.split())


def files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if not path.is_file() or SKIPPED_DIRS & set(parts):
            continue
        if path.suffix == ".py" or ("templates" in parts and path.suffix in {".html", ".txt"}):
            yield path


def strings(path: Path) -> list[tuple[int, str, str]]:
    return list((python_strings if path.suffix == ".py" else template_strings)(path))


def leave_reason(path: Path) -> str | None:
    relative = path.relative_to(ROOT).as_posix()
    for prefix, reason in LEAVE.items():
        if relative == prefix or (prefix.endswith("/") and relative.startswith(prefix)):
            return reason
    return None


def main(argv: list[str]) -> int:
    import django
    from django.conf import settings

    settings.configure()
    django.setup()
    if argv[:1] == ["-v"]:
        for name in argv[1:] or [str(path) for path in files()]:
            for line, kind, text in strings(Path(name).resolve()):
                print(f"{name}:{line}: [{kind}] {text[:100]!r}")
        return 0
    to_wrap = left = 0
    for path in files():
        found = strings(path)
        if not found:
            continue
        kinds = Counter(kind for _line, kind, _text in found)
        detail = ", ".join(f"{kind} ×{count}" for kind, count in kinds.most_common())
        name = path.relative_to(ROOT.parent).as_posix()
        if reason := leave_reason(path):
            left += len(found)
            print(f"{len(found):4d}  {name}  (leave: {reason})")
        else:
            to_wrap += len(found)
            print(f"{len(found):4d}  {name}  {detail}")
    print(f"{to_wrap} strings to wrap; {left} left in Vietnamese on purpose")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
