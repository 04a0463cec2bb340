"""The review queue: employers' submissions in the admin, where a coordinator of the region decides each need.

The list opens on the submissions that wait for a decision. On a submission's page the coordinator may link it to
an organisation on the map and correct each need (occupation, skills, segments, numbers) before choosing: accept,
merge with a need already recorded, or reject with a reason. A decided need is read-only. Saving applies the
decisions (skills/intake/review.py) in the admin's transaction; when none waits any more, the employer is e-mailed.
Who sees and decides which submission is decided by coordinators/permissions/ (INTAKE).
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from batteryregion.history_admin import RecordHistoryAdmin
from coordinators.scoped_admin import ScopedAdminMixin, ScopedInlineMixin
from skills.intake import review
from skills.intake.retention import erase_contacts_of
from skills.models import NeedSubmission, SubmittedNeed

Decision = SubmittedNeed.Decision
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "contact_erased_on")


class ReviewStateFilter(admin.SimpleListFilter):
    """The queue opens on what waits for a decision; decided submissions and all of them are a click away."""

    title = _("review")
    parameter_name = "review"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        return [("decided", _("Decided")), ("all", _("All"))]

    def choices(self, changelist: Any) -> Any:
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Waiting for review"),
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value}
                ),
                "display": label,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "all":
            return queryset
        if self.value() == "decided":
            return queryset.filter(decided_at__isnull=False)
        return queryset.filter(decided_at__isnull=True)


class SubmittedNeedForm(forms.ModelForm):
    """One need: its values may be corrected while it waits; the decision is checked before anything is saved."""

    class Meta:
        model = SubmittedNeed
        fields = [
            "occupation",
            "skills",
            "segments",
            "headcount",
            "target_year",
            "level_band",
            "urgency",
            "decision",
            "reason",
            "need",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.decision != Decision.PENDING:
            for field in self.fields.values():
                field.disabled = True

    def _post_clean(self) -> None:
        super()._post_clean()  # the instance now holds the corrected values
        decision = self.cleaned_data.get("decision")
        if self.instance.pk is None or decision in (None, Decision.PENDING):
            return
        if self.initial.get("decision", Decision.PENDING) != Decision.PENDING:
            return  # decided before: read-only
        try:
            review.check_decision(
                self.instance,
                decision,
                reason=self.cleaned_data.get("reason", ""),
                merge_into=self.cleaned_data.get("need"),
                skills=self.cleaned_data.get("skills"),
                segments=self.cleaned_data.get("segments"),
            )
        except ValidationError as error:
            self._update_errors(error)


class SubmittedNeedInline(ScopedInlineMixin, admin.StackedInline):
    model = SubmittedNeed
    form = SubmittedNeedForm
    extra = 0
    max_num = 0  # needs come with the submission only
    can_delete = False
    fields = [
        ("occupation_text", "skills_text"),
        ("occupation", "skills", "segments"),
        ("headcount", "target_year"),
        ("level_band", "urgency"),
        ("decision", "need"),
        "reason",
        ("decided_by", "decided_at"),
    ]
    readonly_fields = ["occupation_text", "skills_text", "decided_by", "decided_at"]
    autocomplete_fields = ["occupation", "skills", "segments", "need"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NeedSubmission)
class NeedSubmissionAdmin(ScopedAdminMixin, RecordHistoryAdmin):
    list_display = [
        "reference",
        "organisation_name",
        "region",
        "submitted_at",
        "waiting",
        "may_publish",
        "decided_at",
    ]
    list_filter = [ReviewStateFilter, "region", "may_publish", "submitted_at"]
    list_select_related = ["region"]
    search_fields = ["reference", "organisation_name", "organisation__name_fi", "organisation__name_sv", "organisation__name_en"]  # fmt: skip
    date_hierarchy = "submitted_at"
    autocomplete_fields = ["organisation"]
    readonly_fields = [
        "reference",
        "submitted_at",
        "language",
        "organisation_name",
        "region",
        "site",
        "may_publish",
        "message",
        *CONTACT_FIELDS,
        "decided_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    ("submitted_at", "language"),
                    ("organisation_name", "organisation"),
                    ("region", "site"),
                    "may_publish",
                    "message",
                ]
            },
        ),  # fmt: skip
        (
            _("Contact (coordinators only; erased after the decision)"),
            {"fields": list(CONTACT_FIELDS)},
        ),
        (None, {"fields": ["decided_at"]}),
    ]
    inlines = [SubmittedNeedInline]
    actions = ["erase_contact_now"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[NeedSubmission]:
        # Only the submissions the user reviews, everywhere in the admin (their contact is personal data).
        from coordinators.permissions import editable_by

        return (
            editable_by(request.user, NeedSubmission)
            .select_related("region")
            .annotate(
                waiting_count=Count("needs", filter=Q(needs__decision=Decision.PENDING))
            )
        )

    @admin.action(
        description=_("Erase the contact of the selected submissions now"),
        permissions=["change"],
    )
    def erase_contact_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        """When the person asks to be forgotten before their time (the privacy notice's rights)."""
        erased = erase_contacts_of(queryset)
        self.message_user(
            request,
            ngettext(
                "The contact of %(count)d submission was erased.",
                "The contacts of %(count)d submissions were erased.",
                erased,
            )
            % {"count": erased},
        )

    @admin.display(description=_("needs waiting"), ordering="waiting_count")
    def waiting(self, submission: NeedSubmission) -> int:
        return submission.waiting_count

    def save_formset(
        self, request: HttpRequest, form: forms.BaseForm, formset: Any, change: bool
    ) -> None:
        if formset.model is not SubmittedNeed:
            return super().save_formset(request, form, formset, change)
        decided: list[tuple[SubmittedNeed, str, dict[str, Any]]] = []
        # What the admin's change message and history read from a saved formset.
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = []
        for line_form in formset.forms:
            # A decided need is read-only (its form fields are disabled): only waiting ones are saved and decided.
            if not line_form.has_changed() or line_form.initial.get("decision") != Decision.PENDING:  # fmt: skip
                continue
            wanted = line_form.cleaned_data.get("decision", Decision.PENDING)
            line = line_form.save(commit=False)
            line.decision = (
                Decision.PENDING
            )  # set by the decision below, with who and when
            line.save()
            line_form.save_m2m()
            formset.changed_objects.append((line, line_form.changed_data))
            if wanted != Decision.PENDING:
                decided.append((line, wanted, line_form.cleaned_data))
        for line, wanted, data in decided:
            review.decide(
                line,
                wanted,
                request.user,
                reason=data.get("reason", ""),
                merge_into=data.get("need"),
            )
        if review.finish_if_decided(form.instance, request.build_absolute_uri("/")):
            self.message_user(
                request,
                _(
                    "Every need is decided: the employer is sent the decision by e-mail."
                ),
            )
