"""Folding Vietnamese text for search: "Thi đua" and "thi dua" fold to the same key.

Readers type without diacritics on phones and in search boxes, so the portal stores a folded copy of
each page's text and folds the query the same way; a plain substring match on the folded column then
behaves alike on SQLite and PostgreSQL (no unaccent extension, no collation differences).
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d with a combining mark, so NFD does not split them.
_D = str.maketrans({"đ": "d", "Đ": "d"})
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case, no diacritics, words separated by one space: "Thi đua – Khen thưởng" → "thi dua khen thuong"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(bare))


def query_terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a query, without repeats, at most `limit` of them (a long pasted text
    would otherwise become dozens of LIKE clauses)."""
    terms: list[str] = []
    for word in fold(query).split():
        if word not in terms:
            terms.append(word)
    return terms[:limit]
