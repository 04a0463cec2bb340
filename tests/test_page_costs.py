"""What a public page costs does not grow with its rows: the same queries for 1 and 200 rows, and the helpers that
make pages cheap write the same markup as what they replace. Time budgets live in benchmarks/, never here."""

import datetime

import factory
import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from programmes.filters import PlainCheckboxes, PlainSelect
from skills.models import ActorLink, CompetenceNeed, OccupationSkill
from tests.factories import (
    ActionParticipantFactory,
    ActorFactory,
    ActorLinkFactory,
    ApplicationPeriodFactory,
    CompetenceNeedFactory,
    EducationFieldFactory,
    LanguageFactory,
    NewsItemFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


def programmes_with_towns_and_languages(count: int, **kwargs: object) -> list:
    """Programmes with a site and a language each, so that a card has every line to draw."""
    site, language = SiteFactory(), LanguageFactory()
    programmes = ProgrammeFactory.create_batch(count, **kwargs)
    for programme in programmes:
        OfferingFactory(programme=programme, site=site)
        programme.languages.add(language)
    return programmes


def test_the_catalogue_does_the_same_queries_for_1_and_200_programmes(
    client, django_assert_num_queries
):
    provider = ActorFactory()
    programmes_with_towns_and_languages(1, provider=provider)
    # 1 count, 2-6 the choices of segment, region, level, language and starting point, 7 programmes + provider
    # + level, 8 their towns, 9 their languages. Outside a test's transaction 2-6 are read once per data version
    # (filters.share_choices, tests/programmes/test_catalogue.py): 4 queries a request.
    with django_assert_num_queries(9):
        client.get("/en/programmes/")
    programmes_with_towns_and_languages(199, provider=provider)
    with django_assert_num_queries(9):
        response = client.get("/en/programmes/")
    assert response.context["page"].paginator.count == 200
    assert response.content.decode().count('<li class="card">') == 20


def test_the_programme_page_does_the_same_queries_for_1_and_200_skills_occupations_and_places(
    client, django_assert_num_queries
):
    programme = ProgrammeFactory(slug="battery-technology")
    site = SiteFactory()

    def add(count: int) -> None:
        programme.skills.add(*SkillFactory.create_batch(count))
        programme.occupations.add(*OccupationFactory.create_batch(count))
        start = datetime.date(2027, 8, 1) + datetime.timedelta(
            days=programme.offerings.count()
        )
        for day in range(count):
            offering = OfferingFactory(
                programme=programme,
                site=site,
                starts_on=start + datetime.timedelta(days=day),
            )
            ApplicationPeriodFactory(offering=offering)
        programme.required_fields.add(
            *(EducationFieldFactory(code=f"{n:02d}") for n in range(min(count, 11)))
        )

    add(1)
    # 1 programme + provider + level + qualification + successor + region of residence, 2 segments, 3 languages,
    # 4 skills, 5 occupations, 6 intakes, 7 offerings + site + region + language, 8 entry requirements, 9 required
    # fields of earlier education, 10 upcoming application periods + offering + site, 11 the region outlines of the
    # small map (in production kept in the process until the data changes: programmes/outlines.py), 12 the news
    # about the programme
    NewsItemFactory().programmes.add(programme)
    with django_assert_num_queries(12):
        client.get("/en/programmes/battery-technology/")
    add(199)
    for item in NewsItemFactory.create_batch(19):
        item.programmes.add(programme)
    with django_assert_num_queries(12):
        html = client.get("/en/programmes/battery-technology/").content.decode()
    assert html.count('href="/en/skills/') == 200


def test_the_actor_page_does_the_same_queries_for_1_and_200_programmes_needs_and_partners(
    client, django_assert_num_queries
):
    actor = ActorFactory(slug="college")
    SiteFactory(actor=actor)
    # The needs without an occupation come from a workshop, and link to it ("From: …") from the needs' own query.
    source = WorkshopFactory(slug="source-day")

    def add(count: int) -> None:
        for programme in programmes_with_towns_and_languages(count, provider=actor):
            NewsItemFactory().programmes.add(programme)
        CompetenceNeedFactory.create_batch(count, employer=actor)
        # Needs are listed by slug: those without an occupation come first whatever the factory's sequence has
        # reached, so that the first page always has some and their skills and segments are read.
        existing = CompetenceNeed.objects.filter(
            employer=actor, occupation=None
        ).count()
        CompetenceNeedFactory.create_batch(
            count,
            employer=actor,
            occupation=None,
            workshop=source,
            source_kind="workshop",
            slug=factory.Iterator(f"a-need-{existing + n}" for n in range(count)),
        )
        # Partners entered on either side of the link, of two kinds.
        ActorLinkFactory.create_batch(count, actor=actor)
        ActorLinkFactory.create_batch(
            count, partner=actor, actor__country="SE", kind=ActorLink.Kind.RESEARCH
        )
        # Public actions it takes part in, with another organisation each.
        for participant in ActionParticipantFactory.create_batch(
            count, actor=actor, action__visibility="public"
        ):
            ActionParticipantFactory(action=participant.action)
        # Workshops it organised or took part in (both, for some), and one whose summary is not public (not shown).
        WorkshopFactory.create_batch(count, organiser=actor)
        WorkshopFactory.create_batch(count, participants=[actor])
        WorkshopFactory(organiser=actor, is_summary_public=False)

    add(1)
    # 1 actor + successor, 2 segments, 3 sites + region, 4 programmes + provider + level, 5 their towns,
    # 6 their languages, 7 the partners (the links from either side with both actors), 8 the count of needs,
    # 9 a page of needs + occupation + region, 10 the skills and 11 the segments of those without an occupation,
    # 12 the region outlines of the small map (in production kept in the process until the data changes:
    # programmes/outlines.py), 13 the cooperation actions it takes part in, 14 the workshops it organised or took
    # part in, 15 the news about its programmes. A need's workshop ("From: …") is joined to the page of needs.
    with django_assert_num_queries(15):
        client.get("/en/actors/college/")
    add(199)
    with django_assert_num_queries(15):
        html = client.get("/en/actors/college/").content.decode()
    assert html.count('<li class="card">') == 200
    assert html.count('href="/en/cooperation/action-') == 200
    assert html.count('href="/en/actors/actor-') == 400  # every partner, listed once
    # A page of needs (their target year is a cell of their row), and the links to the other pages.
    assert html.count('<td data-label="By">2028</td>') == 50
    assert 'href="?page=8"' in html
    assert html.count('href="/en/workshops/workshop-') == 400
    assert html.count('<a href="/en/workshops/source-day/">From: ') == 50


def test_the_actor_list_does_the_same_queries_for_1_and_200_actors_and_shows_a_page_of_them(
    client, django_assert_num_queries
):
    SiteFactory()
    # 1 count, 2 a page of actors with their programme counts, 3 their towns
    with django_assert_num_queries(3):
        client.get("/en/actors/")
    SiteFactory.create_batch(199)
    with django_assert_num_queries(3):
        response = client.get("/en/actors/")
    html = response.content.decode()
    assert "<caption>200 actors</caption>" in html
    assert html.count('<th scope="row">') == 50
    assert 'href="?page=4"' in html
    assert (
        client.get("/en/actors/?page=4").content.decode().count('<th scope="row">')
        == 50
    )


def test_the_occupation_list_does_the_same_queries_for_1_and_200_occupations(
    client, django_assert_num_queries
):
    segment = SegmentFactory()
    OccupationFactory().segments.add(segment)
    # 1 count, 2 a page of occupations with their programme counts, 3 their segments
    with django_assert_num_queries(3):
        client.get("/en/occupations/")
    for occupation in OccupationFactory.create_batch(199):
        occupation.segments.add(segment)
    with django_assert_num_queries(3):
        html = client.get("/en/occupations/").content.decode()
    assert html.count('<th scope="row">') == 50


def test_the_occupation_page_does_the_same_queries_for_1_and_200_skills_and_programmes(
    client, django_assert_num_queries
):
    occupation = OccupationFactory(slug="battery-assembler")
    provider = ActorFactory()

    def add(count: int) -> None:
        for skill in SkillFactory.create_batch(count):
            OccupationSkill.objects.create(occupation=occupation, skill=skill)
            ProgrammeFactory(provider=provider).skills.add(skill)
        for programme in ProgrammeFactory.create_batch(count, provider=provider):
            programme.occupations.add(occupation)

    add(1)
    # 1 occupation, 2 segments, 3 skill links + skills, 4 programmes leading to it, 5–6 the programmes teaching
    # most of its skills in Finland and in Sweden (all + provider + level)
    with django_assert_num_queries(6):
        client.get("/en/occupations/battery-assembler/")
    add(199)
    with django_assert_num_queries(6):
        html = client.get("/en/occupations/battery-assembler/").content.decode()
    assert html.count('href="/en/skills/') == 200
    # The menu's catalogue link, all 200 that lead to it and, of the 200 Finnish ones that teach its skills, 20.
    assert html.count('href="/en/programmes/') == 1 + 200 + 20
    assert (
        "Only the 20 programmes that teach the most of these skills are listed." in html
    )


def test_the_skill_page_does_the_same_queries_for_1_and_200_occupations_and_programmes(
    client, django_assert_num_queries
):
    skill = SkillFactory(slug="soldering")
    provider = ActorFactory()

    def add(count: int) -> None:
        for occupation in OccupationFactory.create_batch(count):
            OccupationSkill.objects.create(occupation=occupation, skill=skill)
        for programme in ProgrammeFactory.create_batch(count, provider=provider):
            programme.skills.add(skill)

    add(1)
    # 1 skill, 2 occupation links + occupations, 3 programmes + provider + level
    with django_assert_num_queries(3):
        client.get("/en/skills/soldering/")
    add(199)
    with django_assert_num_queries(3):
        html = client.get("/en/skills/soldering/").content.decode()
    assert html.count('href="/en/occupations/occupation-') == 200


def test_the_home_page_does_the_same_queries_for_1_and_200_programmes(
    client, django_assert_num_queries
):
    segment, provider = SegmentFactory(), ActorFactory()
    ProgrammeFactory(segments=[segment], provider=provider)
    NewsItemFactory()
    # 1 programmes per segment and country, 2 actors per segment, 3 segments, 4 the four totals, 5 the three newest
    # news items
    with django_assert_num_queries(5):
        client.get("/fi/")
    for programme in ProgrammeFactory.create_batch(199, provider=provider):
        programme.segments.add(segment)
    NewsItemFactory.create_batch(19)
    with django_assert_num_queries(5):
        html = client.get("/fi/").content.decode()
    assert "<strong>200</strong>" in html


def test_the_accessibility_statement_reads_nothing_from_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        client.get("/sv/accessibility/")


CHOICES = [("", "All"), ("fi", "Finland & more"), ("se", "Sweden")]


@pytest.mark.parametrize("value", ["", "se", None])
def test_plain_select_writes_the_markup_of_djangos_select(value):
    attrs = {"id": "id_country", "required": True, "disabled": False, "aria-x": '"q"'}
    assert PlainSelect(choices=CHOICES).render("country", value, attrs) == (
        forms.Select(choices=CHOICES).render("country", value, attrs)
    )


def test_plain_select_writes_option_groups_like_djangos_select():
    grouped = [("", "Any"), ("Nordic", [("fi", "Finland"), ("se", "Sweden")])]
    assert PlainSelect(choices=grouped).render("country", "fi") == (
        forms.Select(choices=grouped).render("country", "fi")
    )


def test_plain_checkboxes_write_the_inputs_of_djangos_checkboxes():
    class Form(forms.Form):
        plain = forms.MultipleChoiceField(choices=CHOICES, widget=PlainCheckboxes)
        django = forms.MultipleChoiceField(
            choices=CHOICES, widget=forms.CheckboxSelectMultiple
        )

    form = Form({"plain": ["se"], "django": ["se"]})
    plain = [choice.tag() for choice in form["plain"]]
    django = [choice.tag() for choice in form["django"]]
    assert [tag.replace("plain", "django") for tag in plain] == django
    assert 'id="id_django_2" checked' in django[2]
    # The whole widget (label-wrapped options) still comes from Django's templates.
    assert str(form["plain"]).replace("plain", "django") == str(form["django"])


def test_translated_marks_a_fallback_like_the_template_it_replaced():
    segment = SegmentFactory(
        name_fi="Kierrätys", name_sv="", name_en="Recycling & reuse"
    )
    template = Template('{% load portal %}{% translated segment "name" %}')
    with translation.override("sv"):
        html = template.render(Context({"segment": segment}))
    assert html == (
        '<span lang="fi">Kierrätys</span> <span class="fallback">(ännu inte översatt)</span>'
    )
    with translation.override("en"):
        html = template.render(Context({"segment": segment}))
    assert html == '<span lang="en">Recycling &amp; reuse</span>'


def test_the_language_links_keep_the_address_and_its_query_once_per_page(client):
    html = client.get("/fi/programmes/?kind=degree&q=akku").content.decode()
    for code in ("fi", "sv", "en"):
        address = f"/{code}/programmes/?kind=degree&amp;q=akku"
        alternate = f'<link rel="alternate" hreflang="{code}" href="http://testserver{address}">'
        assert alternate in html
        assert f'href="{address}" hreflang="{code}" lang="{code}"' in html
    assert 'lang="fi" aria-current="true">Suomi</a>' in html
    # Visitors whose language is none of these: the same page in the language their browser asks for.
    default = "http://testserver/programmes/?kind=degree&amp;q=akku"
    assert f'<link rel="alternate" hreflang="x-default" href="{default}">' in html
    assert (
        client.get("/programmes/?kind=degree", HTTP_ACCEPT_LANGUAGE="sv")["Location"]
        == "/sv/programmes/?kind=degree"
    )
