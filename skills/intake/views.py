"""The employer form (/<lang>/needs/new/) and the page that confirms a sending (/<lang>/needs/new/sent/).

The form page is never cached (it carries the visitor's CSRF token and the time it was shown). A sending that the
honeypot catches is answered like any other, and nothing is kept; one over the rate limit gets 429; an invalid one
400 with every error beside its field and in a summary at the top.
"""

import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from skills.intake.forms import (
    MAX_NEEDS,
    NeedLineForm,
    NeedLineFormSet,
    SubmissionForm,
    suggestion_lists,
)
from skills.intake.protection import (
    HONEYPOT_FIELD,
    TokenProblem,
    check_token,
    count_sending,
    form_token,
    rate_limited,
)
from skills.intake.submission import record_submission

PREFIX = "needs"
REFERENCE = re.compile(r"N-[A-Z2-9]{4}-[A-Z2-9]{4}")
TOKEN_MESSAGES = {
    TokenProblem.TOO_FAST: _(
        "The form was sent very quickly after it opened. Check your answers and send it again."
    ),
    TokenProblem.EXPIRED: _(
        "The form was open for a long time. Check your answers and send it again."
    ),
    TokenProblem.INVALID: _(
        "The form could not be checked. Check your answers and send it again."
    ),
}


@never_cache
def need_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(
            request, SubmissionForm(initial={"shown": form_token()}), _formset()
        )
    if rate_limited(request):
        return render(request, "skills/intake/too_many.html", status=429)
    if "add_need" in request.POST:
        return _page(request, *_with_another_need(request.POST))

    form = SubmissionForm(request.POST)
    formset = NeedLineFormSet(request.POST, prefix=PREFIX)
    if request.POST.get(HONEYPOT_FIELD):
        count_sending(
            request
        )  # a script: it is told the same as a person, and nothing is kept
        return HttpResponseRedirect(reverse("needs:sent"))
    token_problem = _token_problem(request.POST.get("shown", ""))
    if token_problem is None and form.is_valid() and formset.is_valid():
        submission = record_submission(
            form.cleaned_data,
            [line.cleaned_data for line in formset.forms if line.cleaned_data],
            get_language(),
            request.build_absolute_uri("/"),
        )
        count_sending(request)
        return HttpResponseRedirect(
            f"{reverse('needs:sent')}?ref={submission.reference}"
        )
    if token_problem is not None:
        form.is_valid()  # the other errors are shown too
        form.add_error(None, TOKEN_MESSAGES[token_problem])
        # A fresh time for the next try (a too-fast sending still waits from now).
        form.data = form.data.copy()
        form.data["shown"] = form_token()
    return _page(request, form, formset, status=400)


def sent(request: HttpRequest) -> HttpResponse:
    """The confirmation: the reference to quote, and what happens next (it names no data of the sending)."""
    reference = request.GET.get("ref", "")
    return render(
        request,
        "skills/intake/sent.html",
        {"reference": reference if REFERENCE.fullmatch(reference) else ""},
    )


def _token_problem(token: str) -> str | None:
    try:
        check_token(token)
    except TokenProblem as problem:
        return problem.code
    return None


def _formset(initial: list[dict[str, Any]] | None = None) -> Any:
    return NeedLineFormSet(prefix=PREFIX, initial=initial)


def _with_another_need(data: QueryDict) -> tuple[SubmissionForm, Any]:
    """The form as sent, unbound (no errors yet), with one more empty need: "Add another need" without JavaScript."""
    form = SubmissionForm(
        initial={name: data.get(name, "") for name in SubmissionForm.base_fields}
    )
    try:
        count = int(data.get(f"{PREFIX}-TOTAL_FORMS", "1"))
    except ValueError:
        count = 1
    count = max(1, min(count, MAX_NEEDS))
    lines = [
        {
            name: data.get(f"{PREFIX}-{index}-{name}", "")
            for name in NeedLineForm.base_fields
        }
        for index in range(count)
    ]
    formset = _formset(lines)
    formset.extra = 1 if count < MAX_NEEDS else 0
    if count < MAX_NEEDS:
        # The new need's first field takes the focus, so that a keyboard or screen reader user goes on there.
        formset.forms[count].fields["occupation"].widget.attrs["autofocus"] = True
    return form, formset


def _page(
    request: HttpRequest, form: SubmissionForm, formset: Any, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "skills/intake/need_form.html",
        {
            "form": form,
            "formset": formset,
            "max_needs": MAX_NEEDS,
            "retention_days": settings.NEED_CONTACT_RETENTION_DAYS,
            "suggestions": suggestion_lists(),
        },
        status=status,
    )
