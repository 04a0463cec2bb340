"""The actor and education map page (the filters, the map and the list of the same places), and the region outlines
every map of the portal draws."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from programmes.map import (
    MapFilterForm,
    filter_options,
    kind_choices,
    map_config,
    map_items,
    region_boundaries,
)


def map_page(request: HttpRequest) -> HttpResponse:
    """The whole page, or only the results (the list, which map.js also draws) when htmx asks after a filter change.

    Bad filter values are a 400 with the form's error, never a 500. Queries: 4 for the page and for the results.
    """
    form = MapFilterForm(request.GET, options=filter_options())
    status = 200
    if form.is_valid():
        items = map_items(form.filters())
    else:
        items, status = [], 400
    context = {"form": form, "items": items}
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        response = render(
            request, "programmes/includes/map_results.html", context, status=status
        )
    else:
        context["map_config"] = map_config()
        context["kinds"] = kind_choices()
        response = render(request, "programmes/map.html", context, status=status)
    # The same address answers with the page or the results: caches and the back button must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def region_outlines(request: HttpRequest) -> JsonResponse:
    """The NUTS 3 region outlines as GeoJSON, named in the page's language: map.js fetches them (map_config() gives
    this address), so pages do not embed them. Public answers go through the page cache like every page (an ETag, a
    304 while the data is unchanged); 1 query when not cached."""
    return JsonResponse(
        region_boundaries(), json_dumps_params={"separators": (",", ":")}
    )
