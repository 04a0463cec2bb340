"""A partner's nightly mirror with a key: the change feed and ?modified_since= follow the key's scope, so that a
mirror fed with the changes ends identical to what the lists show that key (tests/api/test_sync_feed.py has the
anonymous case)."""

import pytest
from django.utils import timezone

from skills.models import CompetenceNeed
from tests.api.test_sync_feed import apply_feed, feed, full_copy, summary
from tests.factories import CompetenceNeedFactory

pytestmark = pytest.mark.django_db

PARTNERS = CompetenceNeed.Visibility.PARTNERS
COORDINATORS = CompetenceNeed.Visibility.COORDINATORS


@pytest.mark.parametrize("scope", ["partners", "public"])
def test_a_mirror_with_a_key_ends_identical_to_what_the_key_lists(issue_key, scope):
    public = CompetenceNeedFactory(slug="operators")
    shared = CompetenceNeedFactory(slug="technicians", visibility=PARTNERS)
    narrowed = CompetenceNeedFactory(slug="engineers", visibility=PARTNERS)
    removed = CompetenceNeedFactory(slug="chemists", visibility=PARTNERS)
    client = issue_key(scope=scope).client()
    since = timezone.now()
    mirror = full_copy(client)

    public.visibility = PARTNERS
    public.save()
    shared.headcount = 40
    shared.save()
    narrowed.visibility = COORDINATORS
    narrowed.save()
    removed.delete()
    CompetenceNeedFactory(slug="welders", visibility=PARTNERS)
    CompetenceNeedFactory(slug="secret", visibility=COORDINATORS)

    apply_feed(client, mirror, since)

    assert mirror == full_copy(client)
    needs = {key for kind, key in mirror if kind == "competence-need"}
    if scope == "partners":
        assert needs == {"operators", "technicians", "welders"}
    else:
        assert needs == set()
    changes = summary(feed(client, since, type="competence-need"))
    assert all(entry[1] != "secret" for entry in changes)


def test_modified_since_with_a_partners_key_lists_the_partner_needs_changed(
    issue_key,
):
    CompetenceNeedFactory(slug="old", visibility=PARTNERS)
    since = timezone.now()
    CompetenceNeedFactory(slug="new", visibility=PARTNERS)
    CompetenceNeedFactory(slug="secret", visibility=COORDINATORS)
    client = issue_key(scope="partners").client()

    answer = client.get(
        "/api/v1/competence-needs/", {"modified_since": since.isoformat()}
    ).json()

    assert [item["slug"] for item in answer["results"]] == ["new"]
