"""Starting an action from a finding in one click: the address of the admin's add form with the finding's context
(its kind, what it concerns, the needs and programmes behind it) filled in.

Django's admin add view takes its initial values from the query string, many-to-many fields as comma-separated
primary keys (ModelAdmin.get_changeform_initial_data). Whether to show the link at all is
coordinators.permissions.may_start_actions, asked once per page.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from coordinators.permissions import can_change
from gaps.cooperation.models import Action, ActionParticipant
from programmes.models import Programme
from skills.models import Actor

LINKS = ("segments", "occupations", "skills", "regions", "needs", "programmes")
"""The many-to-many fields a finding can fill, in the order they appear in the address."""


def action_start_url(
    *, kind: str = "", title_en: str = "", **links: Iterable[Model | int]
) -> str:
    """The admin's add form of an action, filled with the kind, an English working title and the records linked.

    ``links`` are the many-to-many fields of LINKS, each a list of records or primary keys; empty ones are left
    out, repeated ones given once, in their first order.
    """
    unknown = set(links) - set(LINKS)
    if unknown:
        raise TypeError(f"Not a field an action links to: {', '.join(sorted(unknown))}")
    params: dict[str, Any] = {}
    if kind:
        params["kind"] = Action.Kind(kind).value
    for name in LINKS:
        pks = [str(getattr(item, "pk", item)) for item in links.get(name, ())]
        if pks:
            params[name] = ",".join(dict.fromkeys(pks))
    if title_en:
        params["title_en"] = title_en
    address = reverse("admin:gaps_action_add")
    return f"{address}?{urlencode(params)}" if params else address


# The parameter of the programme's add form that names the action the new programme is recorded for.
FOR_ACTION = "for_action"


def planned_training_url(
    action: Action, participants: Iterable[ActionParticipant]
) -> str:
    """The admin's add form of a programme, filled from the action: proposed (a coordinator makes it planned once it
    is decided), expected to start when the action does, with the action's English title as a working name, what it
    concerns, and its lead organisation as provider when that is an education provider. ``participants``: the
    action's, with their actors, as the page has them. Saved, the programme is linked to the action
    (link_planned_training)."""
    params: dict[str, Any] = {
        "availability": Programme.Availability.PROPOSED.value,
        "name_en": action.title_en or "",
        FOR_ACTION: action.slug,
    }
    if action.starts_on:
        params["expected_start"] = action.starts_on.isoformat()
    lead = next(
        (
            p.actor
            for p in participants
            if p.role == ActionParticipant.Role.LEAD
            and p.actor.kind == Actor.Kind.PROVIDER
        ),
        None,
    )
    if lead is not None:
        params["provider"] = lead.pk
    for name in ("segments", "occupations", "skills"):
        pks = [str(item.pk) for item in getattr(action, name).all()]
        if pks:
            params[name] = ",".join(pks)
    return f"{reverse('admin:programmes_programme_add')}?{urlencode(params)}"


def link_planned_training(request: HttpRequest, programme: Programme) -> None:
    """After a programme was added from an action's page: link it to the action, when the coordinator may change that
    action, and say so."""
    slug = request.GET.get(FOR_ACTION)
    if not slug:
        return
    action = Action.objects.filter(slug=slug).first()
    if action is None or not can_change(request.user, Action, action):
        messages.warning(
            request,
            _(
                "The programme was not linked to an action: you may not change “%(slug)s”."
            )
            % {"slug": slug},
        )
        return
    action.programmes.add(programme)
    messages.info(
        request,
        _("The programme is linked to the action “%(action)s”.") % {"action": action},
    )
