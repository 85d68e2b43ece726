"""Admin screens of the emulation app, registered with Wagtail: each part in its own module, imported here
(Wagtail loads this module by name)."""

import thidua.emulation.wagtail_hooks_reports  # noqa: F401
from thidua.emulation import wagtail_hooks_dashboard  # noqa: F401
