"""The actor and education map page: the filters, the map and the list of the same places."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from programmes.map import (
    MapFilterForm,
    filter_options,
    kind_choices,
    map_config,
    map_items,
)


def map_page(request: HttpRequest) -> HttpResponse:
    """The whole page, or only the results (the list, which map.js also draws) when htmx asks after a filter change.

    Bad filter values are a 400 with the form's error, never a 500. Queries: 5 for the page, 4 for the results.
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
        context["map_config"] = map_config(boundaries=True)
        context["kinds"] = kind_choices()
        response = render(request, "programmes/map.html", context, status=status)
    # The same address answers with the page or the results: caches and the back button must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
