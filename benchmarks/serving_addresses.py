"""The addresses benchmarks/serving.py measures: /trivial/, one per public page type, and every list endpoint of the
API router, with the largest object where size matters; and the headers a browser behind the TLS proxy sends.

Everything here runs after django.setup(), in the throwaway database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks.gaps import busiest_keys
from benchmarks.serving_server import Request

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

# benchmarks/serving_urls.py: "ok" through the whole middleware stack, the floor of every figure.
TRIVIAL = "/trivial/"
BROWSER = {
    "X-Forwarded-Proto": "https",  # as the TLS proxy in front says; otherwise a redirect to https
    "Accept-Encoding": "gzip",
    "Accept-Language": "en",
}
PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def page(path: str) -> Request:
    return Request(path, {**BROWSER, "Accept": PAGE_ACCEPT})


def api(path: str) -> Request:
    return Request(path, {**BROWSER, "Accept": "application/json"})


def largest(queryset: QuerySet[Model], *counted: str) -> Model:
    """The row with the most related rows over `counted` (distinct counts, added up); ties go to the first slug."""
    from django.db.models import Count

    total = sum(
        (Count(name, distinct=True) for name in counted[1:]),
        Count(counted[0], distinct=True),
    )
    return queryset.annotate(size=total).order_by("-size", "slug").first()


def richest_start() -> str:
    """The starting point whose pathway search returns the most routes (then the largest answer)."""
    from django.test import Client

    from skills.models import QualificationType

    client = Client(
        headers={"X-Forwarded-Proto": "https", "Accept": "application/json"}
    )
    found = []
    for code in QualificationType.objects.filter(is_starting_point=True).values_list(
        "code", flat=True
    ):
        response = client.get("/api/v1/pathways/", {"start": code})
        if response.status_code == 200:
            found.append((response.json()["count"], len(response.content), code))
    return max(found)[2]


def choose_addresses(patterns: list[str]) -> list[Request]:
    """/trivial/, one address per public page type and every list endpoint of the API router (see the docstring)."""
    from django.urls import reverse
    from django.utils import translation

    from batteryregion.api import router
    from programmes.models import Programme
    from skills.models import Actor, Occupation, Skill

    programme = largest(Programme.objects.published(), "skills", "offerings")
    actor = largest(Actor.objects.published(), "programmes", "competence_needs")
    occupation = largest(Occupation.objects.all(), "programmes", "skill_links")
    skill = largest(Skill.objects.all(), "programmes", "occupation_links")
    segment = busiest_keys().segment
    start = richest_start()
    with translation.override("fi"):
        home = reverse("home")
    with translation.override("en"):
        pages = [
            home,
            reverse("programmes:programme_list"),
            reverse("programmes:programme_detail", args=[programme.slug]),
            reverse("programmes:actor_list"),
            reverse("programmes:actor_detail", args=[actor.slug]),
            reverse("programmes:occupation_list"),
            reverse("programmes:occupation_detail", args=[occupation.slug]),
            reverse("programmes:skill_detail", args=[skill.slug]),
            reverse("programmes:map"),
            f"{reverse('gaps:pathways')}?start={start}",
            reverse("gaps:dashboard"),
            reverse(
                "gaps:detail", kwargs={"dimension": "segment", "key": segment.code}
            ),
            reverse("gaps:overlaps"),
        ]
    endpoints = []
    for _prefix, _viewset, basename in router.registry:
        path = reverse(f"v1:{basename}-list")
        endpoints.append(f"{path}?start={start}" if basename == "pathway" else path)
        if basename == "programme":
            endpoints.append(
                reverse("v1:programme-detail", kwargs={"slug": programme.slug})
            )
    chosen = [page(TRIVIAL)] + [page(p) for p in pages] + [api(p) for p in endpoints]
    return [
        r
        for r in chosen
        if r.path == TRIVIAL or not patterns or any(p in r.path for p in patterns)
    ]
