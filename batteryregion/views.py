"""Site-wide pages: home and the accessibility statement."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from programmes.models import Programme
from programmes.selectors import segments_for_home
from skills.models import Actor, Occupation, Region


def home(request: HttpRequest) -> HttpResponse:
    """The front page; its figures count published programmes and actors only."""
    segments = list(segments_for_home())
    totals = {
        "programmes": Programme.objects.published().count(),
        "actors": Actor.objects.published().count(),
        "occupations": Occupation.objects.count(),
        "regions": Region.objects.filter(level=3).count(),
    }
    return render(request, "home.html", {"segments": segments, "totals": totals})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers that ask for /favicon.ico get the SVG icon; its hashed name is known only once static files exist."""
    return redirect(static("img/favicon.svg"))
