"""The preview of a register fetch as plain data: what would be created, changed field by field (old → new), the
conflicts with a coordinator's value, the problems per record, and the discontinuation candidates. matching.py
builds it, apply.py writes it, report.py tells it."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from programmes.models import Offering, Programme
from programmes.registers.records import (
    RecordProblem,
    RegisterOffering,
    RegisterProgramme,
)
from programmes.registers.registry import RegisterSource
from skills.models import Actor, Site


@dataclass(frozen=True)
class FieldChange:
    field: (
        str  # the attribute name (name_fi, site_id …); the report names it for people
    )
    old: Any
    new: Any


@dataclass(frozen=True)
class Conflict:
    field: str
    current: Any  # the coordinator's value, kept
    register: Any  # what the register says
    changed_by: str


@dataclass
class OfferingPlan:
    record: RegisterOffering
    site: Site
    offering: Offering | None  # None: to create
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    new_periods: list[tuple[datetime.date, datetime.date]] = field(default_factory=list)
    adopt: bool = False  # an offering without register identifier that the register's record matches

    @property
    def has_work(self) -> bool:
        return self.offering is None or bool(
            self.changes or self.new_periods or self.adopt
        )


@dataclass
class ProgrammePlan:
    record: RegisterProgramme
    programme: Programme | None  # None: to create
    provider: Actor
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    offerings: list[OfferingPlan] = field(default_factory=list)
    listed_again: bool = False
    # The programme's offerings with a register identifier that the register no longer lists (kept, reported).
    unlisted_offerings: list[Offering] = field(default_factory=list)

    @property
    def has_work(self) -> bool:
        return (
            self.programme is None
            or bool(self.changes or self.listed_again)
            or any(plan.has_work for plan in self.offerings)
        )

    @property
    def all_conflicts(self) -> list[tuple[str, Conflict]]:
        """(where, conflict): "" for the programme's own fields, the offering's register identifier otherwise."""
        own = [("", conflict) for conflict in self.conflicts]
        return own + [
            (plan.record.identifier, c)
            for plan in self.offerings
            for c in plan.conflicts
        ]


@dataclass
class Preview:
    source: RegisterSource
    checked_on: datetime.date
    creations: list[ProgrammePlan] = field(default_factory=list)
    updates: list[ProgrammePlan] = field(default_factory=list)
    unchanged: list[ProgrammePlan] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    # Programmes the register no longer lists: newly missing ones get today's date, others keep theirs.
    candidates: list[Programme] = field(default_factory=list)

    @property
    def source_version(self) -> str:
        """What the records written record as their source: "opintopolku 2026-12-06"."""
        return f"{self.source.name} {self.checked_on.isoformat()}"

    @property
    def conflicts(self) -> list[tuple[ProgrammePlan, str, Conflict]]:
        return [
            (plan, where, conflict)
            for plan in [*self.updates, *self.unchanged]
            for where, conflict in plan.all_conflicts
        ]

    def problem(self, identifier: str, field_name: str, message: str) -> None:
        self.problems.append(
            RecordProblem(self.source.name, identifier, field_name, message)
        )
