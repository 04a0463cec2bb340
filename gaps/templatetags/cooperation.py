"""The gap pages' note of the actions that address a segment, occupation or skill ("3 actions address this"),
read from counts the view fetched once (gaps.cooperation.selectors.action_counts): no query per row."""

from typing import Any

from django import template
from django.db.models import Model
from django.urls import reverse
from django.utils.http import urlencode

from skills.models import Occupation, Segment, Skill

register = template.Library()

# The board's filter for each kind of key, and the key's public identifier.
BOARD_FILTERS = {Segment: ("segment", "code"), Occupation: ("occupation", "slug"), Skill: ("skill", "slug")}  # fmt: skip


@register.inclusion_tag("cooperation/includes/action_badge.html")
def action_badge(counts: dict[tuple[type[Model], int], int] | None, key: Model) -> dict[str, Any]:  # fmt: skip
    """The number of visible actions addressing the key, with the board filtered to them; nothing when none."""
    count = (counts or {}).get((type(key), key.pk), 0)
    if not count:
        return {"count": 0}
    parameter, field = BOARD_FILTERS[type(key)]
    address = reverse("cooperation:board")
    return {
        "count": count,
        "url": f"{address}?{urlencode({parameter: getattr(key, field)})}",
    }
