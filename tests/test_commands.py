"""The commands behind `make run`."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_demo_coordinator_is_created_once_and_then_reported(settings, capsys):
    settings.DEBUG = True
    call_command("demo_coordinator")
    assert "Demo coordinator created" in capsys.readouterr().out
    call_command("demo_coordinator")
    assert "Demo coordinator exists" in capsys.readouterr().out

    user = User.objects.get(username="coordinator")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("battery-region-demo")
    assert user.has_perm("programmes.change_programme")
    assert user.has_perm("skills.view_confidential_needs")


def test_the_demo_coordinator_is_refused_outside_local_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        call_command("demo_coordinator")
    assert not User.objects.exists()
