"""The officers' user guide: docs/user-guide/*.md, rendered for the admin (pure: text in, HTML out).

The Markdown files are the one source, read in the repository and served to officers, who have no
access to it (views/guide.py). markdown-it-py renders CommonMark with raw HTML turned off, so the guide's
text can never inject markup; links between the guide's files become links between its admin pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_TITLE = re.compile(r"\A\s*# [^\n]*\n")
# Notes to the guide's editors (<!-- … -->): with raw HTML off they would be shown as text.
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)


def guide_title(text: str) -> str:
    """The file's first-level heading."""
    match = _TITLE.match(text)
    return match.group(0).strip()[2:].strip() if match else ""


def guide_html(text: str, *, links: Mapping[str, str]) -> str:
    """The HTML of one guide file without its title (the page shows it), with links to the other files
    of the guide (`thi-dua.md`, `thi-dua.md#anchor`) pointed at their pages through `links`."""
    tokens = _MARKDOWN.parse(_COMMENT.sub("", _TITLE.sub("", text, count=1)))
    for token in tokens:
        for child in token.children or ():
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            name, _hash, anchor = href.partition("#")
            if name in links:
                child.attrSet("href", links[name] + (f"#{anchor}" if anchor else ""))
    return str(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))
