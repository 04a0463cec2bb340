"""Site-wide pages: home, and the way from the public pages into the admin."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from batteryregion.news.selectors import news_for_home
from programmes.selectors import segments_for_home, totals_for_home


def home(request: HttpRequest) -> HttpResponse:
    """The front page; its figures count published programmes and actors only, and the three newest news items
    (5 queries)."""
    context = {
        "segments": segments_for_home(),
        "totals": totals_for_home(),
        "news": news_for_home(),
    }
    return render(request, "home.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers that ask for /favicon.ico get the SVG icon; its hashed name is known only once static files exist."""
    return redirect(static("img/favicon.svg"))


@never_cache
def admin_in_page_language(request: HttpRequest) -> HttpResponse:
    """The layout's "For coordinators" link: on to the admin, in the language of the page it was followed from.

    The admin's addresses carry no language, so LocaleMiddleware reads the language cookie there before the
    browser's Accept-Language; this sets the cookie (as the admin's own language switch does) to the page's language.
    """
    response = redirect(reverse("admin:index"))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        get_language(),
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
