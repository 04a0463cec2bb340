"""The bundled data on a database in use: it only proposes. Changes made through the admin (or any channel but the
loader) are kept and reported, deleted records stay deleted, new records are added, untouched records follow the
file, and the report is given in the language asked for. The explicit choices (--overwrite, --overwrite-record,
--restore-deleted) and the dry run: test_bundled_data_choices.py.

The bundled data is loaded once for the module (inside a transaction that is rolled back at the end); each test
runs in its own transaction on top of it.
"""

import csv
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from batteryregion.bundled_data import BundledDataError, load_bundled_data
from batteryregion.records import ChangeChannel, changes_through
from programmes.models import EntryRequirement, Offering, Programme
from skills.models import (
    CompetenceNeed,
    EducationField,
    OccupationSkill,
    QualificationType,
    Segment,
    Skill,
)

pytestmark = pytest.mark.django_db

PROGRAMME = (
    "lernia-industrial-technology-skelleftea"  # places_per_year 30, one dated offering
)
OFFERING = f"{PROGRAMME}/lernia-skelleftea/2022-02-01"
PUBLIC_NEED = "fi-need-boliden-kokkola-control-room-operators"
OTHER_NEED = "fi-need-kokkola-laboratory-technicians"
OPEN_PROGRAMME = "osao-kaivosalan-perustutkinto"  # accepts fi-vocational among others


@pytest.fixture(scope="module", autouse=True)
def bundled(django_db_setup, django_db_blocker):
    """The real bundled data, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def edit_row(path: Path, match: dict[str, str], **cells: str) -> None:
    """Set cells of the one row whose columns hold the values in match."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    [row] = [r for r in rows if all(r[k] == v for k, v in match.items())]
    row.update(cells)
    write_rows(path, header, rows)


def add_row(path: Path, **cells: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    write_rows(path, header, [*rows, dict.fromkeys(header, "") | cells])


def write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def load(*args: str) -> list[str]:
    """Run the command; its output lines with runs of spaces made single."""
    out = StringIO()
    call_command("load_bundled_data", *args, stdout=out)
    return [" ".join(line.split()) for line in out.getvalue().splitlines()]


def admin_save(obj: models.Model, **values: object) -> None:
    """Save as a coordinator's admin edit would."""
    with changes_through(ChangeChannel.ADMIN):
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()


def everything() -> dict[str, list[tuple]]:
    """Every row of every data table, history and link tables included."""
    tables = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in {"skills", "programmes", "about", "gaps"}
    ]
    return {
        model._meta.label: sorted(
            model._default_manager.values_list(
                *[f.attname for f in model._meta.concrete_fields]
            ),
            key=repr,
        )
        for model in tables
    }


def history_size() -> int:
    return sum(
        model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label.split(".")[1].startswith("Historical")
    )


def test_admin_edits_of_names_places_skills_and_verified_dates_survive_a_load_and_are_reported():
    programme = Programme.objects.get(slug=PROGRAMME)
    skill = programme.skills.order_by("slug").first()
    admin_save(
        programme,
        name_en="Industrial technology (evening)",
        places_per_year=25,
        verified_on="2026-12-01",
    )
    with changes_through(ChangeChannel.ADMIN):
        programme.skills.remove(skill)

    output = load()

    programme.refresh_from_db()
    assert programme.name_en == "Industrial technology (evening)"
    assert programme.places_per_year == 25
    assert str(programme.verified_on) == "2026-12-01"
    assert not programme.skills.filter(pk=skill.pk).exists()
    assert (
        f"programmes.csv {PROGRAMME} places_per_year database: 25 bundled: 30" in output
    )
    assert (
        f"programmes.csv {PROGRAMME} verified_on database: 2026-12-01 bundled: 2026-11-29"
        in output
    )
    [names] = [line for line in output if " name_en " in line]
    assert names.startswith(f"programmes.csv {PROGRAMME} name_en database: Industrial")
    [skills] = [line for line in output if f"{PROGRAMME} skills " in line]
    database, bundled = skills.split(" bundled: ")
    assert bundled.endswith(f"in both + {skill.slug}")
    assert skill.slug not in database
    assert "Bundled data already up to date." in output  # nothing written


def test_a_need_set_to_coordinators_only_stays_so():
    need = CompetenceNeed.objects.get(slug=PUBLIC_NEED)
    admin_save(need, visibility=CompetenceNeed.Visibility.COORDINATORS)

    output = load()

    need.refresh_from_db()
    assert need.visibility == "coordinators"
    assert (
        f"competence_needs.csv {PUBLIC_NEED} visibility database: coordinators bundled: public"
        in output
    )


def test_a_deleted_need_stays_deleted_and_is_reported():
    with changes_through(ChangeChannel.ADMIN):
        CompetenceNeed.objects.get(slug=OTHER_NEED).delete()

    output = load()

    assert not CompetenceNeed.objects.filter(slug=OTHER_NEED).exists()
    assert f"competence_needs.csv {OTHER_NEED} deleted in the database" in output
    assert any("1 deleted in the database and kept deleted" in line for line in output)


def test_an_offering_whose_start_date_a_coordinator_changed_is_not_duplicated():
    offering = Offering.objects.get(programme__slug=PROGRAMME)
    admin_save(offering, starts_on="2022-03-01")

    output = load()

    assert Offering.objects.filter(programme__slug=PROGRAMME).count() == 1
    offering.refresh_from_db()
    assert str(offering.starts_on) == "2022-03-01"
    assert (
        f"offerings.csv {OFFERING} starts_on database: 2022-03-01 bundled: 2022-02-01"
        in output
    )


def test_a_programme_whose_slug_a_coordinator_changed_is_not_added_again():
    programme = Programme.objects.get(slug=PROGRAMME)
    admin_save(programme, slug="lernia-industrial-technology")

    output = load()

    assert not Programme.objects.filter(slug=PROGRAMME).exists()
    assert Offering.objects.filter(programme=programme).count() == 1
    assert (
        f"programmes.csv {PROGRAMME} slug database: lernia-industrial-technology bundled: {PROGRAMME}"
        in output
    )
    assert not any(line.startswith("offerings.csv") for line in output)


def test_a_deleted_offering_and_entry_requirement_are_not_recreated():
    programme = Programme.objects.get(slug=OPEN_PROGRAMME)
    with changes_through(ChangeChannel.ADMIN):
        Offering.objects.get(programme__slug=PROGRAMME).delete()
        programme.entry_requirements.get(
            qualification_type__code="fi-vocational"
        ).delete()

    output = load()

    assert not Offering.objects.filter(programme__slug=PROGRAMME).exists()
    assert not programme.entry_requirements.filter(
        qualification_type__code="fi-vocational"
    ).exists()
    assert f"offerings.csv {OFFERING} deleted in the database" in output
    [requirements] = [line for line in output if f"{OPEN_PROGRAMME} entry_q" in line]
    database, bundled = requirements.split("bundled:")
    assert "fi-vocational" in bundled and "fi-vocational" not in database


def test_a_deleted_skill_stays_deleted_and_the_rows_that_name_it_still_load():
    skill = Skill.objects.filter(programmes__slug=PROGRAMME).order_by("slug").first()
    links = OccupationSkill.objects.filter(skill=skill).count()
    with changes_through(ChangeChannel.ADMIN):
        skill.delete()

    output = load()

    assert not Skill.objects.filter(slug=skill.slug).exists()
    assert f"skills.csv {skill.slug} deleted in the database" in output
    skipped = [line for line in output if f"/{skill.slug} skill refers to" in line]
    assert len(skipped) == links
    assert not any(f"programmes.csv {PROGRAMME} skills" in line for line in output)


def test_a_new_record_in_the_file_is_added(data_dir):
    add_row(
        data_dir / "segments.csv",
        code="hydrogen",
        order="90",
        is_cross_cutting="no",
        name_fi="Vety",
        name_sv="Vätgas",
        name_en="Hydrogen",
        description_fi="Vedyn tuotanto ja käyttö.",
        description_sv="Produktion och användning av vätgas.",
        description_en="Producing and using hydrogen.",
    )
    add_row(
        data_dir / "offerings.csv",
        programme=PROGRAMME,
        site="lernia-skelleftea",
        starts_on="2027-02-01",
        language="sv",
        places="24",
    )

    output = load("--data-dir", str(data_dir))

    segment = Segment.objects.get(code="hydrogen")
    assert segment.origin == "bundled"
    release = (data_dir / "VERSION").read_text(encoding="utf-8").strip()
    assert segment.source_version.startswith(f"{release}+")
    assert Offering.objects.filter(programme__slug=PROGRAMME).count() == 2
    assert output[-1] == "Bundled data loaded."


def test_an_unchanged_database_gets_no_new_history_version():
    before = history_size()

    output = load()

    assert history_size() == before
    assert output[-1] == "Bundled data already up to date."


def test_an_untouched_record_follows_the_file_and_remembers_the_version(data_dir):
    edit_row(data_dir / "programmes.csv", {"slug": PROGRAMME}, places_per_year="32")
    (data_dir / "VERSION").write_text("2026-12-15\n", encoding="utf-8")

    output = load("--data-dir", str(data_dir))

    programme = Programme.objects.get(slug=PROGRAMME)
    assert programme.places_per_year == 32
    assert programme.source_version.startswith("2026-12-15+")
    newest = programme.history.first()
    assert newest.history_channel == "loader"
    assert not any(line.startswith("programmes.csv") for line in output)
    assert any("1 updated" in line for line in output)


def test_a_save_that_changed_nothing_leaves_the_record_to_the_loader(data_dir):
    admin_save(Programme.objects.get(slug=PROGRAMME))  # e.g. saved for an inline
    edit_row(data_dir / "programmes.csv", {"slug": PROGRAMME}, places_per_year="32")

    load("--data-dir", str(data_dir))

    assert Programme.objects.get(slug=PROGRAMME).places_per_year == 32


def test_a_record_without_history_counts_as_changed_when_it_differs(data_dir):
    Segment.history.filter(
        code="recycling"
    ).delete()  # as in a database from before history was kept
    Segment.objects.filter(code="automation-maintenance").update(name_en="By hand")
    edit_row(data_dir / "segments.csv", {"code": "recycling"}, name_en="Recycling")

    output = load("--data-dir", str(data_dir))

    assert Segment.objects.get(code="recycling").name_en == "Recycling and second life"
    assert Segment.objects.get(code="automation-maintenance").name_en == "By hand"
    assert (
        "segments.csv recycling name_en database: Recycling and second life bundled: Recycling"
        in output
    )
    assert any(
        line.startswith("segments.csv automation-maintenance name_en database: By hand")
        for line in output
    )


def test_a_coordinators_entry_requirement_is_kept_and_a_dropped_bundled_one_removed(
    data_dir,
):
    programme = Programme.objects.get(slug=OPEN_PROGRAMME)
    with changes_through(ChangeChannel.ADMIN):
        EntryRequirement.objects.create(
            programme=programme,
            qualification_type=QualificationType.objects.get(code="fi-uas-bachelor"),
        )
    with (data_dir / "programmes.csv").open(encoding="utf-8") as handle:
        [row] = [r for r in csv.DictReader(handle) if r["slug"] == OPEN_PROGRAMME]
    accepted = row["entry_qualifications"].replace("work-experience", "")
    edit_row(
        data_dir / "programmes.csv",
        {"slug": OPEN_PROGRAMME},
        entry_qualifications=accepted.strip(";"),
    )

    output = load("--data-dir", str(data_dir))

    codes = set(
        programme.entry_requirements.values_list("qualification_type__code", flat=True)
    )
    assert "fi-uas-bachelor" in codes  # the coordinator's
    assert "work-experience" not in codes  # the loader's, dropped from the file
    assert any(
        f"programmes.csv {OPEN_PROGRAMME} entry_qualifications" in line
        for line in output
    )


def test_the_report_is_given_in_finnish():
    admin_save(Programme.objects.get(slug=PROGRAMME), places_per_year=25)

    output = load("--language", "fi")

    with translation.override("fi"):
        field_line = _("database: %(database)s  bundled: %(bundled)s") % {
            "database": 25,
            "bundled": 30,
        }
        heading = _(
            "Changed in the database since the bundled data was loaded, and kept as they are:"
        )
    assert (
        f"programmes.csv {PROGRAMME} places_per_year {' '.join(field_line.split())}"
        in output
    )
    assert " ".join(heading.split()) in output
    assert any(line.startswith("Koulutukset:") for line in output)


KOMVUX_PROGRAMME = (
    "vux-skelleftea-industrial-electrician"  # residents of Sweden from 20 (entry notes)
)


def test_the_rules_of_who_may_apply_are_loaded_from_the_programme_file():
    lernia = Programme.objects.get(slug=PROGRAMME)
    assert lernia.audience == Programme.Audience.JOB_SEEKERS_SE
    assert lernia.min_age is None  # not stated: not known
    komvux = Programme.objects.get(slug=KOMVUX_PROGRAMME)
    assert (komvux.audience, komvux.min_age) == ("residents_se", 20)
    masters = Programme.objects.get(slug="ltu-master-minerals-metallurgy")
    assert sorted(masters.required_fields.values_list("code", flat=True)) == [
        "05",
        "07",
    ]
    assert "22.5 credits of mathematics" in masters.prior_studies_en
    assert Programme.objects.get(
        slug="yh-skelleftea-process-technician"
    ).recognition_of_prior_learning
    assert Programme.objects.get(
        slug="centria-uas-akkualan-muuntokoulutus"
    ).free_of_charge
    assert "vamk-battery-package" in Programme.objects.filter(  # its sources state no rule
        audience="everyone", recognition_of_prior_learning=None, free_of_charge=None, pace=""
    ).values_list("slug", flat=True)  # fmt: skip
    assert (
        EducationField.objects.get(code="07").name_sv
        == "Teknik, tillverkning och byggverksamhet"
    )
    assert EducationField.objects.count() == 11


def test_a_minimum_age_a_coordinator_changed_survives_a_load_and_is_reported():
    komvux = Programme.objects.get(slug=KOMVUX_PROGRAMME)
    admin_save(komvux, min_age=18)

    output = load()

    komvux.refresh_from_db()
    assert komvux.min_age == 18
    assert (
        f"programmes.csv {KOMVUX_PROGRAMME} min_age database: 18 bundled: 20" in output
    )


def test_untouched_rules_of_who_may_apply_follow_the_file(data_dir):
    edit_row(
        data_dir / "programmes.csv",
        {"slug": PROGRAMME},
        min_age="25",
        required_fields="07;10",
        pace="part_time",
    )

    load("--data-dir", str(data_dir))

    programme = Programme.objects.get(slug=PROGRAMME)
    assert (programme.min_age, programme.pace) == (25, "part_time")
    assert sorted(programme.required_fields.values_list("code", flat=True)) == [
        "07",
        "10",
    ]


def test_a_region_of_residence_without_that_audience_stops_the_load(data_dir):
    edit_row(data_dir / "programmes.csv", {"slug": PROGRAMME}, audience_region="SE331")
    edit_row(
        data_dir / "programmes.csv", {"slug": OPEN_PROGRAMME}, free_of_charge="maybe"
    )

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    message = str(raised.value)
    assert (
        "field “audience_region”: Give a region exactly when the audience is residents_region."
        in message
    )
    assert (
        "field “free_of_charge”: Write yes or no, or leave the cell empty." in message
    )


def test_the_file_may_not_give_a_new_record_an_identifier_that_leads_to_another(
    data_dir,
):
    """A coordinator's programme renamed in the admin keeps its old slug as an alias (batteryregion/sync), so that
    partners' links still lead to it: a new row of the bundled file with that slug stops the load."""
    template = Programme.objects.get(slug=PROGRAMME)
    own = Programme.objects.create(
        slug="coordinators-course",
        provider=template.provider,
        kind=template.kind,
        name_fi="Kurssi",
        name_sv="Kurs",
        name_en="Course",
    )
    admin_save(own, slug="coordinators-course-2027")
    with (data_dir / "programmes.csv").open(encoding="utf-8", newline="") as handle:
        [row] = [r for r in csv.DictReader(handle) if r["slug"] == PROGRAMME]
    add_row(data_dir / "programmes.csv", **{**row, "slug": "coordinators-course"})

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    message = str(raised.value)
    assert message.startswith("programmes.csv, row ")
    assert "field “slug”: Another programme had this slug before" in message
    assert not Programme.objects.filter(slug="coordinators-course").exists()
