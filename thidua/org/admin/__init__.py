"""The org app inside Wagtail's admin: the registry viewsets, the Excel import screens, the home panel.

Each module registers its own hooks when imported; thidua/org/wagtail_hooks.py imports this package.
"""

from thidua.org.admin import imports, viewsets  # noqa: F401
