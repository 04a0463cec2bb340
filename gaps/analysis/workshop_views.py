"""The pages of workshops and surveys with companies: what each found (its needs) and what the gap analysis made of
them. Coordinators see every workshop with its contact; everyone else only workshops with a public summary (any
other is a 404), and of their needs those the visibility rule lets them see. The contact is on no public page."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gaps.analysis.need_statuses import need_statuses
from gaps.analysis.statuses import STATUSES
from skills.models import Workshop, sees_workshop_contacts
from skills.selectors import workshop_needs_for_page, workshops_for_page


def workshop_list(request: HttpRequest) -> HttpResponse:
    """Workshops and surveys, newest first: 4 queries (coordinators: with their permissions, and unpublished ones)."""
    workshops = list(workshops_for_page(request.user))
    return render(
        request,
        "gaps/workshop_list.html",
        {
            "workshops": workshops,
            "for_coordinators": sees_workshop_contacts(request.user),
        },
    )


def workshop_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One workshop: when, where, who, its summary, its needs and each need's gap status today.

    Queries for a visitor: the workshop with its organiser (1), participants, segments, regions (3), the needs with
    employer, occupation and region (1), their skills and segments (2), and the gap analysis of the occupations,
    segments or skills they name (2, then 3 per dimension): 12 for needs of one kind, whatever their number.
    """
    workshop = _workshop_or_404(slug, request.user)
    needs = list(workshop_needs_for_page(workshop, request.user))
    statuses = need_statuses(needs, request.user)
    for_coordinators = sees_workshop_contacts(request.user)
    return render(
        request,
        "gaps/workshop_detail.html",
        {
            "workshop": workshop,
            "rows": [(need, statuses[need.pk]) for need in needs],
            "for_coordinators": for_coordinators,
            # The contact is for coordinators only: it is not even put in the page's context for anyone else.
            "contact": (workshop.contact_name, workshop.contact_email)
            if for_coordinators
            else None,
            "statuses": list(STATUSES.values()),
        },
    )


def _workshop_or_404(slug: str, user: AbstractBaseUser | AnonymousUser) -> Workshop:
    workshop = workshops_for_page(user).filter(slug=slug).first()
    if workshop is None:
        raise Http404
    return workshop
