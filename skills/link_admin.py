"""The coordinators' admin of the network: the links between actors, and the links on an actor's own page.

A link is stored once, with one actor as "actor" and the other as "partner". The actor's page edits the links entered
on its side (ActorLinkInline); the links where it is the partner are counted there with a link to the list of all
its links (the list's "involving" filter), where each opens on its own page.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from batteryregion.admin import RecordAdmin
from coordinators.scoped_admin import ScopedInlineMixin
from skills.models import Actor, ActorLink


class CrossBorderFilter(admin.SimpleListFilter):
    """Links between the two countries, or within one."""

    title = _("across the border")
    parameter_name = "across"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        return [
            ("yes", _("Across the border")),
            ("no", _("Within one country")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.crossing_border()
        if self.value() == "no":
            return queryset.within_country()
        return queryset


class InvolvingFilter(admin.SimpleListFilter):
    """The links of one actor, on either side (opened from the actor's page; offered only when set)."""

    title = _("links of an actor")
    parameter_name = "involving"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        value = self.value()
        if not value or not value.isdigit():
            return []
        actor = Actor.objects.filter(pk=value).only("name").first()
        return [(value, str(actor))] if actor else []

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value and value.isdigit():
            return queryset.involving(int(value))
        return queryset


@admin.register(ActorLink)
class ActorLinkAdmin(RecordAdmin):
    list_display = [
        "__str__",
        "actor_with_country",
        "partner_with_country",
        "kind",
        "started_on",
        "ended_on",
        "crosses_border",
        "state",
    ]
    list_filter = [
        InvolvingFilter,
        "state",
        "kind",
        "segments",
        CrossBorderFilter,
        "actor__country",
    ]
    list_select_related = ["actor", "partner"]
    search_fields = [
        "actor__name_fi",
        "actor__name_sv",
        "actor__name_en",
        "partner__name_fi",
        "partner__name_sv",
        "partner__name_en",
    ]
    autocomplete_fields = ["actor", "partner"]
    filter_horizontal = ["segments"]
    translation_check_fields = ("description",)

    class Media:
        js = ["js/admin_language_switch.js"]
        css = {"all": ["css/admin_forms.css"]}

    @admin.display(description=_("actor"), ordering="actor__name")
    def actor_with_country(self, obj: ActorLink) -> str:
        return f"{obj.actor} ({obj.actor.country})"

    @admin.display(description=_("partner"), ordering="partner__name")
    def partner_with_country(self, obj: ActorLink) -> str:
        return f"{obj.partner} ({obj.partner.country})"

    @admin.display(boolean=True, description=_("across the border"))
    def crosses_border(self, obj: ActorLink) -> bool:
        return obj.crosses_border

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActorLink]:
        # The segment filter joins the segments; distinct keeps one row per link.
        return super().get_queryset(request).distinct()


class ActorLinkInline(ScopedInlineMixin, admin.TabularInline):
    """The links entered on this actor's side; their description and segments are edited on the link's own page."""

    model = ActorLink
    fk_name = "actor"
    fields = [
        "partner",
        "kind",
        "started_on",
        "ended_on",
        "state",
        "source_url",
    ]
    autocomplete_fields = ["partner"]
    show_change_link = True
    extra = 0
    verbose_name = _("link to a partner")
    verbose_name_plural = _(
        "links to partners (entered on this actor; the others are listed under “All links”)"
    )


@admin.display(description=_("All links"))
def all_links(obj: Actor) -> str:
    """How many links the actor has on either side, linking to the list of them."""
    if obj.pk is None:
        return "–"
    count = ActorLink.objects.involving(obj).count()
    url = reverse("admin:skills_actorlink_changelist")
    text = ngettext(
        "%(count)d link, on either side",
        "%(count)d links, on either side",
        count,
    ) % {"count": count}
    return format_html(
        '<a href="{}?involving={}&amp;scope=all">{}</a>', url, obj.pk, text
    )
