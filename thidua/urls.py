from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from thidua.core.views import health as core_views
from thidua.documents import views as documents_views
from thidua.portal.views import beacon as portal_beacon
from thidua.portal.views import search as portal_search

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # The public portal (thidua/portal): the view beacon, search, the XML sitemap.
    path("luot-xem/", portal_beacon.beacon, name="portal_beacon"),
    path("tim-kiem/", portal_search.search_view, name="portal_search"),
    path("sitemap.xml", sitemap, name="portal_sitemap_xml"),
    # What a certificate's QR code opens (thidua/documents): public, the token signed.
    path("xac-thuc/<str:token>/", documents_views.verify_view, name="documents_verify"),
    # The REST API and its OpenAPI description (thidua/api, docs/api.md).
    path("api/", include("thidua.api.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.DEMO:
    # static() adds nothing unless DEBUG is on; the demo server (DEBUG off) still shows the portal's
    # images. Production serves MEDIA_ROOT from the reverse proxy.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", static_serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
