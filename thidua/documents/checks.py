"""System check: the PDF font has Vietnamese letters.

Debian's fonts-liberation (Liberation 1.x, which Chromium pulls in) is named "Liberation Serif" like
fonts-liberation2 but lacks letters such as "ạ" (U+1EA1): fontconfig then fills them in from another font,
and every PDF (reports, decisions, certificates) mixes two typefaces inside one word. CI once failed on
exactly that. `thidua check` says so before an officer prints a certificate.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

from django.core.checks import CheckMessage, Warning, register

from thidua.documents.render.pdf import FONT_STACK

# Letters that only fonts with full Vietnamese coverage have (ạ, ữ, ỹ).
VIETNAMESE_PROBES = ("1ea1", "1eef", "1ef9")


def _families_with_vietnamese() -> set[str] | None:
    """The font families fontconfig knows that carry every probe letter; None without fc-list."""
    if shutil.which("fc-list") is None:
        return None
    charset = " ".join(VIETNAMESE_PROBES)
    try:
        out = subprocess.run(
            ["fc-list", f":charset={charset}", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {name.strip().lower() for line in out.splitlines() for name in line.split(",")}


@register()
def pdf_font_has_vietnamese(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found = _families_with_vietnamese()
    if found is None:
        return []
    names = re.findall(r'"([^"]+)"', FONT_STACK)
    if any(name.lower() in found for name in names):
        return []
    return [
        Warning(
            f"No font of the PDF font stack ({', '.join(names)}) has Vietnamese letters: "
            "PDFs will mix in a fallback font.",
            hint="Install Debian's fonts-liberation2 (fonts-liberation 1.x lacks Vietnamese).",
            id="documents.W001",
        )
    ]
