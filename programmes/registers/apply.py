"""Writing a preview: one transaction, every version recorded as made through the national register.

New programmes are drafts (a coordinator publishes them) with origin "register"; every record the register writes
gets its source version ("opintopolku 2026-12-06") and every programme it lists its "last verified" date. Each
programme is written inside its own savepoint: a record the model refuses (a validation error) is reported and
leaves nothing behind, and the others are still written. Nothing is ever deleted; a programme the register no
longer lists is only marked with the date it went missing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from batteryregion.history import one_version
from batteryregion.records import (
    ChangeChannel,
    PublicationState,
    RecordOrigin,
    changes_through,
)
from programmes.models import ApplicationPeriod, Offering, Programme
from programmes.registers.preview import OfferingPlan, Preview, ProgrammePlan
from programmes.registers.records import RecordProblem


@dataclass
class Applied:
    created: list[Programme] = field(default_factory=list)
    changed: list[Programme] = field(default_factory=list)
    marked_missing: list[Programme] = field(default_factory=list)
    refused: list[RecordProblem] = field(default_factory=list)


def apply_preview(preview: Preview) -> Applied:
    """Write what the preview says; returns what was written and the records the model refused."""
    applied = Applied()
    with transaction.atomic(), changes_through(ChangeChannel.REGISTER):
        for plan in preview.creations:
            _guarded(preview, plan, applied, applied.created)
        for plan in [*preview.updates, *preview.unchanged]:
            _guarded(preview, plan, applied, applied.changed if plan.has_work else None)
        for programme in preview.candidates:
            if programme.missing_from_register_since is None:
                programme.missing_from_register_since = preview.checked_on
                programme._change_reason = _reason(preview)  # type: ignore[attr-defined]
                programme.save(
                    update_fields=["missing_from_register_since", "updated_at"]
                )
                applied.marked_missing.append(programme)
    return applied


def _reason(preview: Preview) -> str:
    return f"National register: {preview.source_version}"[:100]


def _guarded(
    preview: Preview,
    plan: ProgrammePlan,
    applied: Applied,
    into: list[Programme] | None,
) -> None:
    try:
        with transaction.atomic():
            programme = _write_programme(preview, plan)
            for offering_plan in plan.offerings:
                _write_offering(preview, programme, offering_plan)
    except (
        IntegrityError
    ) as error:  # a rule of the database the model's validation did not see
        applied.refused.append(
            RecordProblem(preview.source.name, plan.record.identifier, "", str(error))
        )
        return
    except ValidationError as error:
        applied.refused.extend(
            RecordProblem(
                preview.source.name, plan.record.identifier, name, " ".join(messages)
            )
            for name, messages in _messages(error).items()
        )
        return
    if into is not None:
        into.append(programme)


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for e in errors for m in e.messages]
            for name, errors in error.error_dict.items()
        }
    return {"": [str(message) for message in error.messages]}


def _write_programme(preview: Preview, plan: ProgrammePlan) -> Programme:
    programme = plan.programme
    reason = _reason(preview)
    if programme is None:
        programme = Programme(
            provider=plan.provider,
            state=PublicationState.DRAFT,
            origin=RecordOrigin.REGISTER,
            source_version=preview.source_version,
            verified_on=preview.checked_on,
            **plan.values,
        )
        programme.full_clean()
        programme._change_reason = reason  # type: ignore[attr-defined]
        programme.save()
        languages = {o.values.get("language_id") for o in plan.offerings} - {None}
        if languages:
            with one_version(programme):  # the links join the version of the creation
                programme.languages.set(languages)
        return programme
    dirty = bool(plan.values) or plan.listed_again
    for name, value in plan.values.items():
        setattr(programme, name, value)
    if plan.listed_again:
        programme.missing_from_register_since = None
    if programme.verified_on is None or programme.verified_on < preview.checked_on:
        programme.verified_on = preview.checked_on
        dirty = True
    if dirty:
        programme.source_version = preview.source_version
        programme.full_clean()
        programme._change_reason = reason  # type: ignore[attr-defined]
        programme.save()
    return programme


def _write_offering(preview: Preview, programme: Programme, plan: OfferingPlan) -> None:
    offering = plan.offering
    reason = _reason(preview)
    if offering is None:
        offering = Offering(
            programme=programme,
            register_id=plan.record.identifier,
            origin=RecordOrigin.REGISTER,
            source_version=preview.source_version,
            **plan.values,
        )
    elif plan.values or plan.adopt:
        for name, value in plan.values.items():
            setattr(offering, name, value)
        offering.register_id = plan.record.identifier
        offering.source_version = preview.source_version
    else:
        offering = None if not plan.new_periods else offering
    if offering is not None and (plan.offering is None or plan.values or plan.adopt):
        offering.full_clean()
        offering._change_reason = reason  # type: ignore[attr-defined]
        offering.save()
    target = offering or plan.offering
    for opens_on, closes_on in plan.new_periods:
        period = ApplicationPeriod(
            offering=target,
            opens_on=opens_on,
            closes_on=closes_on,
            service=preview.source.application_service,
            apply_url=plan.record.apply_url[:500],
            origin=RecordOrigin.REGISTER,
            source_version=preview.source_version,
        )
        period.full_clean()
        period._change_reason = reason  # type: ignore[attr-defined]
        period.save()
