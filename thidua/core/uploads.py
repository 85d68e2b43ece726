"""The one guard for uploaded files, before anything reads them: zip archives (xlsx, docx) by what
their directory declares, and the names people gave their files.

Zip bombs. An .xlsx or .docx is a zip archive; a 1 MB upload may unpack to gigabytes (a sheet of
zeros compresses about a thousand times). openpyxl unpacks what it reads, so the sizes the archive
declares in its central directory are summed first, without unpacking anything, and the file is
refused over a cap. The declared sizes cannot be exceeded by a lying archive: Python's zipfile stops
each member at its declared size (and fails its checksum), so the sum bounds what any reader gets.

Names. A browser sends whatever name it likes: ../../etc/passwd.pdf, C:\\x\\y.pdf, a NUL byte, a
right-to-left override that shows "evil\u202efdp.exe" as "evilexe.pdf", thousands of characters.
Stored files are never named after the upload (the services name them by criterion or kind, inside
their storage); upload_name() is the name shown and offered back for download.

Lying extensions. content_matches() reads a file's first bytes (filetype) and tells whether they are
what its extension says: an .html, .svg or .exe renamed .pdf is refused.
"""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from typing import Literal

import filetype

__all__ = ["MAX_NAME_LENGTH", "MAX_ZIP_ENTRIES", "content_matches", "upload_name", "zip_refusal"]

# An Office file has a few dozen parts; a directory of a hundred thousand is an attack on the parser
# of the directory itself.
MAX_ZIP_ENTRIES = 10_000
MAX_NAME_LENGTH = 255
FALLBACK_NAME = "tep"


def zip_refusal(data: bytes, *, max_unpacked: int) -> Literal["not_zip", "too_big"] | None:
    """Why the archive must not be opened, or None when it may be: "not_zip" (not a zip archive,
    or a damaged one), "too_big" (it declares more than max_unpacked bytes once unpacked, or more
    entries than any Office file has). Reads only the central directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return "not_zip"
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > max_unpacked:
        return "too_big"
    return None


def _shown(char: str) -> bool:
    # Controls (NUL, line breaks) and format characters (bidirectional overrides and isolates,
    # zero-width joiners, byte order marks) change what a name looks like without being seen.
    return unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def upload_name(name: str | None) -> str:
    """The name to show and to offer for download: the last part of any path (either slash), NFC,
    without invisible or control characters, without leading dots (no hidden or relative names), at
    most 255 characters with its extension kept. Never empty."""
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(char for char in text if _shown(char))
    text = " ".join(text.split()).lstrip(". ")
    if len(text) > MAX_NAME_LENGTH:
        stem, extension = os.path.splitext(text)
        extension = extension if len(extension) <= 16 else ""
        text = stem[: MAX_NAME_LENGTH - len(extension)] + extension
    return text or FALLBACK_NAME


# What the first bytes may be for each extension. Office Open XML and OpenDocument files are zip
# archives that filetype names by the parts it finds first; a generator that writes its parts in
# another order is seen as a plain zip, which is no script either. Word 97 and Excel 97 files share one
# container (OLE), which filetype names by its own guess.
_OFFICE_ZIP = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"})
_OLE = frozenset({"doc", "xls", "ppt"})
_CONTENT = {
    "pdf": frozenset({"pdf"}),
    "docx": _OFFICE_ZIP,
    "xlsx": _OFFICE_ZIP,
    "odt": _OFFICE_ZIP,
    "ods": _OFFICE_ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "png": frozenset({"png"}),
    "jpg": frozenset({"jpg"}),
    "jpeg": frozenset({"jpg"}),
    "webp": frozenset({"webp"}),
    "gif": frozenset({"gif"}),
}


def content_matches(head: bytes, name: str) -> bool:
    """Whether the file's first bytes (8 KB are enough) are what its extension says. An extension
    without a known signature (text formats) never matches: such files are not accepted here."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    kind = filetype.guess(head)
    return kind is not None and kind.extension in _CONTENT.get(extension, frozenset())
