"""wagtail.users pointed at the project's user viewset (settings.INSTALLED_APPS uses this config).

It lives in its own module: a second AppConfig in accounts/apps.py would stop Django from picking
AccountsConfig automatically, and with it the role synchronisation after migrate.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class ThiduaUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "thidua.accounts.viewsets.UserViewSet"
