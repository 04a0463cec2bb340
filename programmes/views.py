"""Public pages of the education offer: catalogue, programme, actor, occupation and skill pages."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from batteryregion.pagination import paginate, query_without_page
from batteryregion.records import PublicationState
from coordinators.permissions import may_preview_drafts
from programmes import rows, selectors
from programmes.filters import ProgrammeFilter
from programmes.jsonld import programme_json_ld
from programmes.map import map_config
from programmes.models import Programme
from skills.models import Actor, Country
from skills.selectors import public_successor

T = TypeVar("T")

# Rows per page of the actor and occupation lists: today's whole list fits on one page, and ten times the data
# still costs one page's worth of rows.
LIST_PAGE_SIZE = 50


def programme_list(request: HttpRequest) -> HttpResponse:
    filterset = ProgrammeFilter(
        request.GET, queryset=selectors.programmes_for_catalogue(), request=request
    )
    # htmx swaps only the results; the full page works the same without JavaScript.
    template = (
        "programmes/includes/catalogue_results.html"
        if request.htmx
        else "programmes/programme_list.html"
    )
    if not filterset.is_valid():
        return render(request, template, {"filterset": filterset}, status=400)
    page = paginate(filterset.qs, request, per_page=20)
    context = {
        "filterset": filterset,
        "page": page,
        "cards": rows.programme_cards(page.object_list),
        "page_query": query_without_page(request),
    }
    return render(request, template, context)


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A published or discontinued programme's page; a draft's preview for coordinators, a 404 for everyone else."""
    programme = found_or_404(
        partial(
            selectors.programme_for_page,
            include_drafts=may_preview_drafts(request.user, Programme),
        ),
        slug,
        _("No programme has the address “%(slug)s”."),
    )
    context = {
        "programme": programme,
        "successor": public_successor(programme),
        "admin_url": reverse("admin:programmes_programme_change", args=[programme.pk]),
        "json_ld": programme_json_ld(programme, request),
        "skills": rows.with_urls(programme.skills.all(), "programmes:skill_detail"),
        "occupations": rows.with_urls(
            programme.occupations.all(), "programmes:occupation_detail"
        ),
        "map_items": selectors.map_items_for_programme(programme),
        "map_config": map_config(),
    }
    return preview_safe(
        render(request, "programmes/programme_detail.html", context), programme
    )


def actor_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    country = request.GET.get("country", "")
    errors = []
    if kind and kind not in Actor.Kind.values:
        errors.append(_("“%(value)s” is not a type of actor.") % {"value": kind})
    if country and country not in Country.values:
        errors.append(
            _("“%(value)s” is not a country of the map.") % {"value": country}
        )
    page = None
    if not errors:
        actors = selectors.actors_for_list().filter(
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
    actor = found_or_404(
        partial(
            selectors.actor_for_page,
            include_drafts=may_preview_drafts(request.user, Actor),
        ),
        slug,
        _("No actor has the address “%(slug)s”."),
    )
    context = {
        "actor": actor,
        "successor": public_successor(actor),
        "admin_url": reverse("admin:skills_actor_change", args=[actor.pk]),
        "programme_cards": rows.programme_cards(
            selectors.programmes_for_cards().filter(provider=actor)
        ),
        "needs": list(selectors.needs_for_actor(actor, request.user)),
        "map_items": selectors.map_items_for_actor(actor),
        "map_config": map_config(),
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
    occupation = found_or_404(
        selectors.occupation_for_page,
        slug,
        _("No occupation has the address “%(slug)s”."),
    )
    links = list(occupation.skill_links.all())
    essential = [
        link.skill for link in links if link.relation == link.Relation.ESSENTIAL
    ]
    optional = [link.skill for link in links if link.relation == link.Relation.OPTIONAL]
    leading = selectors.programmes_for_lists().filter(occupations=occupation)
    teaching = selectors.programmes_teaching_skills(
        [s.pk for s in essential], exclude=leading
    )
    context = {
        "occupation": occupation,
        "essential_skills": rows.with_urls(essential, "programmes:skill_detail"),
        "optional_skills": rows.with_urls(optional, "programmes:skill_detail"),
        "leading": by_country(leading),
        "teaching": by_country(teaching),
    }
    return render(request, "programmes/occupation_detail.html", context)


def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    skill = found_or_404(
        selectors.skill_for_page, slug, _("No skill has the address “%(slug)s”.")
    )
    links = list(skill.occupation_links.all())
    essential = [
        link.occupation for link in links if link.relation == link.Relation.ESSENTIAL
    ]
    optional = [
        link.occupation for link in links if link.relation == link.Relation.OPTIONAL
    ]
    context = {
        "skill": skill,
        "essential_for": rows.with_urls(essential, "programmes:occupation_detail"),
        "optional_for": rows.with_urls(optional, "programmes:occupation_detail"),
        "teaching": by_country(selectors.programmes_for_lists().filter(skills=skill)),
    }
    return render(request, "programmes/skill_detail.html", context)


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


def by_country(
    programmes: Iterable[Programme],
) -> list[tuple[str, list[tuple[Programme, str]]]]:
    """Programmes with their page addresses grouped under Finland and Sweden, both always present so that an
    empty side shows."""
    groups: dict[str, list[tuple[Programme, str]]] = {
        code: [] for code in Country.values
    }
    for programme, url in rows.with_urls(programmes, "programmes:programme_detail"):
        groups[programme.provider.country].append((programme, url))
    return [(Country(code).label, items) for code, items in groups.items()]
