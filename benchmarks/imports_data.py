"""The programmes file that benchmarks/imports.py imports: seeded rows in the import layout, as CSV or a workbook.

Each row starts from a bundled programme exported in the import layout (so that its kind, qualification awarded,
EQF level, field, credit unit, delivery mode and audience fit together as the model's rules want) and gets a new slug,
a provider among the bundled education providers, names and descriptions in Finnish, Swedish and English, places,
credits, segments, skills, occupations, languages and entry requirements (qualification types, lowest EQF level)
drawn from the codes in the database, a source address and a verification date. Nothing is written to the
database here.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

import tablib

SEPARATOR = ";"

# A topic of a synthetic programme, in Finnish, Swedish and English.
TOPICS = [
    ("akkumateriaalien", "battericellmaterial", "battery materials"),
    (
        "akkukennojen valmistuksen",
        "battericelltillverkning",
        "battery cell manufacturing",
    ),
    ("akkujen kierrätyksen", "batteriåtervinning", "battery recycling"),
    ("prosessiautomaation", "processautomation", "process automation"),
    ("kunnossapidon", "underhåll", "industrial maintenance"),
    (
        "kaivos- ja rikastustekniikan",
        "gruv- och anrikningsteknik",
        "mining and mineral processing",
    ),
    ("sähkövoimatekniikan", "elkraftteknik", "electrical power engineering"),
    (
        "laatu- ja turvallisuustyön",
        "kvalitets- och säkerhetsarbete",
        "quality and safety",
    ),
    ("kemiantekniikan", "kemiteknik", "chemical engineering"),
    ("energiavarastojen", "energilagring", "energy storage"),
]
# A variant of a programme: where or how it is given.
VARIANTS = [
    ("monimuoto-opetuksena", "som flerformsundervisning", "blended learning"),
    ("iltaopintoina", "som kvällsstudier", "evening studies"),
    ("oppisopimuksella", "som läroavtal", "apprenticeship"),
    ("verkossa", "på distans", "online"),
    ("yrityksille räätälöitynä", "skräddarsydd för företag", "tailored for companies"),
    ("lähiopetuksena", "som närundervisning", "on campus"),
]
TOWNS = [
    ("Kokkola", "Karleby"),
    ("Vaasa", "Vasa"),
    ("Oulu", "Uleåborg"),
    ("Pietarsaari", "Jakobstad"),
    ("Seinäjoki", "Seinäjoki"),
    ("Uumaja", "Umeå"),
    ("Skellefteå", "Skellefteå"),
    ("Luulaja", "Luleå"),
    ("Piitime", "Piteå"),
    ("Örnsköldsvik", "Örnsköldsvik"),
]
# Columns a changed row may change, and how (see change_rows()).
CHANGEABLE = [
    "places_per_year",
    "name_en",
    "description_fi",
    "verified_on",
    "skills",
    "credits",
    "entry_min_level",
]


@dataclass
class Codes:
    """The codes a synthetic row may link to: what the database holds after the bundled data is loaded."""

    providers: list[str]
    segments: list[str]
    skills: list[str]
    occupations: list[str]
    languages: list[str]
    qualification_types: list[str]
    levels: list[int]


def database_codes() -> Codes:
    from programmes.models import Programme
    from skills.models import (
        Actor,
        EducationLevel,
        Language,
        Occupation,
        QualificationType,
        Segment,
        Skill,
    )

    def codes(model: Any, field: str) -> list[Any]:
        return list(model.objects.order_by(field).values_list(field, flat=True))

    offering = set(Programme.objects.values_list("provider__slug", flat=True))
    return Codes(
        # The providers of bundled programmes first: they are education providers in practice.
        providers=sorted(
            offering
            | set(
                Actor.objects.filter(kind=Actor.Kind.PROVIDER).values_list(
                    "slug", flat=True
                )
            )
        ),
        segments=codes(Segment, "code"),
        skills=codes(Skill, "slug"),
        occupations=codes(Occupation, "slug"),
        languages=codes(Language, "code"),
        qualification_types=codes(QualificationType, "code"),
        levels=codes(EducationLevel, "level"),
    )


def bundled_templates(columns: list[str]) -> list[dict[str, Any]]:
    """The bundled programmes as an export shows them, column by column: the starting point of each row."""
    from batteryregion.imports.layouts import BY_NAME
    from programmes.models import Programme

    layout = BY_NAME["programmes"]
    dataset = layout.resource().export(Programme.objects.order_by("slug"))
    return [dict(zip(dataset.headers, row, strict=True)) for row in dataset]


def programme_rows(count: int, rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """``count`` new programmes in the import layout (every column of ``BY_NAME["programmes"].columns``)."""
    from batteryregion.imports.layouts import BY_NAME

    columns = BY_NAME["programmes"].columns
    templates = bundled_templates(columns)
    codes = database_codes()
    rows = []
    for number in range(1, count + 1):
        row = dict(rng.choice(templates))
        topic = rng.choice(TOPICS)
        variant = rng.choice(VARIANTS)
        town = rng.choice(TOWNS)
        provider = rng.choice(codes.providers)
        slug = f"bench-{number:06d}-{provider}"[:120]
        row.update(
            {
                "slug": slug,
                "provider": provider,
                "name_fi": f"{row['name_fi'] or row['name_en']}, {topic[0]} painotus, {town[0]} ({variant[0]})"[
                    :250
                ],  # fmt: skip
                "name_sv": f"{row['name_sv'] or row['name_en']}, inriktning {topic[1]}, {town[1]} ({variant[1]})"[
                    :250
                ],  # fmt: skip
                "name_en": f"{row['name_en']}, {topic[2]} track, {town[1]} ({variant[2]})"[
                    :250
                ],
                "description_fi": (
                    f"{row['description_fi']} Tämä toteutus painottuu {topic[0]} osaamiseen, ja opetus järjestetään "
                    f"{variant[0]} paikkakunnalla {town[0]}. Opintoihin kuuluu työelämäjakso alueen yrityksessä."
                ),
                "description_sv": (
                    f"{row['description_sv']} Denna genomförande betonar {topic[1]}, och undervisningen ges "
                    f"{variant[1]} i {town[1]}. I studierna ingår en praktikperiod vid ett företag i regionen."
                ),
                "description_en": (
                    f"{row['description_en']} This edition focuses on {topic[2]} and is taught as "
                    f"{variant[2]} in {town[1]}. The studies include a work placement with a company in the region."
                ),
                "places_per_year": ""
                if rng.random() < 0.15
                else str(rng.randrange(10, 121, 5)),
                "credits": _credits(row, rng),
                "languages": SEPARATOR.join(_sample(rng, codes.languages, 1, 2)),
                "segments": SEPARATOR.join(_sample(rng, codes.segments, 1, 3)),
                "skills": SEPARATOR.join(_sample(rng, codes.skills, 5, 15)),
                "occupations": SEPARATOR.join(_sample(rng, codes.occupations, 0, 2)),
                "entry_qualifications": SEPARATOR.join(
                    _sample(rng, codes.qualification_types, 0, 4)
                ),
                "entry_min_level": str(rng.choice(codes.levels))
                if rng.random() < 0.5
                else "",
                "opintopolku_oid": "",
                "susa_id": "",
                "provider_code": f"BR-{number:06d}",
                "source_url": f"https://www.example.org/{provider}/koulutukset/{slug}/",
                "verified_on": _date(rng),
                "updated_at": "",  # a new record: no export time to compare with
            }
        )
        rows.append([_cell(row.get(column)) for column in columns])
    return columns, rows


def change_rows(
    columns: list[str], rows: list[list[str]], share: float, rng: random.Random
) -> tuple[list[list[str]], int]:
    """The rows with ``share`` of them changed in one to three cells (places, English name, Finnish description,
    verification date two weeks later, a skill more or fewer, credits, lowest EQF level); how many rows were changed."""
    from skills.models import EducationLevel, Skill

    skills = list(Skill.objects.order_by("slug").values_list("slug", flat=True))
    levels = list(
        EducationLevel.objects.order_by("level").values_list("level", flat=True)
    )
    changed = [list(row) for row in rows]
    chosen = rng.sample(range(len(rows)), round(len(rows) * share))
    index = {column: position for position, column in enumerate(columns)}
    for number in chosen:
        row = changed[number]
        # Credits need a unit: a row without them keeps none.
        options = [c for c in CHANGEABLE if c != "credits" or row[index["credits"]]]
        for column in rng.sample(options, rng.randint(1, 3)):
            old = row[index[column]]
            if column == "places_per_year":
                new = str(int(old or "20") + rng.choice((-5, 5, 10)))
            elif column == "name_en":
                new = f"{old} – new intake"[:250]
            elif column == "description_fi":
                new = f"{old} Haku on avoinna jatkuvasti."
            elif column == "verified_on":
                new = (
                    datetime.date.fromisoformat(old) + datetime.timedelta(days=14)
                ).isoformat()
            elif column == "skills":
                have = old.split(SEPARATOR)
                if len(have) > 5 and rng.random() < 0.5:
                    have.remove(rng.choice(have))
                else:
                    have.append(rng.choice([s for s in skills if s not in have]))
                new = SEPARATOR.join(have)
            elif column == "credits":
                new = _credit_text(int(float(old)) + 5)
            else:
                new = str(rng.choice([level for level in levels if str(level) != old]))
            row[index[column]] = new
    return changed, len(chosen)


def file_content(columns: list[str], rows: list[list[str]], file_format: str) -> bytes:
    """The file as an upload holds it: UTF-8 CSV with commas, or a workbook with one sheet named ``programmes``."""
    dataset = tablib.Dataset(*rows, headers=columns, title="programmes")
    if file_format == "csv":
        return dataset.export("csv").encode()
    book = tablib.Databook()
    book.add_sheet(dataset)
    return book.export("xlsx")


def _sample(rng: random.Random, codes: list[Any], fewest: int, most: int) -> list[str]:
    return sorted(str(code) for code in rng.sample(codes, min(len(codes), rng.randint(fewest, most))))  # fmt: skip


def _credits(row: dict[str, Any], rng: random.Random) -> str:
    """The template's credits a little more or less (none stays none)."""
    text = _cell(row.get("credits"))
    if not text:
        return ""
    return _credit_text(max(5, int(float(text)) + rng.choice((-10, -5, 0, 0, 5, 10))))


def _credit_text(credits: int) -> str:
    """Credits as an export writes them (one decimal), so that the file imports again unchanged: a file that
    writes "180" where the record holds 180.0 shows the credits as changed on every import."""
    return f"{credits:.1f}"


def _date(rng: random.Random) -> str:
    """A verification date in the two years before today, at least a month ago (a changed row moves it on)."""
    today = datetime.date.today()
    return (today - datetime.timedelta(days=rng.randrange(30, 730))).isoformat()


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
