"""Regenerate the demo's sample registry file, thidua/demo/data/so-khen-thuong-minh-hoa.xlsx, from the
rows in thidua/demo/sample_registry.py (run: .venv/bin/python scripts/demo_registry_xlsx.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("SECRET_KEY", "sample-file-only")  # nothing is signed: only the template is built

import django  # noqa: E402

django.setup()

from thidua.demo.sample_registry import FILE_NAME, build_sample  # noqa: E402

target = ROOT / "thidua" / "demo" / "data" / FILE_NAME
target.write_bytes(build_sample())
print(f"wrote {target.relative_to(ROOT)}")
