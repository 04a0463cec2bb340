"""The pathway results in words: a route's totals, what a step does for its occupation, and what each preference
removed. The same messages templates could write with {% blocktranslate %}, written here because sixty routes of such
tags were a large part of rendering the page (gaps/includes/route.html and pathway_results.html show them)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from batteryregion.i18n import shown
from batteryregion.numbers import format_percent
from gaps.pathways.search import NEAR_HOME_KM, PathwayQuery, Route, Step


def removed_text(constraint: str, count: int, query: PathwayQuery) -> str:
    """ "12 routes longer than 24 months": what one preference removed, in words."""
    if constraint == "duration":
        return ngettext(
            "%(counter)s route longer than %(months)s months",
            "%(counter)s routes longer than %(months)s months",
            count,
        ) % {"counter": count, "months": query.max_months}
    texts = {
        "languages": ngettext(
            "%(counter)s route in languages you did not choose",
            "%(counter)s routes in languages you did not choose",
            count,
        ),
        "countries": ngettext(
            "%(counter)s route in a country you did not choose",
            "%(counter)s routes in a country you did not choose",
            count,
        ),
        "regions": ngettext(
            "%(counter)s route in regions you did not choose",
            "%(counter)s routes in regions you did not choose",
            count,
        ),
        "mobility": ngettext(
            "%(counter)s route that cannot be studied the way you need",
            "%(counter)s routes that cannot be studied the way you need",
            count,
        ),
    }
    return texts[constraint] % {"counter": count}


def relax_link_text(constraint: str) -> str:
    return {
        "languages": _("Show routes in any language"),
        "countries": _("Show routes in both countries"),
        "regions": _("Show routes in every region"),
        "duration": _("Show routes of any length"),
        "mobility": _("Show routes studied in any way"),
    }[constraint]


def distance_text(step: Step) -> str:
    """ "35 km from home", "at a distance or part-time", or "" without a home."""
    if step.distance_km is None:
        return ""
    if step.near and step.distance_km > NEAR_HOME_KM:
        return _("%(km)s km from home; can be studied at a distance or part-time") % {
            "km": step.distance_km
        }
    return _("%(km)s km from home") % {"km": step.distance_km}


def duration_text(route: Route) -> str:
    """The total study time; with a step of unknown duration, only a lower bound ("at least 12 months + unknown")."""
    months = route.total_months
    if not route.duration_known:
        if not months:
            return _("duration not recorded")
        return ngettext(
            "at least %(months)s month + unknown",
            "at least %(months)s months + unknown",
            months,
        ) % {"months": months}
    return ngettext("about %(months)s month", "about %(months)s months", months) % {
        "months": months
    }


def unknown_steps_text(route: Route) -> str:
    """Which steps have no recorded duration, by name, or "" when every step has one."""
    names = [
        shown(step.programme, "name").text for step in route.unknown_duration_steps
    ]
    if not names:
        return ""
    return _("No duration is recorded for: %(programmes)s.") % {
        "programmes": ", ".join(names)
    }


def contribution_text(step: Step, route: Route) -> str:
    """What the step does for the route's occupation: "leads directly" only when the programme is linked to it;
    otherwise the share of its essential skills the programme teaches, or nothing."""
    if step.linked:
        return _("Leads directly to this occupation.")
    if step.covered_skills and route.essential_skills:
        return _(
            "Teaches part of what this occupation needs (%(percent)s of its essential skills)."
        ) % {
            "percent": format_percent(
                step.covered_skills / route.essential_skills * 100
            )
        }
    return ""


def places_text(route: Route) -> str:
    places = route.places
    if not places:
        return _("not known")
    if len(route.steps) > 1:
        return _("%(places)s (the fewest along the route)") % {"places": places}
    return str(places)


def crossings_text(route: Route) -> str:
    crossings = route.border_crossings
    if not crossings:
        return _("none")
    return ngettext(
        "%(counter)s crossing between Finland and Sweden",
        "%(counter)s crossings between Finland and Sweden",
        crossings,
    ) % {"counter": crossings}


def why_text(route: Route) -> str:
    if route.by_link:
        return _("Leads directly to this occupation.")
    return _(
        "Teaches %(covered)s of its %(essential)s essential skills (%(percent)s)."
    ) % {
        "covered": route.covered_skills,
        "essential": route.essential_skills,
        "percent": format_percent(route.coverage * 100),
    }
