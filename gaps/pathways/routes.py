"""What a pathway search is asked and what it answers: the query, routes of steps, blockers, and the numbers
that rank routes (the rules are explained in gaps/pathways/search.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from programmes.models import Programme
from skills.models import EducationField, Occupation, QualificationType, Region, Segment

# The ranking's weights, all in months of study (see ``score``; the "How routes are chosen" page explains them).
MAX_STEPS = 3
STEP_PENALTY_MONTHS = 6  # each step after the first
BORDER_PENALTY_MONTHS = 6  # each border crossing
COVERAGE_BONUS_MONTHS = (
    12  # times the share of the occupation's essential skills taught
)
UNKNOWN_DURATION_MONTHS = 6  # what a step without a recorded duration weighs
CONDITION_PENALTY_MONTHS = (
    6  # each step with a rule to check ("maybe": see gaps/pathways/eligibility.py)
)
# and more for a step only for a group (job seekers, employees, teachers, foreign degree) the person has not said they
# belong to: as much as a first step far from home
GROUP_CONDITION_PENALTY_MONTHS = 24
FAR_FIRST_STEP_MONTHS = (
    24  # a first step neither near home nor studied at a distance or part-time
)
NEAR_HOME_KM = 100  # a site within this distance of home is near

# The highest EQF level a programme on a route to an occupation may award, by the occupation's ISCO-08 major group:
# one level above the education its skill level stands for (ILO: elementary occupations, skill level 1; clerical,
# service, craft and operator occupations, level 2, upper secondary education; technicians and associate
# professionals, level 3, short-cycle tertiary), so that the usual Finnish and Swedish qualifications for the work
# stay (a vocational qualification for an elementary job, a higher vocational diploma for an operator, a UAS bachelor
# for a technician) and a degree far above it does not. Managers and professionals (and an occupation without an
# ISCO code) have no such limit.
HIGHEST_LEVEL_BY_ISCO_MAJOR_GROUP = {
    "3": 6,
    "4": 5,
    "5": 5,
    "6": 5,
    "7": 5,
    "8": 5,
    "9": 4,
}


def highest_level_for(occupation: Occupation) -> int | None:
    """The highest EQF level a programme on a route to the occupation may award (None: any)."""
    return HIGHEST_LEVEL_BY_ISCO_MAJOR_GROUP.get((occupation.isco_code or "")[:1])


ROUTES_PER_OCCUPATION_AND_COUNTRY = 2
MAX_ROUTES = 60
MAX_EXPANSIONS = 1500  # partial routes the best-first search may extend; a bound on its work, see _best_first

AGE_GROUPS: dict[str, tuple[int, int | None]] = {
    "under_18": (0, 17),
    "18_19": (18, 19),
    "20_24": (20, 24),
    "25_plus": (25, None),
}
"""The age groups a person can give, as (youngest, oldest) age in years."""

SITUATIONS = (
    "job_seeker_fi",
    "job_seeker_se",
    "employee",
    "teacher",
    "foreign_degree",
    "none",
)
"""What a person may tick about themselves; "none" answers the question without ticking any other."""

MOBILITIES = ("move", "commute", "distance")
"""Whether the person can move for their studies, must study within reach of home, or needs distance or part-time
study."""


@dataclass(frozen=True)
class Home:
    """Where the person lives: a municipality or a NUTS 3 region, as a point and the regions it lies in."""

    code: str
    name: str
    country: str  # "FI", "SE"
    latitude: float | None  # None: somewhere in the country, no point to measure from
    longitude: float | None
    region_ids: frozenset[int]  # its NUTS 3 region and the regions above it


@dataclass(frozen=True)
class PathwayQuery:
    """What the person tells: where they start and, optionally, where they want to go and what suits them."""

    starting_point: QualificationType
    occupation: Occupation | None = None
    segment: Segment | None = None
    countries: frozenset[str] = frozenset()  # "FI", "SE"; empty means both
    regions: tuple[Region, ...] = ()  # NUTS regions at any level; empty means anywhere
    languages: frozenset[str] = (
        frozenset()
    )  # language codes the person can study in; empty means any
    max_months: int | None = None  # longest total study time; None means no limit
    # What the person told about themselves; None means not answered, and a rule that asks it stays a "maybe".
    field: EducationField | None = None  # broad field of their highest qualification
    home: Home | None = None
    age: str | None = None  # a key of AGE_GROUPS
    situations: frozenset[str] | None = (
        None  # of SITUATIONS; empty when answered "none of these"
    )
    mobility: str | None = None  # one of MOBILITIES; None is "move"
    apply_rules: bool = True  # False: admission rules are not applied (what the "not open to you" list compares)


@dataclass(frozen=True)
class Step:
    """One programme on a route, with why it is open to the person at that point."""

    programme: Programme
    countries: tuple[str, ...]  # where it is given ("FI", "SE")
    months: int | None
    languages: tuple[str, ...]  # language codes
    places: int | None
    reason: str  # plain words: "Open to holders of a Finnish vocational upper secondary qualification."
    linked: bool = False  # the programme is linked to the route's occupation
    covered_skills: int = (
        0  # essential skills of the route's occupation the programme teaches
    )
    conditions: tuple[
        str, ...
    ] = ()  # admission rules to check, in words ("From the age of 20.")
    distance_km: int | None = (
        None  # from the person's home to the nearest site; None without a home or a site
    )
    near: bool = True  # near home, or studied at a distance or part-time (True when no home is given)
    condition_months: int = (
        0  # what the ranking adds for its conditions (eligibility.Assessment.penalty)
    )

    @property
    def country(self) -> str:
        return self.countries[0] if self.countries else self.programme.provider.country


@dataclass(frozen=True)
class Route:
    """A chain of one to three programmes ending at an occupation."""

    steps: tuple[Step, ...]
    occupation: Occupation
    by_link: bool  # a programme on the route is linked to the occupation
    covered_skills: int  # essential skills of the occupation taught along the route
    essential_skills: int
    total_months: int  # sum of the known durations
    duration_known: bool  # every step has a recorded duration
    border_crossings: int
    score: float  # months; lower is better

    @property
    def coverage(self) -> float:
        """Share of the occupation's essential skills taught along the route, 0–1."""
        return (
            self.covered_skills / self.essential_skills
            if self.essential_skills
            else 0.0
        )

    @property
    def key(self) -> str:
        """A stable identifier: the programme slugs and the occupation slug."""
        return ">".join(
            [*(step.programme.slug for step in self.steps), self.occupation.slug]
        )

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries of the steps in order, a country named again only after a border crossing (SE, FI, SE)."""
        countries: list[str] = []
        for step in self.steps:
            if not countries or countries[-1] != step.country:
                countries.append(step.country)
        return tuple(countries)

    @property
    def unknown_duration_steps(self) -> tuple[Step, ...]:
        """The steps without a recorded duration."""
        return tuple(step for step in self.steps if step.months is None)

    @property
    def programme_set(self) -> frozenset[int]:
        """The programmes of the route whatever their order: two routes with the same set are one route."""
        return frozenset(step.programme.pk for step in self.steps)

    @property
    def places(self) -> int | None:
        """The smallest number of places per year along the route, when every step has one."""
        known = [step.places for step in self.steps]
        return min(known) if known and None not in known else None


@dataclass(frozen=True)
class Blocker:
    """A preference that removed every route, and what relaxing it would give."""

    constraint: str  # "languages", "countries", "regions", "duration" or "entry"
    message: str
    routes_if_relaxed: int


@dataclass(frozen=True)
class Removal:
    """How many routes one preference removed: the routes the search finds without it, less those it finds with it."""

    constraint: str  # "languages", "countries", "regions", "duration" or "mobility"
    routes: int


@dataclass(frozen=True)
class NotOpen:
    """A programme on the best routes the search would show if the person met its admission rules."""

    programme: Programme
    reasons: tuple[str, ...]  # the rules not met, in words


@dataclass
class PathwayResult:
    query: PathwayQuery
    routes: list[Route] = field(default_factory=list)  # the best, at most MAX_ROUTES
    total: int = 0  # routes found before the MAX_ROUTES cap
    total_complete: bool = (
        True  # False: the search stopped early, there are at least `total` routes
    )
    # occupations reached by a route the cap left out, and by no route shown
    dropped_occupations: list[Occupation] = field(default_factory=list)
    # routes within the study-time limit only if their steps without a recorded duration are short enough
    unknown_duration: list[Route] = field(default_factory=list)
    removed: list[Removal] = field(
        default_factory=list
    )  # each preference set, with the routes it removed
    blockers: list[Blocker] = field(
        default_factory=list
    )  # only when there are no routes
    # programmes whose rules the person does not meet, from the routes the search finds without the rules
    not_open: list[NotOpen] = field(default_factory=list)


@dataclass
class SearchOutcome:
    """What one run of the in-memory search finds: the routes to show and what the MAX_ROUTES cap left out."""

    routes: list[Route]
    total: int
    dropped_occupations: list[Occupation]
    unknown_duration: list[Route]
    # every route found, shown or not, as (programme ids in order, occupation id): what relaxing a preference adds
    found: frozenset[tuple[tuple[int, ...], int]] = frozenset()
    # False when the search stopped before trying everything (see best_first._best_first): total is then a lower bound
    complete: bool = True
    # every route kept, as (programme ids in order, nodes.Found): what a search with more programmes starts from
    seeds: tuple[tuple[tuple[int, ...], Any], ...] = ()


def score(route: Route) -> float:
    """Months, lower is better: duration (6 for a step without one) + 6 per extra step + 6 per border crossing
    + 6 per step with a rule to check (24 more when it is only for a group the person has not said they belong to)
    + 24 when the first step is far from home − 12 × skill coverage. The search
    (gaps/pathways/best_first.py) adds the same numbers as it builds a route; this is their definition."""
    unknown = sum(1 for step in route.steps if step.months is None)
    return (
        route.total_months
        + UNKNOWN_DURATION_MONTHS * unknown
        + STEP_PENALTY_MONTHS * (len(route.steps) - 1)
        + BORDER_PENALTY_MONTHS * route.border_crossings
        + sum(step.condition_months for step in route.steps)
        + (0 if route.steps[0].near else FAR_FIRST_STEP_MONTHS)
        - COVERAGE_BONUS_MONTHS * route.coverage
    )
