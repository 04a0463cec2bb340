"""Builders and readers of the gap page tests: needs and programmes named by their slugs in every language, more data
for the query counts, the pages' addresses, and their text, sections, heat map cells and listed needs and programmes
read back. The data set itself is the ``data`` fixture in tests/gaps/conftest.py:

* needs in North Ostrobothnia (FI1D9): 12 cell operators, high urgency, by Y (12 × 1.5 / 1 = 18); 4 people for
  cell manufacturing, medium, by Y + 1 (4 × 1 / 2 = 2); and a coordinators-only need of one employer for 100
  operators, critical, by Y (100 × 2 / 1 = 200);
* a need in North and East Finland (FI1D, the NUTS 2 region around FI1D9), example data: 6 people for cell
  manufacturing, low, by Y (6 × 0.5 = 3);
* a need in Västerbotten (SE331): 5 people for recycling, medium, by Y (5);
* programmes: in Oulu (FI1D9) a cell course with 12 places (leads to cell operator, teaches two skills), a cell
  programme with no known places and a recycling programme with 8 places; in Umeå (SE331) a cell programme with 30
  places teaching the same two skills as the Oulu course (an overlap of 100 %).

Y is the reference year (this year); every figure is written out (demand = people × urgency weight / years left,
years left counting Y through the target year).
"""

import datetime
import re
from html import unescape

from django.urls import reverse
from django.utils import translation

from gaps.analysis.parameters import this_year
from skills.models import Actor, CompetenceNeed
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

LANGUAGES = ["fi", "sv", "en"]
Y = this_year()
Urgency = CompetenceNeed.Urgency
Visibility = CompetenceNeed.Visibility

# Queries of an anonymous visitor (see the views' docstrings); a logged-in coordinator adds the session, the user
# and the user's and group's permissions, and, on the pages that offer "Start an action", their coordinator record.
# regions and offerings shared by the three analyses 2, then segment, occupation and skill analyses 3 each (needs,
# keys of the programmes, the keys), needs across the border 1, the visible actions per segment, occupation and
# skill 1 (grouped, for the "actions address this" notes)
DASHBOARD = 13
DASHBOARD_COMPARED = 18  # and the segment analysis once more, counted the other way round with examples 5
DETAIL_SEGMENT = 9  # the segment 1, its analysis 5 (its regions also place the offerings), needs 1, offerings 1, actions 1
DETAIL_OCCUPATION = (
    9  # the occupation 1, its analysis 5, needs 1, offerings 1, actions 1
)
OVERLAPS = 6  # segment choices 1, pairs 1, the page's programmes, offerings and skills 3, the groups 1
LOGGED_IN = 4
STARTS_ACTIONS = 3  # whether a coordinator may start actions: their coordinator record, organisations and regions


def url(name: str, language: str = "en", **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def text(html: str) -> str:
    """The page's text: tags dropped, entities decoded, white space collapsed."""
    words = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
    return re.sub(r"\( ", "(", re.sub(r" ([:.,)])", r"\1", words))


def section(html: str, element_id: str) -> str:
    """The HTML of the <section> with the id (sections are not nested on these pages)."""
    found = re.search(rf'<section id="{element_id}".*?</section>', html, re.S)
    assert found, f"no section {element_id}"
    return found.group(0)


def heat_cell(html: str, segment: str, region_index: int) -> str:
    """The text of one heat map cell: the row of the segment, the region column by index (0 = first region)."""
    heat = section(html, "heat-map")
    row = re.search(
        rf"<tr>\s*<th scope=\"row\"><a [^>]*><span[^>]*>{segment}</span></a></th>(.*?)</tr>",
        heat,
        re.S,
    )
    assert row, f"no row {segment}"
    cells = re.findall(
        r"<td class=\"gap-cell ([^\"]+)\">(.*?)</td>", row.group(1), re.S
    )
    status, content = cells[region_index]
    return f"{status} | {text(content)}"


def region_columns(html: str) -> list[str]:
    heat = section(html, "heat-map")
    return re.findall(r'<span class="gap-code">(\w+)</span>', heat.split("</thead>")[0])


def employer(slug: str) -> Actor:
    return ActorFactory(
        slug=slug,
        kind=Actor.Kind.EMPLOYER,
        name_fi=f"Työnantaja {slug}",
        name_sv=f"Arbetsgivare {slug}",
        name_en=f"Employer {slug}",
    )


def need(slug: str, region, people: int, urgency: str, *, years: int = 1, segments=(), occupation=None,
         visibility: str = Visibility.PUBLIC, example: bool = False, stated=datetime.date(2026, 5, 1),
         source=None) -> CompetenceNeed:  # fmt: skip
    """A standing need of its own employer, described by its slug in every language."""
    made = CompetenceNeedFactory(
        slug=slug,
        employer=source or employer(f"employer-{slug}"),
        region=region,
        headcount=people,
        urgency=urgency,
        target_year=Y + years - 1,
        occupation=occupation,
        visibility=visibility,
        is_example=example,
        stated_on=stated,
        description_fi=f"Tarve {slug}",
        description_sv=f"Behov {slug}",
        description_en=f"Need {slug}",
    )
    made.segments.set(segments)
    return made


def programme(slug: str, region, *, places: int | None, segments=(), country: str = "FI", teaches=(), leads_to=(),
              verified=None, town: str = "Oulu"):  # fmt: skip
    """A published programme given at one site in the region, named by its slug in every language."""
    made = ProgrammeFactory(
        slug=slug,
        name_fi=f"Koulutus {slug}",
        name_sv=f"Utbildning {slug}",
        name_en=f"Programme {slug}",
        places_per_year=places,
        provider__country=country,
        provider__slug=f"provider-{slug}",
        segments=list(segments),
        verified_on=verified,
    )
    site = SiteFactory(
        actor=made.provider, region=region, town_fi=town, town_sv=town, town_en=town
    )
    OfferingFactory(programme=made, site=site)
    made.skills.add(*teaches)
    made.occupations.add(*leads_to)
    return made


def more_data(data) -> None:
    """Ten times the segments, regions, needs and programmes, with more overlapping pairs."""
    for n in range(10):
        region = RegionFactory(
            code=f"SE33{n}" if n > 1 else f"FI1D{n + 1}",
            code_2024=f"X{n}",
            country="SE" if n > 1 else "FI",
            name_en=f"Region {n}",
        )
        segment = SegmentFactory(code=f"extra-{n}", order=10 + n)
        occupation = OccupationFactory(slug=f"extra-occupation-{n}")
        occupation.segments.add(segment)
        skills = SkillFactory.create_batch(3)
        for m in range(3):
            need(f"extra-{n}-{m}", region, 5 + m, Urgency.HIGH, years=m + 1, occupation=occupation,
                 visibility=[Visibility.PUBLIC, Visibility.PARTNERS, Visibility.COORDINATORS][m])  # fmt: skip
            programme(f"extra-{n}-{m}", region, places=10 + m, segments=[segment, data["cells"]],
                      teaches=skills, leads_to=[occupation], country=region.country)  # fmt: skip


def listed_needs(html: str) -> list[str]:
    """The slugs of the needs listed in the HTML (described as "Need <slug>"), in order."""
    cells = re.findall(r'<th scope="row" class="gap-need">(.*?)</th>', html, re.S)
    return [text(cell).removeprefix("Need ") for cell in cells]


def listed_programmes(html: str) -> list[str]:
    """The slugs of the programmes linked from the HTML's tables, in order."""
    return re.findall(r'<th scope="row"><a href="/en/programmes/([\w-]+)/">', html)
