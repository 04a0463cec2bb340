"""Starting an action from a finding in one click: the address of the admin's add form with the finding's context
(its kind, what it concerns, the needs and programmes behind it) filled in.

Django's admin add view takes its initial values from the query string, many-to-many fields as comma-separated
primary keys (ModelAdmin.get_changeform_initial_data). Whether to show the link at all is
coordinators.permissions.may_start_actions, asked once per page.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.http import urlencode

from gaps.cooperation.models import Action

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
