import pytest
from tests.factories import *
pytestmark = pytest.mark.django_db
def test_smoke(client):
    a = ActionFactory()
    ActionParticipantFactory(action=a)
    ActionFigureFactory(action=a)
    r = client.get("/en/cooperation/")
    assert r.status_code == 200, r.content[:3000]
    r = client.get(f"/en/cooperation/{a.slug}/")
    assert r.status_code == 200
    print(r.content.decode()[-3000:])
