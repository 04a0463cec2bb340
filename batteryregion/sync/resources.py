"""The resources of the partner API as the sync sees them: the router's name, the model, the identifier its detail
URL takes, and which records a viewer finds in its lists."""

import functools
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q

from batteryregion.records import PublicationState, Publishable
from batteryregion.visibility import visible_records


@dataclass(frozen=True)
class Resource:
    name: str  # the router's basename: "programme", "competence-need"
    prefix: str  # the list's path under /api/v1/: "programmes"
    model: type[models.Model]
    identifier: str  # the field the detail URL takes: slug, code or level; id for links, which have no name

    @property
    def renamable(self) -> bool:
        """Whether the identifier can change (a slug, a code); a primary key never does, so it leaves no alias."""
        return not self.model._meta.get_field(self.identifier).primary_key

    def listed(self, user: AbstractBaseUser | AnonymousUser) -> Q:
        """The records of this resource the user finds in its lists (with ?state=all where there is one)."""
        hidden = self.hidden_by_what_it_shows()
        own = self.listed_by_own_state(user)
        return own if hidden is None else own & ~hidden

    def listed_by_own_state(self, user: AbstractBaseUser | AnonymousUser) -> Q:
        """The records whose own fields put them in the user's lists; the same condition holds on the model's
        historical versions, so that it also tells whether a version was listed."""
        from gaps.cooperation.models import Action
        from skills.models import CompetenceNeed, Workshop, visible_needs
        from skills.models.workshops import visible_workshops

        if self.model is CompetenceNeed:
            return Q(state=PublicationState.PUBLISHED) & visible_needs(user)
        if self.model is Action:
            # The cooperation board's rule, and nothing else: actions have no publication state.
            return visible_records(user)
        if self.model is Workshop:
            # The workshop pages' rule: public summaries, or every workshop for coordinators.
            return visible_workshops(user)
        if issubclass(self.model, Publishable):
            return ~Q(state=PublicationState.DRAFT)
        return Q()

    def hidden_by_what_it_shows(self) -> Q | None:
        """The records kept out of the lists by another record they show, whatever their own state: a link whose
        actor or partner is a draft. None where nothing does that."""
        from skills.models import ActorLink

        if self.model is ActorLink:
            return Q(actor__state=PublicationState.DRAFT) | Q(
                partner__state=PublicationState.DRAFT
            )
        return None


@functools.cache
def resources() -> dict[str, Resource]:
    """Every resource of the router that lists records with an identifier, by name, in the router's order."""
    from batteryregion.api import router
    from skills.api import PublicViewSet

    return {
        basename: Resource(
            name=basename,
            prefix=prefix,
            model=viewset.serializer_class.Meta.model,
            identifier=viewset.lookup_field,
        )
        for prefix, viewset, basename in router.registry
        if issubclass(viewset, PublicViewSet)
    }


@functools.cache
def resource_of_model() -> dict[type[models.Model], Resource]:
    return {resource.model: resource for resource in resources().values()}
