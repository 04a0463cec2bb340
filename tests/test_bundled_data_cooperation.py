"""The cooperation files of the bundled data: links between actors that public sources document (actor_links.csv)
and the example actions with their participants and figures (cooperation_actions.csv, action_participants.csv,
action_figures.csv). Loaded like every other file: a coordinator's change is kept and reported, an untouched record
follows the file, a bad row stops the load and writes nothing. The bundled data is loaded once for the module."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from batteryregion.bundled_data import BundledDataError, load_bundled_data
from batteryregion.records import ChangeChannel, PublicationState, changes_through
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from skills.models import ActorLink
from tests.test_bundled_data_updates import (  # noqa: F401 (bundled: the module's data)
    add_row,
    admin_save,
    bundled,
    edit_row,
    everything,
    load,
)

pytestmark = pytest.mark.django_db

RECYCLING = "example-joint-battery-recycling-module"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def test_every_bundled_link_is_published_sourced_and_verified():
    links = ActorLink.objects.select_related("actor", "partner")
    assert links.count() >= 15
    for link in links:
        assert link.state == PublicationState.PUBLISHED, link
        assert link.source_url.startswith("https://") or link.source_url.startswith(
            "http://"
        ), link
        assert link.verified_on is not None, link
        assert link.description_fi and link.description_sv and link.description_en
    # The Battery Region partnership itself crosses the border.
    crossing = {
        (link.actor.slug, link.partner.slug) for link in links if link.crosses_border
    }
    assert ("battery-region", "osao") in crossing
    assert ("battery-region", "council-of-oulu-region") in crossing
    assert set(links.values_list("kind", flat=True)) == set(ActorLink.Kind.values)


def test_the_example_actions_show_every_kind_and_state_and_are_marked():
    actions = Action.objects.all()
    assert set(actions.values_list("kind", flat=True)) == set(Action.Kind.values)
    assert set(actions.values_list("state", flat=True)) == set(Action.State.values)
    assert not actions.filter(is_example=False).exists()
    for action in actions:
        assert action.title_en.startswith("Example:"), action.slug
        assert action.title_fi.startswith("Esimerkki:"), action.slug
        assert action.title_sv.startswith("Exempel:"), action.slug
        assert action.participants.exists(), action.slug
    dropped = actions.get(state=Action.State.DROPPED)
    assert dropped.dropped_reason
    recycling = actions.get(slug=RECYCLING)
    assert {(p.actor.slug, p.role) for p in recycling.participants.all()} == {
        ("lapland-uas", "lead"),
        ("yh-skelleftea", "partner"),
        ("boliden-ronnskar", "partner"),
    }
    assert {f.measure: (f.promised, f.achieved) for f in recycling.figures.all()} == {
        "places": (20, 12),
        "students": (20, 9),
    }
    assert set(recycling.regions.values_list("code", flat=True)) == {"FI1D7", "SE331"}


def test_a_coordinators_change_to_an_action_and_its_parts_is_kept_and_reported():
    action = Action.objects.get(slug=RECYCLING)
    admin_save(action, state=Action.State.DONE)
    figure = ActionFigure.objects.get(action=action, measure="places")
    admin_save(figure, achieved=20)
    participant = ActionParticipant.objects.get(
        action=action, actor__slug="lapland-uas"
    )
    admin_save(participant, role="funder")

    output = load()

    action.refresh_from_db()
    figure.refresh_from_db()
    participant.refresh_from_db()
    assert (action.state, figure.achieved, participant.role) == ("done", 20, "funder")
    assert (
        f"cooperation_actions.csv {RECYCLING} state database: done bundled: in_progress"
        in output
    )
    assert (
        f"action_figures.csv {RECYCLING}/places achieved database: 20 bundled: 12"
        in output
    )
    assert (
        f"action_participants.csv {RECYCLING}/lapland-uas role database: funder bundled: lead"
        in output
    )
    assert "Bundled data already up to date." in output


def test_a_deleted_link_stays_deleted():
    link = ActorLink.objects.get(actor__slug="kip", partner__slug="keliber")

    with changes_through(ChangeChannel.ADMIN):
        link.delete()

    output = load()

    assert not ActorLink.objects.filter(
        actor__slug="kip", partner__slug="keliber"
    ).exists()
    assert "actor_links.csv kip/keliber/cluster deleted in the database" in output


def test_an_untouched_link_follows_the_file(data_dir):
    edit_row(
        data_dir / "actor_links.csv",
        {"actor": "kip", "partner": "umicore-finland"},
        started_on="2019-12-02",
    )

    load("--data-dir", str(data_dir))

    link = ActorLink.objects.get(actor__slug="kip", partner__slug="umicore-finland")
    assert str(link.started_on) == "2019-12-02"
    assert link.history.first().history_channel == "loader"


def test_a_bundled_action_must_be_an_example_and_a_bad_row_writes_nothing(data_dir):
    before = everything()
    edit_row(data_dir / "cooperation_actions.csv", {"slug": RECYCLING}, is_example="no")
    add_row(
        data_dir / "cooperation_actions.csv",
        slug="example-without-kind",
        kind="lecture",
        title_fi="Esimerkki",
        title_sv="Exempel",
        title_en="Example",
        state="idea",
        visibility="public",
        is_example="yes",
    )

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    message = str(raised.value)
    assert (
        "cooperation_actions.csv, row 2, field “is_example”: Bundled actions are examples: write yes."
        in message
    )
    assert (
        "cooperation_actions.csv, row 9, field “kind”: “lecture” is not one of"
        in message
    )
    assert everything() == before


def test_a_link_of_an_actor_with_itself_and_a_negative_figure_stop_the_load(data_dir):
    edit_row(
        data_dir / "actor_links.csv",
        {"actor": "kip", "partner": "keliber"},
        partner="kip",
    )
    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)
    assert "field “partner”: An actor cannot be linked with itself" in str(raised.value)

    edit_row(
        data_dir / "actor_links.csv",
        {"actor": "kip", "partner": "kip"},
        partner="keliber",
    )
    add_row(
        data_dir / "action_figures.csv",
        action=RECYCLING,
        measure="teachers",
        promised="-3",
    )
    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)
    assert (
        "action_figures.csv, row 8, field “promised”: -3 is outside the allowed range"
        in str(raised.value)
    )
    assert not ActionFigure.objects.filter(
        action__slug=RECYCLING, measure="teachers"
    ).exists()


def test_a_bundled_action_may_not_move_back(data_dir):
    edit_row(
        data_dir / "cooperation_actions.csv",
        {"slug": "example-joint-recruitment-process-operators"},
        state="agreed",
    )
    action = Action.objects.get(slug="example-joint-recruitment-process-operators")
    assert action.state == "done"

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert "an action only moves forward" in str(raised.value)
    action.refresh_from_db()
    assert action.state == "done"
