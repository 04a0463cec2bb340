"""Who may take a programme: the admission rules a programme records beyond its entry requirements (audience,
minimum age, field of earlier education, prior studies), checked against what the person told.

Each rule gives one of three answers. *Met*: nothing to say. *Not met*: the programme is not a step for this person,
and the page lists it under "Not open to you" with the reason when it would have been among the best routes.
*Maybe*: the person did not answer the question the rule asks (or no question can settle it, as with required
courses), so the programme stays a step and its route shows the rule as a condition to check. A rule the data does
not record is no rule: an empty audience is everyone, an empty minimum age no age limit.

The field of earlier education is the one rule that depends on the route, not only on the person: a programme that
asks for earlier education in engineering is open as a first step to a person whose qualification is in
engineering, and as a later step after a programme in engineering. ``assess`` answers for a first step; the search
(gaps/pathways/best_first.py) allows such a programme later on a route when an earlier step's field is one it asks
for.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.pathways.routes import (
    AGE_GROUPS,
    CONDITION_PENALTY_MONTHS,
    GROUP_CONDITION_PENALTY_MONTHS,
    PathwayQuery,
)
from programmes.models import Programme


class Answer(Enum):
    MET = "met"
    MAYBE = "maybe"
    NOT_MET = "not_met"


@dataclass(frozen=True)
class Rule:
    """One rule of a programme as it applies to the person: which, the answer, and the rule in words."""

    # "group" (job seekers, employees, teachers, foreign degree), "audience" (residents; a named company's employees),
    # "age", "field" or "prior_studies"
    kind: str
    answer: Answer
    text: str  # "Only for registered job seekers in Sweden."


@dataclass(frozen=True)
class Assessment:
    """A programme's rules for one person."""

    rules: tuple[Rule, ...]

    @property
    def closed(self) -> tuple[Rule, ...]:
        """The rules the person does not meet."""
        return tuple(rule for rule in self.rules if rule.answer is Answer.NOT_MET)

    @property
    def penalty(self) -> int:
        """Months the ranking adds for the programme's conditions: CONDITION_PENALTY_MONTHS for any, and
        GROUP_CONDITION_PENALTY_MONTHS more when it is only for a group the person has not said they belong to (most
        people do not: such a programme is seldom the one to take first)."""
        conditions = self.conditions
        if not conditions:
            return 0
        if any(rule.kind == "group" for rule in conditions):
            return CONDITION_PENALTY_MONTHS + GROUP_CONDITION_PENALTY_MONTHS
        return CONDITION_PENALTY_MONTHS

    @property
    def conditions(self) -> tuple[Rule, ...]:
        """The rules to check: the person did not say, or nothing they can say settles it."""
        return tuple(rule for rule in self.rules if rule.answer is Answer.MAYBE)

    @property
    def open_at_start(self) -> bool:
        return not self.closed

    @property
    def closed_only_by_field(self) -> bool:
        """Not open as a first step, but possibly after a programme in a field it asks for."""
        return bool(self.closed) and all(rule.kind == "field" for rule in self.closed)


OPEN = Assessment(())


# Whom each audience admits, as a situation the person can tick ("situation" in the form) or a country of residence.
_AUDIENCE_SITUATIONS = {
    Programme.Audience.JOB_SEEKERS_FI: "job_seeker_fi",
    Programme.Audience.JOB_SEEKERS_SE: "job_seeker_se",
    Programme.Audience.TEACHERS: "teacher",
    Programme.Audience.FOREIGN_DEGREE: "foreign_degree",
    Programme.Audience.EMPLOYEES: "employee",
}
_RESIDENT_COUNTRIES = {
    Programme.Audience.RESIDENTS_FI: "FI",
    Programme.Audience.RESIDENTS_SE: "SE",
}


_MEMO_SIZE = 32  # people (and languages) whose answers a programme keeps


def assess(programme: Programme, query: PathwayQuery) -> Assessment:
    """The programme's rules for the person of the query, as a first step (no queries: the search's network has
    read ``audience``, ``audience_region_id``, ``min_age``, ``required_field_ids``, ``required_field_names`` and
    ``prior_studies``). The answer is kept on the programme for the same person and language: a search asks it
    once per programme and run, and a page runs the search several times (search.find_pathways)."""
    key = (
        query.field.pk if query.field else None,
        query.home.code if query.home else None,
        query.age,
        query.situations,
        get_language(),
    )
    answers = programme.__dict__.setdefault("_assessments", {})
    if key not in answers:
        if len(answers) >= _MEMO_SIZE:
            answers.clear()  # the network and its programmes outlive a request (network.cached_network)
        answers[key] = _assess(programme, query)
    return answers[key]


def _assess(programme: Programme, query: PathwayQuery) -> Assessment:
    rules = [
        rule
        for rule in (
            _audience(programme, query),
            _age(programme, query),
            _field(programme, query),
            _prior_studies(programme),
            _planned(programme),
        )
        if rule is not None
    ]
    return Assessment(tuple(rules)) if rules else OPEN


def _planned(programme: Programme) -> Rule | None:
    """A planned programme does not run yet: a "planned" condition to check, which weighs in the ranking like any
    condition (CONDITION_PENALTY_MONTHS), so that a running programme comes first. Proposed programmes never reach
    the search (network.load_network leaves them out: they may never run)."""
    if getattr(programme, "availability", None) != Programme.Availability.PLANNED:
        return None
    if programme.expected_start is None:
        return Rule("planned", Answer.MAYBE, str(_("Planned; it does not run yet.")))
    month = date_format(programme.expected_start, "YEAR_MONTH_FORMAT")
    return Rule(
        "planned",
        Answer.MAYBE,
        _("Planned, expected to start %(month)s.") % {"month": month},
    )


def _audience(programme: Programme, query: PathwayQuery) -> Rule | None:
    audience = programme.audience
    if not audience or audience == Programme.Audience.EVERYONE:
        return None
    text = _audience_text(programme)
    if audience in _AUDIENCE_SITUATIONS:
        # A programme for a group (job seekers, employees, teachers, people with a foreign degree): a "group" rule,
        # which weighs more in the ranking while the person has not said whether they belong (Assessment.penalty).
        if query.situations is None:
            return Rule("group", Answer.MAYBE, text)
        if audience == Programme.Audience.EMPLOYEES:
            # Which companies is the provider's to say: an employee is still to check.
            answer = Answer.MAYBE if "employee" in query.situations else Answer.NOT_MET
            return Rule("audience", answer, text)
        met = _AUDIENCE_SITUATIONS[audience] in query.situations
        return Rule("group", Answer.MET if met else Answer.NOT_MET, text)
    if query.home is None:
        return Rule("audience", Answer.MAYBE, text)
    if audience in _RESIDENT_COUNTRIES:
        met = query.home.country == _RESIDENT_COUNTRIES[audience]
    else:
        met = programme.audience_region_id in query.home.region_ids
    return Rule("audience", Answer.MET if met else Answer.NOT_MET, text)


def _audience_text(programme: Programme) -> str:
    texts = {
        Programme.Audience.JOB_SEEKERS_FI: _(
            "Only for job seekers registered with the employment services in Finland."
        ),
        Programme.Audience.JOB_SEEKERS_SE: _(
            "Only for job seekers registered with Arbetsförmedlingen in Sweden."
        ),
        Programme.Audience.EMPLOYEES: _(
            "Only for employees of the companies the programme is made for."
        ),
        Programme.Audience.TEACHERS: _("Only for teachers and trainers."),
        Programme.Audience.FOREIGN_DEGREE: _(
            "Only for people with a degree from outside Finland and Sweden."
        ),
        Programme.Audience.RESIDENTS_FI: _("Only for people who live in Finland."),
        Programme.Audience.RESIDENTS_SE: _("Only for people who live in Sweden."),
    }
    if programme.audience == Programme.Audience.RESIDENTS_REGION:
        return _("Only for people who live in %(region)s.") % {
            "region": getattr(programme, "audience_region_name", "")
        }
    return texts[programme.audience]


def _age(programme: Programme, query: PathwayQuery) -> Rule | None:
    if programme.min_age is None:
        return None
    waived_from = programme.min_age_waived_from
    if waived_from is None:
        text = _("From the age of %(age)s.") % {"age": programme.min_age}
    else:
        text = _(
            "From the age of %(age)s, or younger with a qualification at EQF level %(level)s or above."
        ) % {"age": programme.min_age, "level": waived_from.level}
        start_level = query.starting_point.level
        if start_level is not None and start_level.level >= waived_from.level:
            return Rule("age", Answer.MET, text)
    if query.age is None:
        return Rule("age", Answer.MAYBE, text)
    youngest, oldest = AGE_GROUPS[query.age]
    if youngest >= programme.min_age:
        return Rule("age", Answer.MET, text)
    if oldest is not None and oldest < programme.min_age:
        return Rule("age", Answer.NOT_MET, text)
    return Rule("age", Answer.MAYBE, text)


def _field(programme: Programme, query: PathwayQuery) -> Rule | None:
    required = programme.required_field_ids
    if not required:
        return None
    text = _("Earlier education in: %(fields)s.") % {
        "fields": ", ".join(programme.required_field_names)
    }
    if query.field is None:
        return Rule("field", Answer.MAYBE, text)
    met = query.field.pk in required
    return Rule("field", Answer.MET if met else Answer.NOT_MET, text)


def _prior_studies(programme: Programme) -> Rule | None:
    studies = shown(programme, "prior_studies").text
    if not studies:
        return None
    return Rule(
        "prior_studies",
        Answer.MAYBE,
        _("Requires these studies: %(studies)s") % {"studies": studies},
    )
