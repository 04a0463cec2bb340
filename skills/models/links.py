"""The network of actors: who cooperates with whom, how, since when, and in which parts of the value chain.

A link is undirected: it is stored once, with one actor as ``actor`` and the other as ``partner``, and every reader
finds it from either side (``ActorLinkQuerySet.involving``). The database keeps a pair of actors and a kind of
cooperation once whichever way round it was entered.
"""

from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from batteryregion.records import (
    PublicationState,
    Publishable,
    PublishableQuerySet,
    TrackedRecord,
)
from batteryregion.validators import validate_not_in_future
from skills.models.actors import Actor
from skills.models.vocabulary import Region, Segment

SAME_ACTOR = _("An actor cannot be linked with itself; choose another partner.")
ENDED_BEFORE_STARTED = _(
    "The cooperation cannot end before it started; the end date must be on or after the start date."
)
DUPLICATE = _(
    "These two actors already have a link of this kind (in either direction); change that link instead."
)
NO_SOURCE = _(
    "A published link needs a source: give the address of a page that shows the cooperation."
)


def placed_in(region: Region) -> Q:
    """Actors with a site in the region or in one of its subregions (NUTS levels below), as a filter on Actor."""
    placed = Q()
    for depth in range(4):
        placed |= Q(**{"sites__region" + "__parent" * depth: region})
    return placed


class ActorLinkQuerySet(PublishableQuerySet):
    def involving(self, actor: Actor | int) -> Self:
        """The links the actor has, whichever side it was entered on."""
        return self.filter(Q(actor=actor) | Q(partner=actor))

    def crossing_border(self) -> Self:
        """Links between actors of different countries."""
        return self.exclude(actor__country=F("partner__country"))

    def within_country(self) -> Self:
        """Links between actors of the same country."""
        return self.filter(actor__country=F("partner__country"))

    def in_region(self, region: Region) -> Self:
        """Links with an actor that has a site in the region or in one of its subregions (NUTS levels below)."""
        actors = Actor.objects.filter(placed_in(region)).values("pk")
        return self.filter(Q(actor__in=actors) | Q(partner__in=actors))

    def concerning(self, segment: Segment) -> Self:
        """Links that concern the segment (one row per link)."""
        return self.filter(
            pk__in=ActorLink.segments.through.objects.filter(segment=segment).values(
                "actorlink_id"
            )
        )


class ActorLink(TrackedRecord, Publishable):
    """Two actors that cooperate: an agreement, an apprenticeship partner, a shared programme, research, a cluster."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Education–employer agreement")
        APPRENTICESHIP = (
            "apprenticeship",
            _("Apprenticeship or workplace-learning partner"),
        )
        SHARED_PROGRAMME = "shared_programme", _("Shared programme")
        RESEARCH = "research", _("Research cooperation")
        CLUSTER = "cluster", _("Cluster membership")

    actor = models.ForeignKey(
        Actor, models.PROTECT, related_name="links", verbose_name=_("actor")
    )
    partner = models.ForeignKey(
        Actor,
        models.PROTECT,
        related_name="partner_links",
        verbose_name=_("partner"),
    )
    kind = models.CharField(
        _("kind of cooperation"), max_length=20, choices=Kind.choices
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    # Publishable's end date is the end of the cooperation here, whatever the state of the record.
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("When the cooperation ended; empty while it goes on."),
    )
    description = models.TextField(_("description"), blank=True)
    segments = models.ManyToManyField(
        Segment,
        related_name="actor_links",
        blank=True,
        verbose_name=_("value-chain segments"),
        help_text=_("The parts of the value chain the cooperation concerns."),
    )
    source_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Required before the link is published."),
    )
    verified_on = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        validators=[validate_not_in_future],
    )

    description_fi: str | None
    description_sv: str | None
    description_en: str | None

    objects = ActorLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("link between actors")
        verbose_name_plural = _("links between actors")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(actor=F("partner")),
                name="actor_link_two_actors",
                violation_error_message=SAME_ACTOR,
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="actor_link_dates_ordered",
                violation_error_message=ENDED_BEFORE_STARTED,
            ),
            # The same pair in either order: the smaller id and the larger one, with the kind, once.
            models.UniqueConstraint(
                Least("actor", "partner"),
                Greatest("actor", "partner"),
                "kind",
                name="actor_link_pair_kind_once",
                violation_error_message=DUPLICATE,
            ),
            models.CheckConstraint(
                condition=~Q(state=PublicationState.PUBLISHED) | ~Q(source_url=""),
                name="actor_link_published_has_source",
                violation_error_message=NO_SOURCE,
            ),
        ]

    def __str__(self) -> str:
        return _("%(actor)s – %(partner)s: %(kind)s") % {
            "actor": self.actor,
            "partner": self.partner,
            "kind": self.get_kind_display(),
        }

    @property
    def crosses_border(self) -> bool:
        """Whether the two actors are in different countries (reads both actors: join them)."""
        return self.actor.country != self.partner.country

    def other_side(self, actor_id: int) -> Actor:
        """The actor at the other end of the link, seen from the given one."""
        return self.partner if self.actor_id == actor_id else self.actor

    def clean(self) -> None:
        """The database constraints again, each message on the field to correct (the form shows it there)."""
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.actor_id is not None and self.actor_id == self.partner_id:
            errors["partner"] = ValidationError(SAME_ACTOR, code="same_actor")
        elif self.actor_id is not None and self.partner_id is not None:
            pair = {self.actor_id, self.partner_id}
            others = ActorLink.objects.filter(
                actor__in=pair, partner__in=pair, kind=self.kind
            ).exclude(pk=self.pk)
            if others.exists():
                errors["partner"] = ValidationError(DUPLICATE, code="duplicate")
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = ValidationError(
                ENDED_BEFORE_STARTED, code="ended_before_started"
            )
        if self.state == PublicationState.PUBLISHED and not self.source_url:
            errors["source_url"] = ValidationError(NO_SOURCE, code="source_required")
        if errors:
            raise ValidationError(errors)
