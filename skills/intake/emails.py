"""The e-mails to the employer's contact: a receipt for the sending, and the decision once every need is decided.

Written in the language of the form the employer used (the privacy notice linked in it too, at the address the
request came to), sent through Django's e-mail (the console unless EMAIL_HOST
names an SMTP server). A contact already erased gets nothing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from skills.models import NeedSubmission


def _send(
    submission: NeedSubmission, subject: str, template: str, base_url: str
) -> None:
    if not submission.contact_email:
        return
    needs = list(
        submission.needs.select_related("occupation", "need").order_by("position")
    )
    body = render_to_string(
        template,
        {
            "submission": submission,
            "needs": needs,
            "retention_days": settings.NEED_CONTACT_RETENTION_DAYS,
            "privacy_url": base_url.rstrip("/") + reverse("privacy"),
        },
    )
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[submission.contact_email],
        reply_to=[settings.FEEDBACK_EMAIL] if settings.FEEDBACK_EMAIL else None,
    )
    message.send()


def send_receipt(submission: NeedSubmission, base_url: str) -> None:
    """Tell the contact what was received and what happens next."""
    with translation.override(submission.language):
        subject = gettext("Received: your competence needs (%(reference)s)") % {
            "reference": submission.reference
        }
        _send(submission, subject, "skills/intake/email/receipt.txt", base_url)


def send_decision(submission: NeedSubmission, base_url: str) -> None:
    """Tell the contact what the coordinators decided about each need, with the reasons of any rejection."""
    with translation.override(submission.language):
        subject = gettext("Decided: your competence needs (%(reference)s)") % {
            "reference": submission.reference
        }
        _send(submission, subject, "skills/intake/email/decision.txt", base_url)
