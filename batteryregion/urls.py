"""Addresses: public pages under /fi/, /sv/ and /en/; admin, API and language switching outside."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from batteryregion import history_admin, views
from coordinators.urls import password_reset_patterns

admin.site.site_header = _("Battery Region Education Map")
admin.site.site_title = _("Administration of the Battery Region Education Map")
admin.site.index_title = _("Data of the education and skills map")
# The index links the change log for those who may read it (templates/admin/history/index.html).
admin.site.index_template = "admin/history/index.html"

urlpatterns = [
    path("favicon.ico", views.favicon),
    path(
        "admin/history/",
        admin.site.admin_view(history_admin.change_log_view),
        name="change_log",
    ),
    # Setting a password: invited coordinators follow the link of their invitation, others reset a forgotten one.
    *password_reset_patterns,
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("batteryregion.api")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # "For coordinators": sets the language cookie to the page's language, which the admin then follows.
    path("coordinators/", views.admin_in_page_language, name="admin_in_page_language"),
    # About, privacy notice and accessibility statement (named "about", "privacy", "accessibility").
    path("", include("about.urls")),
    path("", include("programmes.urls")),
    path("", include("gaps.urls")),
    path("", include("gaps.cooperation.urls")),
    path("", include("batteryregion.news.urls")),
    path("", include("skills.intake.urls")),
)

# Uploaded images (news) in development only; in production the web server serves MEDIA_URL (deploy/nginx.conf).
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the address's language, JSON under /api/, 503 when the database is down (batteryregion/errors.py).
handler400 = "batteryregion.errors.bad_request"
handler403 = "batteryregion.errors.permission_denied"
handler404 = "batteryregion.errors.page_not_found"
handler500 = "batteryregion.errors.server_error"
