"""The partner API's rules for query strings, checked before anything else on every endpoint under /api/v1/.

- A parameter an endpoint does not know is a 400 naming it, never silently ignored: a misspelt filter
  (?segmnet=recycling) would otherwise answer the whole unfiltered list, and an integrator would never notice. The
  reason lists the names the endpoint takes.
- A parameter that takes one value, given twice (?page=1&page=2), is a 400 too: which one counts would be a guess.
  Repeatable parameters (?segment=a&segment=b) say so in the schema (an array).
- An empty value is the same as leaving the parameter out (?country=&q= filters nothing), as the HTML forms of the
  pages and of the browsable API send them.
- ?format= takes the formats of the view's renderers; anything else is a 400 naming the value.

The names an endpoint takes are collected, not listed by hand: the filters of every filter backend of the view (a
django-filter FilterSet's filters; any other backend's OpenAPI parameters), its paginator's, `format`, and the
fields of the form a view validates itself (`query_form`, for the searches and analyses) and the names it reads
itself (`query_parameters`). A detail takes `format`
only. Messages are in the language of Accept-Language.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_filters import filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

UNKNOWN_PARAMETER = _(
    "“%(name)s” is not a parameter of this address. It takes: %(names)s."
)
REPEATED_PARAMETER = _("Give “%(name)s” once.")
# Django's own message, already translated in Django's and our catalogues; it names the value.
UNKNOWN_VALUE = _(
    "Select a valid choice. %(value)s is not one of the available choices."
)

MULTIPLE_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)

# Per view class and action: the names it takes, each with whether it may be repeated.
_known: dict[tuple[type, str | None], dict[str, bool]] = {}


def format_parameter() -> str:
    return settings.REST_FRAMEWORK.get("URL_FORMAT_OVERRIDE") or "format"


def _filter_parameters(
    view: APIView, backend_class: type
) -> Iterable[tuple[str, bool]]:
    backend = backend_class()
    if hasattr(backend, "get_filterset_class"):
        # django-filter: the FilterSet's filters. Read from the class, not through get_queryset(), which may
        # query (the caller's permissions) before the request is even allowed.
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return []
        return [
            (name, issubclass(f.field_class, MULTIPLE_FIELDS))
            for name, f in filterset_class.base_filters.items()
            if not isinstance(
                f, filters.RangeFilter
            )  # none here: a range takes two names
        ]
    return [
        (parameter["name"], parameter.get("schema", {}).get("type") == "array")
        for parameter in backend.get_schema_operation_parameters(view)
        if parameter.get("in", "query") == "query"
    ]


def known_parameters(view: APIView) -> dict[str, bool]:
    """The query parameters this view's action takes, each with whether it may be repeated."""
    action = getattr(view, "action", None)
    key = (type(view), action)
    if key not in _known:
        names = {format_parameter(): False}
        names.update((name, False) for name in getattr(view, "query_parameters", ()))
        form = getattr(view, "query_form", None)
        if form is not None:
            names.update(
                (name, isinstance(field, MULTIPLE_FIELDS))
                for name, field in form.base_fields.items()
            )
        if not getattr(view, "detail", False) and action != "retrieve":
            for backend_class in getattr(view, "filter_backends", ()):
                names.update(_filter_parameters(view, backend_class))
            paginator = getattr(view, "paginator", None)
            if paginator is not None:
                names.update(
                    (parameter["name"], False)
                    for parameter in paginator.get_schema_operation_parameters(view)
                )
        _known[key] = names
    return _known[key]


def formats(view: APIView) -> list[str]:
    """The values ?format= takes on this view: its renderers' formats."""
    return sorted({renderer.format for renderer in view.renderer_classes})


def check_query_parameters(view: APIView, request: Request) -> None:
    """Drop empty values from the request's query; ValidationError (a 400) naming each parameter that is unknown,
    repeated without being repeatable, or `format` when it names no renderer of the view."""
    query = request._request.GET
    if any(value == "" for values in query.lists() for value in values[1]):
        query = query.copy()
        for name, values in list(query.lists()):
            query.setlist(name, [value for value in values if value != ""])
            if not query.getlist(name):
                del query[name]
        query._mutable = False
        request._request.GET = query
    known = known_parameters(view)
    errors: dict[str, list[str]] = {}
    for name, values in sorted(query.lists()):
        shown = Truncator(name).chars(40)  # a long name is not echoed whole
        if name not in known:
            listed = ", ".join(sorted(known))
            message = UNKNOWN_PARAMETER % {"name": shown, "names": listed}
            errors[shown] = [str(message)]
        elif len(values) > 1 and not known[name]:
            errors[shown] = [str(REPEATED_PARAMETER % {"name": shown})]
    allowed = formats(view)
    format_name = format_parameter()
    for value in query.getlist(format_name):
        if value not in allowed and format_name not in errors:
            shown = Truncator(value).chars(40)
            errors[format_name] = [str(UNKNOWN_VALUE % {"value": shown})]
    if errors:
        raise ValidationError(errors)


class KnownQueryParameters:
    """Mixin for the API's views: the query string is checked before content negotiation, authentication and work.

    `query_form` is the form class a view validates its query string with itself, beyond its filters and paginator,
    and `query_parameters` names other single-valued parameters it reads itself (a paginator it calls itself).
    """

    query_form: type[forms.Form] | None = None
    query_parameters: Iterable[str] = ()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        check_query_parameters(self, request)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
