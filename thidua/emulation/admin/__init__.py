"""The emulation app inside Wagtail's admin: URL registration, the "Thi đua" menu, viewsets, panels.

Each module registers its own hooks when imported; thidua/emulation/wagtail_hooks.py imports this package.
"""

from thidua.emulation.admin import dashboard, menu, reports, rulesets, templates, votes  # noqa: F401
