from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only so that Django finds its `demo_load` command; the demo has no models.

    The command lives here, not in core: loading the demo needs accounts, org and emulation, and core
    imports no domain app (docs/architecture.md). Nothing else may import thidua.demo.
    """

    name = "thidua.demo"
    label = "demo"
