"""The bundled Battery Region data: what it contains, that loading it twice changes nothing, and that a bad row
stops the whole load with file, row, field and reason."""

import csv
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from batteryregion.bundled_data import BundledDataError, load_bundled_data
from programmes.models import Programme
from skills.models import (
    Actor,
    CompetenceNeed,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Skill,
)
from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db

DATA_MODELS = [
    model
    for model in apps.get_models()
    if model._meta.app_label in {"skills", "programmes"}
]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every data table, to compare before and after."""
    return {
        model._meta.label: sorted(
            model.objects.values_list(
                *[f.attname for f in model._meta.concrete_fields]
            ),
            key=repr,
        )
        for model in DATA_MODELS
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def edit_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first column is key; returns the row's line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    index = next(i for i, row in enumerate(rows) if row[0] == key)
    rows[index][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return index + 1  # line numbers count the header as row 1


def test_the_bundled_data_holds_the_promised_vocabulary():
    load_bundled_data()

    assert Segment.objects.count() >= 6
    project_regions = Region.objects.filter(
        code__in=["FI1D9", "FI1D5", "FI195", "SE331", "SE332"]
    )
    assert project_regions.count() == 5
    assert all(
        region.boundary["type"] in {"Polygon", "MultiPolygon"}
        for region in project_regions
    )
    assert Region.objects.get(code="FI195").code_2024 == "FI19A"
    assert list(
        QualificationType.objects.values_list("level__level", flat=True).filter(
            code="se-higher-vocational"
        )
    ) == [5]
    assert QualificationType.objects.exclude(country="").count() >= 12
    assert set(QualificationType.objects.values_list("country", flat=True)) >= {
        "FI",
        "SE",
    }
    assert Occupation.objects.filter(is_local=False).count() >= 25
    assert Skill.objects.filter(is_local=False).count() >= 150
    assert OccupationSkill.objects.filter(relation="essential").count() >= 600


def test_every_bundled_label_exists_in_finnish_swedish_and_english():
    load_bundled_data()
    translated = {
        Segment: ["name"],
        Region: ["name"],
        QualificationType: ["name"],
        Skill: ["label"],
        Occupation: ["label", "description"],
        Actor: ["name", "description"],
        Programme: ["name", "description"],
    }
    for model, fields in translated.items():
        for field in fields:
            for language in ("fi", "sv", "en"):
                empty = model.objects.filter(**{f"{field}_{language}__in": ["", None]})
                assert not empty.exists(), (
                    f"{model.__name__}.{field}_{language} empty for {list(empty[:5])}"
                )


def test_every_bundled_actor_and_programme_is_real_and_sourced_on_both_sides_of_the_border():
    load_bundled_data()
    assert Actor.objects.count() >= 25
    assert Programme.objects.count() >= 30
    for country in ("FI", "SE"):
        assert Actor.objects.filter(country=country).count() >= 8
        assert Programme.objects.filter(provider__country=country).count() >= 10
    assert not Actor.objects.filter(source_url="").exists()
    assert not Programme.objects.filter(source_url="").exists()
    assert not Programme.objects.filter(offerings__isnull=True).exists()


def test_needs_without_a_public_source_are_marked_as_examples():
    load_bundled_data()
    assert CompetenceNeed.objects.exists()
    assert not CompetenceNeed.objects.filter(source_url="", is_example=False).exists()
    assert CompetenceNeed.objects.filter(is_example=True).exists()


def test_loading_twice_changes_nothing():
    first = load_bundled_data()
    assert first.changed > 0
    before = snapshot()

    second = load_bundled_data()

    assert second.changed == 0
    assert snapshot() == before


def test_loading_gives_bundled_records_their_values_back_and_keeps_records_added_by_coordinators():
    load_bundled_data()
    Segment.objects.filter(code="recycling").update(name_en="Changed by hand")
    SegmentFactory(code="coordinators-own")

    report = load_bundled_data()

    assert report.counts["segment"]["updated"] == 1
    assert Segment.objects.get(code="recycling").name_en == "Recycling and second life"
    assert Segment.objects.filter(code="coordinators-own").exists()


def test_a_bad_row_stops_the_load_names_file_row_and_field_and_writes_nothing(data_dir):
    with (data_dir / "programmes.csv").open(encoding="utf-8") as handle:
        slug = next(csv.DictReader(handle))["slug"]
    row = edit_cell(data_dir / "programmes.csv", slug, "places_per_year", "many")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert (
        f"programmes.csv, row {row}, field “places_per_year”: “many” is not a whole number."
        in str(raised.value)
    )
    assert all(not rows for rows in snapshot().values())


def test_a_bad_row_leaves_an_already_loaded_database_exactly_as_it_was(data_dir):
    load_bundled_data()
    before = snapshot()
    edit_cell(
        data_dir / "segments.csv", "recycling", "name_en", "Renamed in the same load"
    )
    with (data_dir / "competence_needs.csv").open(encoding="utf-8") as handle:
        slug = next(csv.DictReader(handle))["slug"]
    row = edit_cell(data_dir / "competence_needs.csv", slug, "headcount", "0")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert f"competence_needs.csv, row {row}, field “headcount”" in str(raised.value)
    assert snapshot() == before


def test_a_reference_to_an_unknown_skill_is_reported_with_its_value(data_dir):
    with (data_dir / "programmes.csv").open(encoding="utf-8") as handle:
        slug = next(csv.DictReader(handle))["slug"]
    row = edit_cell(
        data_dir / "programmes.csv",
        slug,
        "skills",
        "operate-soldering-equipment;juggle-batteries",
    )

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert [str(e) for e in raised.value.errors] == [
        f"programmes.csv, row {row}, field “skills”: “juggle-batteries” does not exist."
    ]


def test_a_missing_column_and_a_duplicate_key_are_reported(data_dir):
    path = data_dir / "segments.csv"
    text = path.read_text(encoding="utf-8").replace(
        "is_cross_cutting", "cross_cutting", 1
    )
    lines = text.splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    messages = [str(e) for e in raised.value.errors]
    assert (
        "segments.csv, row 1, field “is_cross_cutting”: The column is missing."
        in messages
    )
    assert (
        "segments.csv, row 1, field “cross_cutting”: The column is not known."
        in messages
    )


def test_the_error_is_given_in_the_language_asked_for(data_dir):
    edit_cell(data_dir / "segments.csv", "recycling", "order", "first")
    with translation.override("fi"), pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)
    assert "segments.csv, rivi" in str(raised.value)
    assert "kenttä ”order”: ”first” ei ole kokonaisluku." in str(raised.value)


def test_the_command_fails_with_the_errors_and_succeeds_on_the_bundled_files(
    data_dir, capsys
):
    edit_cell(data_dir / "segments.csv", "recycling", "is_cross_cutting", "perhaps")
    with pytest.raises(
        CommandError, match="field “is_cross_cutting”: Write yes or no."
    ):
        call_command("load_bundled_data", "--data-dir", str(data_dir))

    call_command("load_bundled_data")
    call_command("load_bundled_data")
    assert capsys.readouterr().out.strip().endswith("Bundled data already up to date.")


def test_realistic_starting_points_reach_five_battery_occupations_on_each_side_of_the_border():
    from gaps.pathways import PathwayQuery, find_pathways, load_network

    load_bundled_data()
    network = load_network()
    starts = [
        "fi-basic",  # basic education
        "fi-general-upper-secondary",  # general upper secondary
        "fi-vocational",  # vocational qualification
        "se-higher-vocational",  # higher vocational
        "fi-uas-bachelor",  # UAS bachelor
        "work-experience",  # no qualification, but work experience
        "se-compulsory",
        "se-upper-secondary-vocational",
    ]
    for code in starts:
        query = PathwayQuery(starting_point=QualificationType.objects.get(code=code))
        reached: dict[str, set[str]] = {"FI": set(), "SE": set()}
        for route in find_pathways(query, network).routes:
            reached[route.steps[-1].country].add(route.occupation.slug)
        assert len(reached["FI"]) >= 5 and len(reached["SE"]) >= 5, (code, reached)


def test_the_example_data_shows_every_gap_status_on_both_sides_of_the_border():
    """The example needs and intakes are written so that the default dashboard (standing needs, EQF 1–8, anonymous
    visitor) shows every status in Finland and in Sweden.

    Demand is weighted by the years left to a need's target year, so the statuses are checked for this year and for
    every year until all example target years have passed (after that the figures no longer change). In the segment
    view at EQF 1–8 every segment is served by programmes on both sides of the border, so "no training" and "covered
    only across the border" can only show in the occupation view (or in a narrower level band).
    """
    from django.contrib.auth.models import AnonymousUser

    from gaps.analysis import GapQuery, Status, analyse, this_year

    load_bundled_data()
    supply_statuses = {
        Status.UNDER_SUPPLIED,
        Status.RECRUITMENT_GAP,
        Status.BALANCED,
        Status.OVER_SUPPLIED,
    }
    every_status = supply_statuses | {Status.NO_TRAINING, Status.ACROSS_BORDER}
    expected = {"segment": supply_statuses, "occupation": every_status}
    for year in sorted({this_year(), *range(2026, 2032)}):
        for dimension, statuses in expected.items():
            cells = analyse(
                GapQuery(dimension=dimension, reference_year=year), AnonymousUser()
            ).cells
            for country in ("FI", "SE"):
                shown = {cell.status for cell in cells if cell.country == country}
                assert shown >= statuses, (year, dimension, country, statuses - shown)

    for country in ("FI", "SE"):
        needs = CompetenceNeed.objects.filter(region__country=country)
        for status in ("paused", "withdrawn"):
            assert needs.filter(status=status).exists(), (country, status)
        for visibility in ("public", "partners", "coordinators"):
            assert needs.filter(visibility=visibility).exists(), (country, visibility)


def test_the_example_data_shows_confidential_needs_both_counted_and_withheld():
    """Partner and coordinator needs from at least three employers count in a public figure; from fewer they are
    withheld (gaps.analysis.MIN_SOURCES)."""
    from django.contrib.auth.models import AnonymousUser

    from gaps.analysis import GapQuery, analyse, needs_behind

    load_bundled_data()
    query = GapQuery(dimension="segment")
    cells = analyse(query, AnonymousUser()).cells
    assert any(cell.withheld for cell in cells)
    counted_unseen = [
        cell
        for cell in cells
        if not cell.withheld
        and cell.needs
        > needs_behind(query, cell.key.pk, AnonymousUser())
        .filter(region=cell.region)
        .count()
    ]
    assert counted_unseen
    assert all(cell.sources >= 3 for cell in counted_unseen)


def test_intake_figures_without_a_source_are_marked_as_examples():
    from programmes.models import Intake

    load_bundled_data()
    assert Intake.objects.filter(is_example=True).exists()
    assert not Intake.objects.filter(source_url="", is_example=False).exists()
