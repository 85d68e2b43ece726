"""Services of the public portal."""

from thidua.portal.services.pages import portal_home_ensure

__all__ = ["portal_home_ensure"]
