"""Site-wide pages: home and the accessibility statement."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from programmes.selectors import segments_for_home, totals_for_home


def home(request: HttpRequest) -> HttpResponse:
    """The front page; its figures count published programmes and actors only (4 queries)."""
    context = {"segments": segments_for_home(), "totals": totals_for_home()}
    return render(request, "home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers that ask for /favicon.ico get the SVG icon; its hashed name is known only once static files exist."""
    return redirect(static("img/favicon.svg"))
