"""Lead coordinators manage the coordinator accounts of their side here: invite by e-mail, assign organisations
and regions, change roles, deactivate."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from batteryregion.history_admin import RecordHistoryAdmin
from coordinators import permissions, services
from coordinators.forms import CoordinatorForm
from coordinators.models import Coordinator
from coordinators.scoped_admin import ScopedAdminMixin

ACCOUNT_FIELDS = ("email", "first_name", "last_name", "is_active")


@admin.register(Coordinator)
class CoordinatorAdmin(ScopedAdminMixin, RecordHistoryAdmin):
    form = CoordinatorForm
    list_display = [
        "__str__",
        "email",
        "role",
        "side",
        "organisation_list",
        "region_list",
        "is_active",
        "last_login",
    ]
    list_filter = ["role", "side", "user__is_active", "regions"]
    list_select_related = ["user"]
    search_fields = [
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "organisations__name_fi",
        "organisations__name_sv",
        "organisations__name_en",
    ]
    autocomplete_fields = ["organisations", "regions"]
    actions = ["send_invitation_again"]
    history_list_display = ["history_channel"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Coordinator]:
        queryset = (
            super()
            .get_queryset(request)
            .select_related("user")
            .prefetch_related("organisations", "regions")
        )
        if permissions.role_of(request.user) == permissions.Role.SUPERUSER:
            return queryset
        # Leads see the coordinators of their own side only.
        return queryset.filter(
            pk__in=permissions.editable_by(request.user, Coordinator).values("pk")
        )

    def get_fieldsets(
        self, request: HttpRequest, obj: Coordinator | None = None
    ) -> list[tuple[Any, dict[str, Any]]]:
        account = ACCOUNT_FIELDS if obj else ACCOUNT_FIELDS[:3]
        return [
            (_("Account"), {"fields": account}),
            (
                _("Area of responsibility"),
                {"fields": ("role", "side", "organisations", "regions")},
            ),
        ]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Coordinator | None = None
    ) -> list[str]:
        return sorted(permissions.locked_coordinator_fields(request.user, obj))

    def save_model(
        self, request: HttpRequest, obj: Coordinator, form: BaseForm, change: bool
    ) -> None:
        data = form.cleaned_data
        if change:
            user = obj.user
            services.coordinator_update(
                coordinator=obj,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                is_active=data.get("is_active", user.is_active),
                organisations=list(data["organisations"]),
                regions=list(data["regions"]),
            )
            return
        invited = services.coordinator_invite(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=obj.role,
            side=obj.side,
            organisations=list(data["organisations"]),
            regions=list(data["regions"]),
            request=request,
        )
        # The admin logs and redirects with the object it built from the form.
        obj.pk, obj.user = invited.pk, invited.user
        self.message_user(
            request,
            _("An e-mail with a link to set a password was sent to %(email)s.")
            % {"email": invited.user.email},
            messages.SUCCESS,
        )

    def save_related(
        self, request: HttpRequest, form: BaseForm, formsets: list, change: bool
    ) -> None:
        # The services saved the organisations and regions with the record.
        self.refuse_unless_still_editable(request, form.instance)

    @admin.action(
        description=_("Send the set-password e-mail again"),
        permissions=["change"],
    )
    def send_invitation_again(
        self, request: HttpRequest, queryset: QuerySet[Coordinator]
    ) -> None:
        sent = 0
        for coordinator in queryset.select_related("user"):
            services.invitation_send(user=coordinator.user, request=request)
            sent += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail with a set-password link was sent.",
                "%(count)d e-mails with a set-password link were sent.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def email(self, obj: Coordinator) -> str:
        return obj.user.email

    @admin.display(boolean=True, description=_("active"), ordering="user__is_active")
    def is_active(self, obj: Coordinator) -> bool:
        return obj.user.is_active

    @admin.display(description=_("last login"), ordering="user__last_login")
    def last_login(self, obj: Coordinator) -> object:
        return obj.user.last_login

    @admin.display(description=_("organisations"))
    def organisation_list(self, obj: Coordinator) -> str:
        return ", ".join(str(actor) for actor in obj.organisations.all())

    @admin.display(description=_("regions"))
    def region_list(self, obj: Coordinator) -> str:
        return ", ".join(region.code for region in obj.regions.all())
