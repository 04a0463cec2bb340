"""Storing one sending of the employer form: the submission and its needs, in one transaction, then the receipt."""

from typing import Any

from django.db import transaction

from skills.intake.emails import send_receipt
from skills.intake.forms import matching_actor, matching_occupation, matching_skills
from skills.models import NeedSubmission, SubmittedNeed


@transaction.atomic
def record_submission(
    details: dict[str, Any], needs: list[dict[str, Any]], language: str, base_url: str
) -> NeedSubmission:
    """Save what the employer sent (cleaned form data) for review; names that match the map are linked to it.

    Nothing becomes public here: a coordinator decides each need (skills/intake/review.py). The receipt is sent once
    the transaction has committed, so that no e-mail tells of a sending that was not stored.
    """
    submission = NeedSubmission.objects.create(
        language=language,
        organisation=matching_actor(details["organisation"]),
        organisation_name=details["organisation"],
        region=details["region"],
        site=details["site"],
        may_publish=details["may_publish"],
        message=details["message"],
        contact_name=details["contact_name"],
        contact_email=details["contact_email"],
        contact_phone=details["contact_phone"],
    )
    for position, line in enumerate(needs, start=1):
        occupation = matching_occupation(line["occupation"])
        skills, _other_skills = matching_skills(line["skills"])
        need = SubmittedNeed.objects.create(
            submission=submission,
            position=position,
            occupation=occupation,
            occupation_text="" if occupation else line["occupation"],
            skills_text=line["skills"],
            headcount=line["headcount"],
            target_year=line["target_year"],
            level_band=line["level_band"],
            urgency=line["urgency"],
        )
        need.skills.set(skills)
        if occupation is not None:
            need.segments.set(occupation.segments.all())
    transaction.on_commit(lambda: send_receipt(submission, base_url))
    return submission
