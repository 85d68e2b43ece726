import thidua.api.admin  # noqa: F401  (the API tokens screen; Wagtail discovers this module by name)
