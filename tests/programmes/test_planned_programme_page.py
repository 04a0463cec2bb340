"""The programme page of planned training: where no intake date is recorded, the "Starts" cell of a planned
programme gives its expected start and that of a proposed one says it is not decided, rather than sending the reader
to the provider's page for a date that does not exist yet."""

import datetime
import re

import pytest

from programmes.models import Programme
from tests.factories import OfferingFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def starts_cell(client, slug: str, language: str = "en") -> str:
    html = client.get(f"/{language}/programmes/{slug}/").content.decode()
    return re.search(
        r'<td data-label="[^"]+">([^<]*)</td>\s*<td data-label="[^"]+">[^<]*</td>\s*<td class="num"',
        html,
    ).group(1)


@pytest.mark.parametrize(
    ("availability", "expected_start", "cell"),
    [
        (Programme.Availability.RUNNING, None, "see the provider's page"),
        (
            Programme.Availability.PLANNED,
            datetime.date(2027, 8, 1),
            "expected August 2027",
        ),
        (Programme.Availability.PROPOSED, None, "not decided"),
    ],
)
def test_the_starts_cell_follows_the_availability(
    client, availability, expected_start, cell
):
    programme = ProgrammeFactory(
        slug="p", availability=availability, expected_start=expected_start
    )
    OfferingFactory(programme=programme, starts_on=None)

    assert starts_cell(client, "p") == cell


def test_a_recorded_intake_date_wins_over_the_expected_start(client):
    programme = ProgrammeFactory(
        slug="p",
        availability=Programme.Availability.PLANNED,
        expected_start=datetime.date(2027, 8, 1),
    )
    OfferingFactory(programme=programme, starts_on=datetime.date(2027, 8, 16))

    assert starts_cell(client, "p") == "16 August 2027"
