"""The plain values the in-memory pathway search works on (gaps/pathways/best_first.py): programmes as nodes, skill
sets as bit masks, routes found, and how a route found becomes the public ``Route`` with its reasons in words."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.pathways.eligibility import Assessment, assess
from gaps.pathways.network import Network
from gaps.pathways.routes import (
    NEAR_HOME_KM,
    UNKNOWN_DURATION_MONTHS,
    Home,
    PathwayQuery,
    Route,
    Step,
)
from programmes.models import Programme
from skills.models import Occupation

Held = tuple[tuple[int | None, int | None, str], ...]
"""The qualifications a person holds at a point of a route: (qualification type id, EQF level, name)."""


@dataclass(frozen=True)
class Node:
    """A programme reduced to the plain values the search touches in its inner loop."""

    index: int
    programme: Programme
    level: int | None  # EQF level awarded
    qualification_id: int | None  # qualification type awarded
    months: int  # the recorded duration, or 0 when there is none (see duration_known)
    duration_known: bool
    ranked_months: int  # months in the ranking: the duration, or UNKNOWN_DURATION_MONTHS when it is not recorded
    requirements: tuple[
        tuple[int | None, int | None], ...
    ]  # (accepted qualification type id, minimum level)
    skills: int  # the skills it teaches, as a bit mask (see SkillBits)
    links: frozenset[int]  # occupations it is linked to
    touches: frozenset[int]  # occupations it links to or teaches an essential skill of
    country: str
    places: int
    name: str  # as the reasons name the qualification it awards
    field_id: int | None  # its broad field of education
    conditions: tuple[
        str, ...
    ]  # admission rules the person is to check ("maybe"), in words
    penalty: int  # months the ranking adds for its conditions wherever it is on a route (Assessment.penalty)
    far: bool  # neither near home nor studied at a distance or part-time: the ranking adds FAR_FIRST_STEP_MONTHS
    # as a first step
    distance_km: int | None  # from home to its nearest site
    # Not open as a first step because of the field of earlier education it asks for: open later on a route only
    # after a programme in one of these fields. Empty when the field rule does not close it.
    field_gate: frozenset[int]

    @property
    def awards(self) -> bool:
        """Whether it awards a qualification (a level or a qualification type), unlike a course or module."""
        return self.level is not None or self.qualification_id is not None


@dataclass
class Found:
    """A route found by the search, kept as plain values until it is ranked."""

    score: float
    places: int
    nodes: tuple[int, ...]
    reasons: tuple[
        tuple[int, int], ...
    ]  # per step: (requirement index, held qualification index)
    held: Held
    occupation_id: int
    by_link: bool
    covered: int
    months: int
    crossings: int

    @cached_property
    def rank(self) -> tuple:
        """Its place among the routes to the same occupation: a route that crosses the border more than once comes
        after every route that crosses it at most once, then by score and places. Worked out once: the bounds
        compare it with every partial route that could join its group (a route found is never changed)."""
        return (self.crossings > 1, self.score, -self.places, self.nodes)

    @property
    def same_route(self) -> tuple[int, frozenset[int]]:
        """The same programmes in another order to the same occupation are the same route."""
        return self.occupation_id, frozenset(self.nodes)


class SkillBits:
    """Skill sets as bit masks, one bit per skill: the inner loop unites the skills taught along a route and counts
    how many of an occupation's essential skills they cover, and on integers each is one operation where frozensets
    allocated a new set every time."""

    def __init__(self, essential: dict[int, frozenset[int]]) -> None:
        self._bit: dict[int, int] = {}
        # occupation id -> (its essential skills as a mask, how many there are)
        self.essential = {
            occupation_id: (self.mask(skills), len(skills))
            for occupation_id, skills in essential.items()
        }

    def mask(self, skill_ids: frozenset[int]) -> int:
        mask = 0
        for skill_id in skill_ids:
            mask |= 1 << self._bit.setdefault(skill_id, len(self._bit))
        return mask


NO_SKILLS = (0, 0)  # an occupation without essential skills: no mask, none to cover


def build_nodes(query: PathwayQuery, network: Network, bits: SkillBits) -> list[Node]:
    """The programmes that fit the query's preferences as nodes, shortest first (no queries)."""
    needed_by: dict[int, list[int]] = defaultdict(list)
    for occupation_id, skills in network.essential.items():
        for skill_id in skills:
            needed_by[skill_id].append(occupation_id)
    allowed = []
    for programme in network.programmes:
        if not fits_preferences(programme, query):
            continue
        assessment = assess(programme, query)
        if query.apply_rules and assessment.closed:
            if not assessment.closed_only_by_field:
                continue
            field_gate = programme.required_field_ids
        else:
            field_gate = frozenset()
        allowed.append((programme, assessment, field_gate))
    # Cheapest first: the search tries the programmes open to a route in this order and stops at the first whose
    # cost alone puts every route through it below those to be shown (best_first._children).
    allowed.sort(key=lambda item: (step_cost(item[0], item[1]), item[0].slug))
    nodes = []
    for index, (programme, assessment, field_gate) in enumerate(allowed):
        distance = home_distance(programme, query.home)
        conditions = tuple(rule.text for rule in assessment.conditions)
        skills, links, months = (
            programme.skill_ids,
            programme.occupation_ids,
            programme.duration_months,
        )
        nodes.append(
            Node(
                index=index,
                programme=programme,
                level=programme.awarded_level.level
                if programme.awarded_level_id
                else None,
                qualification_id=programme.awarded_qualification_id,
                months=months or 0,
                duration_known=months is not None,
                ranked_months=ranked_months(programme),
                requirements=programme.requirement_pairs,
                skills=bits.mask(skills),
                links=links,
                touches=links
                | frozenset(o for skill in skills for o in needed_by.get(skill, ())),
                country=programme.countries[0],
                places=programme.places_per_year or 0,
                name=shown(programme, "name").text,
                field_id=programme.education_field_id,
                conditions=conditions,
                penalty=assessment.penalty,
                far=distance is not None and not is_near(programme, distance),
                distance_km=distance,
                field_gate=field_gate,
            )
        )
    return nodes


def step_cost(programme: Programme, assessment: Assessment) -> int:
    """What a programme adds to a route's score wherever it is on the route: its months in the ranking and the
    penalty for its conditions to check (Node.ranked_months + Node.penalty)."""
    return ranked_months(programme) + assessment.penalty


def ranked_months(programme: Programme) -> int:
    """The programme's months in the ranking: its duration, or UNKNOWN_DURATION_MONTHS when none is recorded."""
    months = programme.duration_months
    return months if months is not None else UNKNOWN_DURATION_MONTHS


def home_distance(programme: Programme, home: Home | None) -> int | None:
    """Kilometres from home to the programme's nearest site, rounded; None without a home or a site."""
    if home is None or home.latitude is None or not programme.site_rows:
        return None
    return round(
        min(
            kilometres(
                home.latitude,
                home.longitude,
                float(site.latitude),
                float(site.longitude),
            )
            for site in programme.site_rows
        )
    )


def kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in km (haversine; the earth as a sphere of 6,371 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = (
        math.sin(half_dphi) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def at_a_distance(programme: Programme) -> bool:
    """Studied online or blended, or part-time or at one's own pace: near for everyone."""
    return (
        programme.delivery_mode in _DISTANCE_MODES or programme.pace in _FLEXIBLE_PACES
    )


def is_near(programme: Programme, distance_km: int | None) -> bool:
    """Near home: a site within NEAR_HOME_KM, or studied at a distance or part-time."""
    if at_a_distance(programme):
        return True
    return distance_km is not None and distance_km <= NEAR_HOME_KM


_DISTANCE_MODES = frozenset(
    {Programme.DeliveryMode.ONLINE, Programme.DeliveryMode.BLENDED}
)
_FLEXIBLE_PACES = frozenset({Programme.Pace.PART_TIME, Programme.Pace.SELF_PACED})


def opening(node: Node, held: Held) -> tuple[int, int] | None:
    """The first (requirement, held qualification) pair that opens the programme, or None."""
    for r_index, (accepted, min_level) in enumerate(node.requirements):
        for h_index, (qualification_id, level, _name) in enumerate(held):
            if accepted is not None and accepted == qualification_id:
                return r_index, h_index
            if min_level is not None and level is not None and level >= min_level:
                return r_index, h_index
    return None


def materialise(found: Found, nodes: list[Node], network: Network) -> Route:
    """The public Route of a ranked search result."""
    steps = []
    essential = network.essential.get(found.occupation_id, frozenset())
    for position, index in enumerate(found.nodes):
        node = nodes[index]
        # The qualifications held at this step: the start plus what earlier steps awarded.
        held_here = found.held[
            : 1 + sum(1 for i in found.nodes[:position] if nodes[i].awards)
        ]
        step = _step(node.programme, _reason(node, found.reasons[position], held_here))
        steps.append(
            replace(
                step,
                linked=found.occupation_id in node.links,
                covered_skills=len(essential & node.programme.skill_ids),
                conditions=node.conditions,
                condition_months=node.penalty,
                distance_km=node.distance_km,
                near=not node.far,
            )
        )
    return Route(
        steps=tuple(steps),
        occupation=network.occupations[found.occupation_id],
        by_link=found.by_link,
        covered_skills=found.covered,
        essential_skills=len(network.essential.get(found.occupation_id, ())),
        total_months=found.months,
        duration_known=all(step.months is not None for step in steps),
        border_crossings=found.crossings,
        score=found.score,
    )


def _reason(node: Node, reason: tuple[int, int], held: Held) -> str:
    """Why the step is open to the person, in plain words."""
    accepted, min_level = node.requirements[reason[0]]
    name = held[reason[1]][2]
    if accepted is not None:
        return _("Open to people with: %(qualification)s.") % {"qualification": name}
    return _(
        "Open to anyone with a qualification at EQF level %(level)s or above, such as %(qualification)s."
    ) % {"level": min_level, "qualification": name}


def fits_preferences(programme: Programme, query: PathwayQuery) -> bool:
    """Whether the programme teaches in a chosen language (or has none recorded), is given in a chosen country and
    region (online and blended programmes are studied from anywhere: any region will do), and suits the person's
    mobility (within reach of home, or at a distance or part-time)."""
    if query.languages and programme.language_codes:
        if not set(programme.language_codes) & query.languages:
            return False
    if query.countries and not set(programme.countries) & query.countries:
        return False
    if query.regions and programme.delivery_mode not in _DISTANCE_MODES:
        wanted = {region.pk for region in query.regions}
        if not any(site.regions & wanted for site in programme.site_rows):
            return False
    if query.mobility == "distance" and not at_a_distance(programme):
        return False
    if query.mobility == "commute" and query.home is not None:
        if not is_near(programme, home_distance(programme, query.home)):
            return False
    return True


def _step(programme: Programme, reason: str) -> Step:
    return Step(
        programme=programme,
        countries=programme.countries,
        months=programme.duration_months,
        languages=programme.language_codes,
        places=programme.places_per_year,
        reason=reason,
    )


def target_occupations(query: PathwayQuery, network: Network) -> list[Occupation]:
    """The occupations the query asks for: the one chosen, those of the chosen segment, or all."""
    if query.occupation is not None:
        occupation = network.occupations.get(query.occupation.pk)
        return [occupation] if occupation is not None else []
    occupations = list(network.occupations.values())
    if query.segment is not None:
        occupations = [
            o
            for o in occupations
            if query.segment.pk in network.occupation_segments.get(o.pk, ())
        ]
    return occupations
