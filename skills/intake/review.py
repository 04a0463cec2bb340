"""A coordinator's decision on each need an employer sent: accept, merge or reject.

- Accept: a competence need is made from it (as the coordinator corrected it), published, for everyone if the
  employer allowed publishing and for coordinators otherwise; from then on it counts in the gap analysis.
- Merge: it is the same as a need already recorded, which stays as it is; the two are linked.
- Reject: nothing is recorded; the reason goes to the employer.

When the last need of a submission is decided, the employer is told every decision in one e-mail. Each step runs in
the caller's transaction (the admin's), so a refused decision leaves nothing half-done.
"""

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from batteryregion.records import PublicationState
from skills.intake.emails import send_decision
from skills.models import (
    LEVEL_BANDS,
    CompetenceNeed,
    NeedSubmission,
    Segment,
    Skill,
    SubmittedNeed,
)
from skills.models.actors import FORM_SOURCE_NAME

Decision = SubmittedNeed.Decision
NOTHING_TO_COUNT = _(
    "Choose an occupation, skills or value-chain segments before accepting: the gap analysis counts a need by them."
)


def need_slug(line: SubmittedNeed) -> str:
    return f"employer-form-{line.submission.reference.lower()}-{line.position}"


def _description(line: SubmittedNeed) -> str:
    """What the employer wrote that has no field of its own, in the language of their form."""
    submission = line.submission
    with translation.override(submission.language):
        parts = [
            gettext("Stated by %(organisation)s through the portal's form.")
            % {"organisation": submission.organisation_name}
        ]
        if line.occupation_text:
            parts.append(
                gettext("Occupation as stated: %(text)s.")
                % {"text": line.occupation_text}
            )
        if line.skills_text.strip():
            skills = "; ".join(
                part.strip() for part in line.skills_text.splitlines() if part.strip()
            )
            parts.append(gettext("Skills as stated: %(text)s.") % {"text": skills})
        if submission.site:
            parts.append(gettext("Site: %(site)s.") % {"site": submission.site})
    return " ".join(parts)


def need_for(line: SubmittedNeed) -> CompetenceNeed:
    """The competence need the line becomes when accepted (not saved; its skills and segments are the line's)."""
    submission = line.submission
    min_level, max_level = LEVEL_BANDS[line.level_band]
    Visibility = CompetenceNeed.Visibility
    return CompetenceNeed(
        slug=need_slug(line),
        employer=submission.organisation,
        source_kind=CompetenceNeed.SourceKind.EMPLOYER,
        source_name=FORM_SOURCE_NAME,
        occupation=line.occupation,
        headcount=line.headcount,
        target_year=line.target_year,
        region=submission.region,
        min_level=min_level,
        max_level=max_level,
        urgency=line.urgency,
        stated_on=timezone.localdate(submission.submitted_at),
        status=CompetenceNeed.Status.STANDING,
        visibility=Visibility.PUBLIC
        if submission.may_publish
        else Visibility.COORDINATORS,
        state=PublicationState.PUBLISHED,
        **{f"description_{submission.language}": _description(line)},
    )


def check_decision(
    line: SubmittedNeed,
    decision: str,
    *,
    reason: str = "",
    merge_into: CompetenceNeed | None = None,
    skills: Iterable[Skill] | None = None,
    segments: Iterable[Segment] | None = None,
) -> None:
    """Raise ValidationError (by the line's fields) if the decision cannot be applied to the line as it stands."""
    if decision == Decision.ACCEPTED:
        if line.occupation_id is None and not skills and not segments:
            raise ValidationError({"occupation": NOTHING_TO_COUNT})
        try:
            need_for(line).full_clean(exclude=["skills", "segments"])
        except ValidationError as error:
            raise _as_line_errors(error) from error
    elif decision == Decision.MERGED and merge_into is None:
        raise ValidationError(
            {"need": _("Choose the competence need it is the same as.")}
        )
    elif decision == Decision.REJECTED and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Give the reason: the employer reads it in the decision e-mail."
                )
            }
        )


def _as_line_errors(error: ValidationError) -> ValidationError:
    """A competence need's errors under the line's fields of the same name; the others for the line as a whole."""
    names = {field.name for field in SubmittedNeed._meta.get_fields()}
    errors: dict[str, list] = {}
    for field, messages in error.message_dict.items():
        errors.setdefault(field if field in names else NON_FIELD_ERRORS, []).extend(
            messages
        )
    return ValidationError(errors)


def _decided(
    line: SubmittedNeed, decision: str, user: object, need: CompetenceNeed | None
) -> None:
    line.decision = decision
    line.need = need
    line.decided_by = user if getattr(user, "pk", None) else None
    line.decided_at = timezone.now()
    line.save()


def decide(
    line: SubmittedNeed,
    decision: str,
    user: object,
    *,
    reason: str = "",
    merge_into: CompetenceNeed | None = None,
) -> CompetenceNeed | None:
    """Apply one decision to a line that waits for review; returns the need it was accepted as or merged with."""
    if line.decision != Decision.PENDING:
        raise ValidationError(_("This need has already been decided."))
    skills, segments = list(line.skills.all()), list(line.segments.all())
    check_decision(
        line,
        decision,
        reason=reason,
        merge_into=merge_into,
        skills=skills,
        segments=segments,
    )
    need = None
    if decision == Decision.ACCEPTED:
        need = need_for(line)
        need.save()
        need.skills.set(skills)
        need.segments.set(segments)
    elif decision == Decision.MERGED:
        need = merge_into
    elif decision == Decision.REJECTED:
        line.reason = reason.strip()
    _decided(line, decision, user, need=need)
    return need


def finish_if_decided(submission: NeedSubmission, base_url: str) -> bool:
    """When no need of the submission waits any more: mark it decided and, after the commit, e-mail the decision."""
    if submission.decided_at is not None:
        return False
    if submission.needs.filter(decision=SubmittedNeed.Decision.PENDING).exists():
        return False
    submission.decided_at = timezone.now()
    submission.save(update_fields=["decided_at"])
    transaction.on_commit(lambda: send_decision(submission, base_url))
    return True
