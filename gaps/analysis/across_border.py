"""Needs met only across the border: counted needs that no programme in their own country meets, but one in the other
country does, read need by need for the dashboard's list and the CSV export.

It is a rule of its own, applied to each need rather than added up per row (a need is met when one programme given
in a country fits it), and its query starts from the programme link tables, so it is kept apart from the demand and
supply figures.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from batteryregion.records import PublicationState
from gaps.analysis.demand import counted_needs
from gaps.analysis.parameters import GapQuery
from programmes.models import Programme
from skills.models import CompetenceNeed, Country


def needs_met_only_across_border(
    query: GapQuery, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """Counted needs the user may see that no programme in their own country meets, but one in the other does.

    A published programme *meets* a need when it is given in the country, awards a level within the need's band (or
    no level), and leads to the need's occupation or teaches one of its skills; for a need that names neither, when
    it serves one of the need's segments. One query.
    """
    # alias(), not annotate(): the expressions are only filtered on, so each is compiled and run once, in WHERE.
    needs = counted_needs(query, user).alias(
        other_country=Case(
            When(region__country=Country.FINLAND, then=Value(Country.SWEDEN)),
            default=Value(Country.FINLAND),
        ),
        names_skills=Exists(
            CompetenceNeed.skills.through.objects.filter(
                competenceneed_id=OuterRef("pk")
            )
        ),
    )
    return (
        needs.alias(
            met_here=_met_in(OuterRef("region__country")),
            met_there=_met_in(OuterRef("other_country")),
        )
        .filter(met_here=False, met_there=True)
        .select_related("employer", "occupation", "region")
        .order_by("region__code", "-target_year", "slug")
    )


def _met_in(country: Any) -> Any:
    """SQL expression on needs: a published programme in the country meets the need (see the rule above)."""

    def via(link: type[models.Model], **to_need: Any) -> Exists:
        """EXISTS read from a programme link table, starting at the need's occupation or skills: read from the
        programmes instead, every need scanned all published programmes (seconds at 50,000 needs)."""
        return Exists(
            link.objects.filter(
                **to_need,
                programme__state=PublicationState.PUBLISHED,
                programme__offerings__site__region__country=country,
            ).filter(
                Q(programme__awarded_level__isnull=True)
                | Q(
                    programme__awarded_level__level__gte=Coalesce(
                        OuterRef("min_level"), Value(1)
                    ),
                    programme__awarded_level__level__lte=Coalesce(
                        OuterRef("max_level"), Value(8)
                    ),
                )
            )
        )

    # Separate EXISTS for each path: one with an OR across two relations cannot use their indexes.
    by_occupation = via(
        Programme.occupations.through, occupation=OuterRef("occupation")
    )
    by_skill = via(Programme.skills.through, skill__competence_needs=OuterRef("pk"))
    by_segment = via(
        Programme.segments.through, segment__competence_needs=OuterRef("pk")
    )
    names_neither = Q(occupation__isnull=True, names_skills=False)
    return Case(
        When(by_occupation, then=Value(True)),
        When(by_skill, then=Value(True)),
        When(names_neither & Q(by_segment), then=Value(True)),
        default=Value(False),
        output_field=models.BooleanField(),
    )
