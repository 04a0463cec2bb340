"""What a pathway search is asked and what it answers: the query, routes of steps, blockers, and the numbers
that rank routes (the rules are explained in gaps/pathways/search.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from programmes.models import Programme
from skills.models import Occupation, QualificationType, Region, Segment

MAX_STEPS = 3
STEP_PENALTY_MONTHS = 6
BORDER_PENALTY_MONTHS = 6
COVERAGE_BONUS_MONTHS = 12
UNKNOWN_DURATION_MONTHS = (
    6  # what a step without a recorded duration weighs in the ranking
)
ROUTES_PER_OCCUPATION_AND_COUNTRY = 2
MAX_ROUTES = 60
MAX_EXPANSIONS = 1500  # partial routes the best-first search may extend; a bound on its work, see _best_first


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

    constraint: str  # "languages", "countries", "regions" or "duration"
    routes: int


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


def score(route: Route) -> float:
    """Months, lower is better: duration (6 for a step without one) + 6 per extra step + 6 per border crossing
    − 12 × skill coverage."""
    unknown = sum(1 for step in route.steps if step.months is None)
    return (
        route.total_months
        + UNKNOWN_DURATION_MONTHS * unknown
        + STEP_PENALTY_MONTHS * (len(route.steps) - 1)
        + BORDER_PENALTY_MONTHS * route.border_crossings
        - COVERAGE_BONUS_MONTHS * route.coverage
    )
