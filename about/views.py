"""Who runs the portal, how it treats personal data, and how accessible it is."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from about import selectors, statement


def _tile_host(url_template: str) -> str:
    """The host map backgrounds load from ("tile.openstreetmap.org"), or "" when the map draws no tiles."""
    return urlsplit(url_template).hostname or ""


def about(request: HttpRequest) -> HttpResponse:
    """The partnership, its funders and contacts per country, as coordinators entered them (1 query)."""
    partnership = selectors.partnership_for_about_page()
    context = {
        "partnership": partnership,
        "feedback_email": settings.FEEDBACK_EMAIL,
    }
    return render(request, "about/about.html", context)


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice: what the portal stores about whom and why (1 query: the controllers)."""
    context = {
        "controllers": selectors.controllers_for_privacy_notice(),
        "feedback_email": settings.FEEDBACK_EMAIL,
        # Map backgrounds are the only requests the pages make to another server, and only when tiles are set.
        "tile_host": _tile_host(settings.TILE_URL),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        # None: a browser-session cookie.
        "language_cookie_days": (settings.LANGUAGE_COOKIE_AGE or 0) // 86400,
        "need_contact_days": settings.NEED_CONTACT_RETENTION_DAYS,
    }
    return render(request, "about/privacy.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (no queries: its facts are in about/statement.py and the settings)."""
    context = {
        "prepared_on": statement.PREPARED_ON,
        "reviewed_on": statement.REVIEWED_ON,
        "reply_days": statement.REPLY_DAYS,
        "finland": statement.FINLAND,
        "sweden": statement.SWEDEN,
        "feedback_email": settings.FEEDBACK_EMAIL,
    }
    return render(request, "about/accessibility.html", context)
