"""A link between two actors: stored once, found from either side, never with itself, never twice for one pair and
kind, never ending before it started, and sourced before it is published; each refusal names its field in fi, sv
and en."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from skills.models import ActorLink
from tests.factories import ActorFactory, ActorLinkFactory
from tests.validation_messages import LANGUAGES, clean_errors, expected, messages

pytestmark = pytest.mark.django_db

SAME_ACTOR = "An actor cannot be linked with itself; choose another partner."
ENDED_BEFORE_STARTED = "The cooperation cannot end before it started; the end date must be on or after the start date."
DUPLICATE = "These two actors already have a link of this kind (in either direction); change that link instead."
NO_SOURCE = "A published link needs a source: give the address of a page that shows the cooperation."


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_actor_linked_with_itself_is_refused_on_the_partner_field(language):
    actor = ActorFactory()
    error = clean_errors(ActorLinkFactory.build(actor=actor, partner=actor))

    assert messages(error, "partner", language) == [expected(SAME_ACTOR, language)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_link_that_ends_before_it_starts_is_refused_on_the_end_date(language):
    link = ActorLinkFactory.build(
        actor=ActorFactory(),
        partner=ActorFactory(country="SE"),
        started_on=datetime.date(2024, 5, 1),
        ended_on=datetime.date(2024, 4, 30),
    )
    error = clean_errors(link)

    assert messages(error, "ended_on", language) == [
        expected(ENDED_BEFORE_STARTED, language)
    ]


def test_a_link_may_end_the_day_it_started():
    day = datetime.date(2024, 5, 1)
    ActorLinkFactory.build(
        actor=ActorFactory(), partner=ActorFactory(), started_on=day, ended_on=day
    ).full_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_pair_and_kind_is_refused_in_either_direction(language):
    link = ActorLinkFactory()
    for actor, partner in ((link.actor, link.partner), (link.partner, link.actor)):
        error = clean_errors(
            ActorLinkFactory.build(actor=actor, partner=partner, kind=link.kind)
        )
        assert messages(error, "partner", language) == [expected(DUPLICATE, language)]


def test_the_same_pair_may_have_links_of_other_kinds():
    link = ActorLinkFactory()
    ActorLinkFactory.build(
        actor=link.partner, partner=link.actor, kind=ActorLink.Kind.RESEARCH
    ).full_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_link_needs_its_source_and_a_draft_does_not(language):
    link = ActorLinkFactory.build(
        actor=ActorFactory(), partner=ActorFactory(), source_url=""
    )
    error = clean_errors(link)
    assert messages(error, "source_url", language) == [expected(NO_SOURCE, language)]

    link.state = "draft"
    link.full_clean()


def test_the_database_itself_refuses_what_the_forms_refuse():
    link = ActorLinkFactory()
    refused = [
        {"actor": link.actor, "partner": link.actor, "kind": ActorLink.Kind.RESEARCH},
        {"actor": link.partner, "partner": link.actor, "kind": link.kind},
        {
            "actor": link.actor,
            "partner": link.partner,
            "kind": ActorLink.Kind.CLUSTER,
            "started_on": datetime.date(2025, 1, 2),
            "ended_on": datetime.date(2025, 1, 1),
        },
        {
            "actor": link.actor,
            "partner": link.partner,
            "kind": ActorLink.Kind.CLUSTER,
            "source_url": "",
        },
    ]
    for values in refused:
        with pytest.raises(IntegrityError), transaction.atomic():
            ActorLink.objects.create(state="published", **values)


def test_a_link_is_found_from_either_side_and_only_once():
    finnish, swedish, other = (
        ActorFactory(),
        ActorFactory(country="SE"),
        ActorFactory(),
    )
    link = ActorLinkFactory(actor=finnish, partner=swedish)
    ActorLinkFactory(actor=other, partner=ActorFactory())

    assert list(ActorLink.objects.involving(finnish)) == [link]
    assert list(ActorLink.objects.involving(swedish)) == [link]
    assert link.other_side(finnish.pk) == swedish
    assert link.other_side(swedish.pk) == finnish


def test_a_link_crosses_the_border_when_the_countries_differ():
    across = ActorLinkFactory(
        actor=ActorFactory(country="FI"), partner=ActorFactory(country="SE")
    )
    within = ActorLinkFactory(
        actor=ActorFactory(country="SE"), partner=ActorFactory(country="SE")
    )

    assert across.crosses_border
    assert not within.crosses_border
    assert list(ActorLink.objects.crossing_border()) == [across]
    assert list(ActorLink.objects.within_country()) == [within]


def test_every_change_of_a_link_is_kept_in_its_history_with_its_segments():
    link = ActorLinkFactory()
    link.description_en = "Joint recruitment of students"
    link.save()

    assert link.history.count() == 2
    assert link.history.first().description_en == "Joint recruitment of students"
