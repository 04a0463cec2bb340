"""Old identifiers keep working: a record's slug or code that changes is kept as an alias of the record, a request
for it is answered with a 301 to the record's current address (API details and the public pages), and no other
record may take it. A resource addressed by its primary key (links between actors) is never renamed and has none."""

from typing import Any

from django.db import models
from django.db.models.signals import post_save, pre_save
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from batteryregion.sync.models import IdentifierAlias
from batteryregion.sync.resources import Resource, resource_of_model, resources

# Public pages addressed by a resource's identifier: URL name → resource name.
PUBLIC_PAGES = {
    "programmes:programme_detail": "programme",
    "programmes:actor_detail": "actor",
    "programmes:occupation_detail": "occupation",
    "programmes:skill_detail": "skill",
}


def identifier_errors(record: models.Model) -> dict[str, list[str]]:
    """A validation error on the identifier field when it is an old identifier of another record (one query)."""
    resource = resource_of_model().get(type(record))
    if resource is None or not resource.renamable:
        return {}
    value = getattr(record, resource.identifier)
    if value in (None, ""):
        return {}
    taken = (
        IdentifierAlias.objects.filter(resource=resource.name, identifier=str(value))
        .exclude(record_id=record.pk or 0)
        .exists()
    )
    if not taken:
        return {}
    field = record._meta.get_field(resource.identifier)
    message = _(
        "Another %(kind)s had this %(field)s before, and its old links still lead there; choose another."
    ) % {"kind": record._meta.verbose_name, "field": field.verbose_name}
    return {resource.identifier: [message]}


def _before_save(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    resource = resource_of_model()[sender]
    instance._identifier_before = (
        None
        if kwargs.get("raw") or instance.pk is None
        else sender._base_manager.filter(pk=instance.pk)
        .values_list(resource.identifier, flat=True)
        .first()
    )


def _after_save(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    before = getattr(instance, "_identifier_before", None)
    if before is None:
        return
    resource = resource_of_model()[sender]
    now = str(getattr(instance, resource.identifier))
    if str(before) == now:
        return
    IdentifierAlias.objects.update_or_create(
        resource=resource.name,
        identifier=str(before),
        defaults={"record_id": instance.pk, "created_at": timezone.now()},
    )
    # Renamed back: the identifier is current again, not an alias.
    IdentifierAlias.objects.filter(
        resource=resource.name, identifier=now, record_id=instance.pk
    ).delete()


def connect_aliases() -> None:
    """Keep the identifier a record leaves as its alias (called from AppConfig.ready)."""
    for model, resource in resource_of_model().items():
        if not resource.renamable:
            continue
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"sync-alias-{model}")
        post_save.connect(
            _after_save, sender=model, dispatch_uid=f"sync-alias-after-{model}"
        )


def current_identifier(resource: Resource, old: str, user: Any) -> str | None:
    """The current identifier of the record the old one names, if the user finds that record in its lists."""
    record_id = (
        IdentifierAlias.objects.filter(resource=resource.name, identifier=old)
        .values_list("record_id", flat=True)
        .first()
    )
    if record_id is None:
        return None
    value = (
        resource.model._base_manager.filter(resource.listed(user), pk=record_id)
        .values_list(resource.identifier, flat=True)
        .first()
    )
    return None if value is None else str(value)


class IdentifierRedirectMiddleware:
    """A detail that is not found by an old identifier answers 301 to the record's current address (only 404s of
    GET and HEAD requests cost a query)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return self._redirect(request) or response

    def _redirect(self, request: HttpRequest) -> HttpResponse | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        resource = self._resource(match.view_name)
        if (
            resource is None
            or not resource.renamable
            or resource.identifier not in match.kwargs
        ):
            return None
        old = str(match.kwargs[resource.identifier])
        if (
            "\x00" in old
        ):  # PostgreSQL refuses text with a NUL character; no identifier holds one
            return None
        new = current_identifier(resource, old, request.user)
        if new is None or new == old:
            return None
        try:
            path = reverse(
                match.view_name, kwargs={**match.kwargs, resource.identifier: new}
            )
        except NoReverseMatch:
            return None
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)

    @staticmethod
    def _resource(view_name: str) -> Resource | None:
        if view_name in PUBLIC_PAGES:
            return resources()[PUBLIC_PAGES[view_name]]
        namespace, _sep, name = view_name.rpartition(":")
        if namespace.split(":")[-1] == "v1" and name.endswith("-detail"):
            return resources().get(name.removesuffix("-detail"))
        return None
