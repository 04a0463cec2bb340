"""Public pages of the education offer: catalogue, programme, actor, occupation and skill pages."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from batteryregion.active_filters import active_filters
from batteryregion.i18n import Shown, shown
from batteryregion.news import selectors as news_selectors
from batteryregion.pagination import paginate, query_without_page
from batteryregion.records import PublicationState
from batteryregion.templatetags.portal import http_url
from coordinators.permissions import may_preview_drafts
from programmes import actor_selectors, network_selectors, rows, selectors
from programmes.filters import ProgrammeFilter, share_choices
from programmes.jsonld import programme_json_ld
from programmes.map import map_url_for
from programmes.models import Programme
from programmes.region_picture import region_picture
from skills.models import Actor, Country, Occupation, OccupationSkill, Skill
from skills.selectors import public_successor, workshops_of_actor

T = TypeVar("T")

# Rows per page of the actor and occupation lists: today's whole list fits on one page, and ten times the data
# still costs one page's worth of rows.
LIST_PAGE_SIZE = 50

# The occupation page names, per country, the programmes that teach the most of its essential skills: at ten times
# today's data, all of them would be hundreds of lines.
TEACHING_PER_COUNTRY = 20


def programme_list(request: HttpRequest) -> HttpResponse:
    filterset = ProgrammeFilter(
        request.GET, queryset=selectors.programmes_for_catalogue(), request=request
    )
    share_choices(filterset.form)
    # htmx swaps only the results; the full page works the same without JavaScript.
    template = (
        "programmes/includes/catalogue_results.html"
        if request.htmx
        else "programmes/programme_list.html"
    )
    if not filterset.is_valid():
        return render(
            request, template, {"filterset": filterset, "invalid": True}, status=400
        )
    page = paginate(filterset.qs, request, per_page=20)
    context = {
        "filterset": filterset,
        "page": page,
        "cards": rows.programme_cards(page.object_list),
        "page_query": query_without_page(request),
        # An empty result offers to remove each filter set (read only then: the options may cost a query each).
        "active_filters": (
            active_filters(filterset.form, request.GET)
            if not page.paginator.count
            else []
        ),
    }
    return render(request, template, context)


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A published or discontinued programme's page; a draft's preview for coordinators, a 404 for everyone else."""
    page = found_or_404(
        partial(
            selectors.programme_for_page,
            include_drafts=may_preview_drafts(request.user, Programme),
        ),
        slug,
        _("No programme has the address “%(slug)s”."),
    )
    programme = page.programme
    context = {
        "programme": programme,
        "segments": page.segments,
        "languages": page.languages,
        "offerings": page.offerings,
        "entry_requirements": page.entry_requirements,
        "intakes": page.intakes,
        "required_fields": page.required_fields,
        "application_periods": page.application_periods,
        "successor": public_successor(programme),
        "admin_url": reverse("admin:programmes_programme_change", args=[programme.pk]),
        "json_ld": programme_json_ld(page, request),
        "skills": concept_links(page.skills, "programmes:skill_detail"),
        "occupations": concept_links(page.occupations, "programmes:occupation_detail"),
        "region_picture": region_picture(offering.site for offering in page.offerings),
        "full_map_url": map_url_for(programme=programme.slug),
        "related_news": news_selectors.news_for_programme(programme),
    }
    return preview_safe(
        render(request, "programmes/programme_detail.html", context), programme
    )


def actor_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    country = request.GET.get("country", "")
    # Each error with the id and label of its field: the summary links to the field, the field points at its error.
    errors: dict[str, dict[str, str]] = {}
    if kind and kind not in Actor.Kind.values:
        errors["kind"] = {
            "id": "actor-kind",
            "label": _("Type of actor"),
            "message": _("“%(value)s” is not a type of actor.") % {"value": kind},
        }
    if country and country not in Country.values:
        errors["country"] = {
            "id": "actor-country",
            "label": _("Country"),
            "message": _("“%(value)s” is not a country of the map.")
            % {"value": country},
        }
    page = None
    if not errors:
        actors = actor_selectors.actors_for_list().filter(
            **{k: v for k, v in {"kind": kind, "country": country}.items() if v}
        )
        page = paginate(actors, request, per_page=LIST_PAGE_SIZE)
    context = {
        "page": page,
        "rows": rows.actor_rows(page.object_list) if page else [],
        "page_query": query_without_page(request),
        "errors": errors,
        "kinds": Actor.Kind.choices,
        "countries": Country.choices,
        "kind": kind,
        "country": country,
    }
    return render(
        request, "programmes/actor_list.html", context, status=400 if errors else 200
    )


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A published or discontinued actor's page; a draft's preview for coordinators, a 404 for everyone else."""
    page = found_or_404(
        partial(
            actor_selectors.actor_for_page,
            include_drafts=may_preview_drafts(request.user, Actor),
        ),
        slug,
        _("No actor has the address “%(slug)s”."),
    )
    actor = page.actor
    # A page of needs at a time: an employer may state hundreds.
    needs = paginate(
        actor_selectors.needs_for_actor(actor, request.user),
        request,
        per_page=LIST_PAGE_SIZE,
    )
    occupation_url = rows.url_for_slug("programmes:occupation_detail")
    context = {
        "actor": actor,
        "segments": page.segments,
        "sites": page.sites,
        "successor": public_successor(actor),
        "admin_url": reverse("admin:skills_actor_change", args=[actor.pk]),
        "programme_cards": rows.programme_cards(
            selectors.programmes_for_cards().filter(provider=actor)
        ),
        "partner_groups": network_selectors.partners_for_actor(actor),
        "actions": network_selectors.actions_for_actor(actor, request.user),
        "workshops": list(workshops_of_actor(actor, request.user)),
        "needs_page": needs,
        "needs": [
            (need, occupation_url(need.occupation.slug) if need.occupation else "")
            for need in actor_selectors.with_need_labels(list(needs))
        ],
        "page_query": query_without_page(request),
        "region_picture": region_picture(page.sites),
        "full_map_url": map_url_for(actor=actor.slug),
        "related_news": news_selectors.news_for_actor(actor),
    }
    return preview_safe(render(request, "programmes/actor_detail.html", context), actor)


def occupation_list(request: HttpRequest) -> HttpResponse:
    page = paginate(selectors.occupations_for_list(), request, per_page=LIST_PAGE_SIZE)
    context = {
        "page": page,
        "rows": rows.occupation_rows(page.object_list),
        "page_query": query_without_page(request),
    }
    return render(request, "programmes/occupation_list.html", context)


def occupation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = found_or_404(
        selectors.occupation_for_page,
        slug,
        _("No occupation has the address “%(slug)s”."),
    )
    occupation = page.occupation
    essential, optional = split_by_relation(page.skill_links, "skill")
    leading = list(selectors.programmes_for_lists().filter(occupations=occupation))
    teaching = selectors.programmes_teaching_skills(
        [skill.pk for skill in essential],
        exclude=[programme.pk for programme in leading],
    )
    # One more than is shown, to know whether the list was cut.
    most_teaching = [
        programme
        for country in Country.values
        for programme in teaching.filter(provider__country=country)[
            : TEACHING_PER_COUNTRY + 1
        ]
    ]
    context = {
        "occupation": occupation,
        "segments": page.segments,
        "essential_skills": concept_links(essential, "programmes:skill_detail"),
        "optional_skills": concept_links(optional, "programmes:skill_detail"),
        "leading": by_country(leading),
        "teaching": by_country(
            most_teaching, essential_total=len(essential), limit=TEACHING_PER_COUNTRY
        ),
    }
    return render(request, "programmes/occupation_detail.html", context)


def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = found_or_404(
        selectors.skill_for_page, slug, _("No skill has the address “%(slug)s”.")
    )
    skill = page.skill
    essential, optional = split_by_relation(page.occupation_links, "occupation")
    context = {
        "skill": skill,
        "essential_for": concept_links(essential, "programmes:occupation_detail"),
        "optional_for": concept_links(optional, "programmes:occupation_detail"),
        "teaching": by_country(selectors.programmes_for_lists().filter(skills=skill)),
    }
    return render(request, "programmes/skill_detail.html", context)


def split_by_relation(
    links: Iterable[OccupationSkill], side: str
) -> tuple[list[T], list[T]]:
    """The skills (side="skill") or occupations (side="occupation") of occupation–skill links: essential, optional."""
    essential, optional = [], []
    for link in links:
        group = essential if link.relation == link.Relation.ESSENTIAL else optional
        group.append(getattr(link, side))
    return essential, optional


def preview_safe(response: HttpResponse, record: Model) -> HttpResponse:
    """A draft's preview is never stored by a cache or a browser (the page cache already skips logged-in users)."""
    if record.state == PublicationState.DRAFT:
        patch_cache_control(response, private=True, no_store=True)
    return response


def found_or_404(fetch: Callable[[str], T], slug: str, message: str) -> T:
    """The record a selector finds by slug, or a 404 whose message names the slug."""
    try:
        return fetch(slug)
    except ObjectDoesNotExist as error:
        raise Http404(message % {"slug": slug}) from error


@dataclass(frozen=True)
class ConceptLink:
    """A skill or occupation in a detail page's list, worked out in Python so that the template only prints it."""

    url: str
    label: Shown
    esco_url: str  # its ESCO address when that is http(s) (portal.http_url), else ""
    is_local: bool  # no ESCO address at all: a concept the project defined


def concept_links(
    concepts: Iterable[Skill | Occupation], view_name: str
) -> list[ConceptLink]:
    """Links to the pages of skills or occupations (one reverse() for the whole list)."""
    return [
        ConceptLink(
            url=url,
            label=shown(concept, "label"),
            esco_url=http_url(concept.esco_uri),
            is_local=not concept.esco_uri,
        )
        for concept, url in rows.with_urls(concepts, view_name)
    ]


@dataclass(frozen=True)
class ProgrammeLine:
    """A programme in the occupation and skill pages' lists, worked out in Python so that the template only prints
    it."""

    url: str
    name: Shown
    provider: Shown
    eqf_level: int | None
    coverage: str  # "teaches 3 of 45 essential skills", or ""
    availability: str = "running"  # Programme.Availability, for the badge's class
    availability_text: str = ""  # "Planned — expected to start …" or "Proposed", as in the catalogue; "" when it runs


@dataclass(frozen=True)
class CountryGroup:
    """The lines of a list of programmes on one side of the border."""

    country: str
    lines: list[ProgrammeLine]
    # More programmes than the page's limit: only the first ones are listed.
    is_cut: bool


def by_country(
    programmes: Iterable[Programme],
    *,
    essential_total: int = 0,
    limit: int | None = None,
) -> list[CountryGroup]:
    """Lines of programmes grouped under Finland and Sweden, both always present so that an empty side shows;
    with `essential_total`, each line says how many of the essential skills the programme teaches; with `limit`,
    each side lists at most that many."""
    groups: dict[str, list[ProgrammeLine]] = {code: [] for code in Country.values}
    for programme, url in rows.with_urls(programmes, "programmes:programme_detail"):
        taught = getattr(programme, "skills_taught", 0)
        groups[programme.provider.country].append(
            ProgrammeLine(
                url=url,
                name=shown(programme, "name"),
                provider=shown(programme.provider, "name"),
                eqf_level=programme.awarded_level.level
                if programme.awarded_level
                else None,
                coverage=_("teaches %(taught)s of %(total)s essential skills")
                % {"taught": taught, "total": essential_total}
                if taught and essential_total
                else "",
                availability=programme.availability,
                availability_text=programme.availability_text,
            )
        )
    return [
        CountryGroup(
            country=Country(code).label,
            lines=lines[:limit],
            is_cut=limit is not None and len(lines) > limit,
        )
        for code, lines in groups.items()
    ]
