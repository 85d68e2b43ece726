"""Admin screens of the emulation app, registered with Wagtail: each part in its own module, imported here
(Wagtail loads this module by name)."""

from thidua.emulation import (  # noqa: F401
    wagtail_hooks_dashboard,
    wagtail_hooks_reports,
    wagtail_hooks_templates,
    wagtail_hooks_votes,
)
