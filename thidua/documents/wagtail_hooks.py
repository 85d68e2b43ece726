import thidua.documents.admin  # noqa: F401  (registers the download URLs with Wagtail's admin)
