"""The actor and education map page (the filters, the map and the list of the same places), and the region outlines
every map of the portal draws."""

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from programmes.map import (
    MapFilterForm,
    filter_options,
    legend_choices,
    map_config,
    map_focus,
    map_items,
)
from programmes.map_lines import cross_border_lines, line_legend
from programmes.outlines import current_outlines

OUTLINES_MAX_AGE = 365 * 24 * 3600


def map_page(request: HttpRequest) -> HttpResponse:
    """The whole page, or only the results (the list, which map.js also draws) when htmx asks after a filter change.

    `?programme=<slug>` or `?actor=<slug>` (the link under the small map of a programme's or actor's page) shows
    that record's places only, with a note that names it and a link to every place.

    The whole page also carries the optional layer of cross-border links the viewer may see (programmes/map_lines.py),
    which does not follow the filters.

    Bad filter values are a 400 with the form's error, never a 500. Queries: 4 for the results, 7 for the page (the
    cross-border lines' 3; 2 when there is no link) and the outlines' 1 when they are not kept; 1 more for a
    programme or actor.
    """
    form = MapFilterForm(request.GET, options=filter_options())
    focus, focus_error = map_focus(request.GET)
    status = 200
    if form.is_valid() and not focus_error:
        filters = form.filters()
        if focus:
            filters = replace(filters, programme=focus.programme, actor=focus.actor)
        items = map_items(filters)
    else:
        items, status = [], 400
    context = {
        "form": form,
        "items": items,
        "focus": focus,
        "focus_error": focus_error,
    }
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        response = render(
            request, "programmes/includes/map_results.html", context, status=status
        )
    else:
        context["map_config"] = map_config(versioned=True)
        context["kinds"] = legend_choices()
        context["map_lines"] = cross_border_lines(request.user)
        context["line_legend"] = line_legend()
        response = render(request, "programmes/map.html", context, status=status)
    # The same address answers with the page or the results: caches and the back button must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def region_outlines(request: HttpRequest, digest: str = "") -> HttpResponse:
    """The NUTS 3 region outlines as GeoJSON, named in the page's language (programmes/outlines.py): map.js fetches
    them from the address map_config() gives, so pages do not embed them.

    That address carries the digest of the outlines, so its answer never changes: browsers keep it for a year
    (`immutable`) and the page cache leaves its Cache-Control alone. An old digest (a page cached before the outlines
    changed) or none gets today's outlines, revalidated like any page. 0 queries while the outlines are kept."""
    outlines = current_outlines()
    response = HttpResponse(outlines.body, content_type="application/json")
    if digest and digest == outlines.digest:
        patch_cache_control(
            response, public=True, max_age=OUTLINES_MAX_AGE, immutable=True
        )
    return response
