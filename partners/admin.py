"""Partner API keys in the admin: lead coordinators and superusers issue, see and revoke them.

Who may do what is coordinators.permissions's decision alone (PARTNER_KEYS): the coordinators' groups carry no
permissions for keys, so unlike the map data there is no model-permission layer to ask as well. A new key is shown
once, in the message after saving; the database keeps only its hash and its prefix.
"""

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework_api_key.models import APIKey

from coordinators import permissions
from partners.models import PartnerKey
from partners.services import partner_key_issue, partner_keys_revoke

# The library's own key model is not used: its admin would bypass coordinators.permissions.
try:
    admin.site.unregister(APIKey)
except NotRegistered:
    pass

USAGE_FIELDS = ("key_prefix", "created", "issued_by", "request_count", "last_used")


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "organisation",
        "key_prefix",
        "scope",
        "validity",
        "expiry_date",
        "request_count",
        "last_used",
    ]
    list_filter = ["scope", "revoked"]
    list_select_related = ["actor"]
    search_fields = ["name", "organisation", "prefix"]
    autocomplete_fields = ["actor"]
    actions = ["revoke_selected"]

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        fields = ["name", "organisation", "actor", "scope", "expiry_date"]
        if obj is None:
            return fields
        return [*fields, "revoked", *USAGE_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:  # fmt: skip
        if obj is None:
            return []
        if obj.revoked:
            return self.get_fields(request, obj)
        return list(USAGE_FIELDS)

    @admin.display(description=_("beginning of the key"), ordering="prefix")
    def key_prefix(self, obj: PartnerKey) -> str:
        """The key's first characters, which name it (the library's field has no translated label)."""
        return obj.prefix

    @admin.display(description=_("validity"))
    def validity(self, obj: PartnerKey) -> str:
        if obj.revoked:
            return format_html("<strong>{}</strong>", _("revoked"))
        if obj.has_expired:
            return format_html("<strong>{}</strong>", _("expired"))
        return _("valid")

    @admin.action(description=_("Revoke the selected keys"))
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[PartnerKey]) -> None:  # fmt: skip
        if not self.has_change_permission(request):
            return
        revoked = partner_keys_revoke(queryset)
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )

    def save_model(self, request: HttpRequest, obj: PartnerKey, form: BaseForm, change: bool) -> None:  # fmt: skip
        if change:
            super().save_model(request, obj, form, change)
            return
        key = partner_key_issue(key=obj, issued_by=request.user)
        self.message_user(
            request,
            _("The key of “%(name)s” is %(key)s — copy it now: it is not shown again.")
            % {"name": obj.name, "key": key},
            messages.WARNING,
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_view(request.user, PartnerKey)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:  # fmt: skip
        return permissions.can_view(request.user, PartnerKey, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_add(request.user, PartnerKey)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:  # fmt: skip
        return permissions.can_change(request.user, PartnerKey, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:  # fmt: skip
        return permissions.can_delete(request.user, PartnerKey, obj)
