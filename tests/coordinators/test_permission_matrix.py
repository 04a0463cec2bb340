"""The permission matrix: every admin model × every admin view and action × every role × a record inside and
outside the role's scope. The expected outcome comes from the tables below, written out by hand, never from
coordinators/permissions/.

The records and users (tests/coordinators/world.py) are made once for the module inside a transaction; each test
runs in a savepoint of it, so saves and deletes are undone after each test.
"""

import datetime
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core import mail
from django.db import transaction
from django.utils import timezone

from batteryregion.records import Publishable
from coordinators.permissions import forget_scope, may_fetch_register, may_preview_news
from programmes.models import Programme
from tests.coordinators.world import ROLES, World, build_world, client_of, form_data
from tests.factories import NewsItemFactory

PROJECT_APPS = {
    "batteryregion",
    "skills",
    "programmes",
    "gaps",
    "about",
    "coordinators",
    "news",
}

# What each role may do with each kind of record: (may add, access to "ours", access to "theirs").
# "ours" is a record of organisation A in North Ostrobothnia (FI), "theirs" of actor D in Västerbotten (SE).
# Access: "none": the kind of record is closed to them; "hidden": not among those they see; "view": read-only;
# "change"; "delete": change, and delete unless other records refer to it.
VOCABULARY = {
    "coordinator_a": (False, "view", "view"),
    "coordinator_b": (False, "view", "view"),
    "lead_fi": (True, "change", "change"),
    "lead_se": (True, "change", "change"),
    "superuser": (True, "delete", "delete"),
}
PLACED = {  # programmes, sites and competence needs: by organisation or by region
    "coordinator_a": (True, "delete", "view"),
    "coordinator_b": (True, "view", "delete"),
    "lead_fi": (True, "delete", "view"),
    "lead_se": (True, "view", "delete"),
    "superuser": (True, "delete", "delete"),
}
ACTORS = {  # coordinators change their own organisation's record; leads add and delete actors
    "coordinator_a": (False, "change", "view"),
    "coordinator_b": (False, "view", "view"),
    "lead_fi": (True, "delete", "view"),
    "lead_se": (True, "view", "delete"),
    "superuser": (True, "delete", "delete"),
}
LINKS = {  # links between actors: theirs who change either actor's links (a coordinator's organisations, a lead's side)
    "coordinator_a": (True, "delete", "view"),
    "coordinator_b": (False, "view", "view"),  # regions alone give no links
    "lead_fi": (True, "delete", "view"),
    "lead_se": (True, "view", "delete"),
    "superuser": (True, "delete", "delete"),
}
ACCOUNTS = {  # coordinator records: ours is coordinator A's (Finnish side), theirs coordinator B's (Swedish)
    "coordinator_a": (False, "none", "none"),
    "coordinator_b": (False, "none", "none"),
    "lead_fi": (True, "change", "hidden"),
    "lead_se": (True, "hidden", "change"),
    "superuser": (True, "delete", "delete"),
}
PORTAL = {  # the partnership's organisations (the About page): leads keep them, whichever side
    "coordinator_a": (False, "view", "view"),
    "coordinator_b": (False, "view", "view"),
    "lead_fi": (True, "delete", "delete"),
    "lead_se": (True, "delete", "delete"),
    "superuser": (True, "delete", "delete"),
}
NEWS = {  # news and lessons learned: leads and superusers write them, whichever side; coordinators read them
    "coordinator_a": (False, "view", "view"),
    "coordinator_b": (False, "view", "view"),
    "lead_fi": (True, "delete", "delete"),
    "lead_se": (True, "delete", "delete"),
    "superuser": (True, "delete", "delete"),
}
ACTIONS = {  # cooperation actions: any coordinator starts one; their organisation's or their own, or their side's
    "coordinator_a": (True, "delete", "view"),  # organisation A takes part in ours
    "coordinator_b": (
        True,
        "view",
        "delete",
    ),  # coordinator B is responsible for theirs
    "lead_fi": (True, "delete", "view"),
    "lead_se": (True, "view", "delete"),
    "superuser": (True, "delete", "delete"),
}
INTAKE = {  # employers' submissions: only those who review them see them (a contact person's details); the form adds
    "coordinator_a": (False, "change", "hidden"),  # ours names organisation A
    "coordinator_b": (
        False,
        "hidden",
        "change",
    ),  # theirs is in Västerbotten, in coordinator B's Upper Norrland
    "lead_fi": (False, "change", "hidden"),
    "lead_se": (False, "hidden", "change"),
    "superuser": (False, "delete", "delete"),
}
SNAPSHOTS = {  # dated snapshots of the map: any coordinator takes one, leads retitle them, only superusers delete them
    "coordinator_a": (True, "view", "view"),
    "coordinator_b": (True, "view", "view"),
    "lead_fi": (True, "change", "change"),
    "lead_se": (True, "change", "change"),
    "superuser": (True, "delete", "delete"),
}
ACCESS = {
    "skills.segment": VOCABULARY,
    "skills.region": VOCABULARY,
    "skills.municipality": VOCABULARY,
    "skills.educationlevel": VOCABULARY,
    "skills.qualificationtype": VOCABULARY,
    "skills.language": VOCABULARY,
    "skills.educationfield": VOCABULARY,
    "skills.skill": VOCABULARY,
    "skills.occupation": VOCABULARY,
    "skills.actor": ACTORS,
    "skills.site": PLACED,
    "skills.competenceneed": PLACED,
    "skills.actorlink": LINKS,
    # A workshop by its organiser or regions (theirs: a Swedish organiser's, in Västerbotten).
    "skills.workshop": PLACED,
    "skills.needsubmission": INTAKE,
    "programmes.programme": PLACED,
    # An offering's own page (with its application periods) follows its programme.
    "programmes.offering": PLACED,
    "coordinators.coordinator": ACCOUNTS,
    "about.partnerorganisation": PORTAL,
    # An action's participants and figures are its inlines: saved, restored and deleted with it.
    "gaps.action": ACTIONS,
    "news.newsitem": NEWS,
    "gaps.snapshot": SNAPSHOTS,
}
# Other records refer to these (programmes to their provider, offerings to their site): deleting them is refused.
# Coordinators are responsible for cooperation actions, which would lose their responsible coordinator.
# An employer's submission has its needs.
REFERRED = {
    "skills.actor",
    "skills.site",
    "coordinators.coordinator",
    "skills.needsubmission",
}
# Lists that open on "mine" for those who change some of their records, with "all" a click away.
MINE_OR_ALL = {
    "programmes.programme",
    "skills.actor",
    "skills.site",
    "skills.competenceneed",
    "skills.actorlink",
    "skills.workshop",
}
# What an action does when it is allowed.
ACTION_EFFECTS = {
    "delete_selected": "deleted",
    "discontinue_selected": "discontinued",
    "send_invitation_again": "mailed",
    "erase_contact_now": "erased",
}
EDITING = {"change", "delete"}


def registered() -> dict[str, admin.ModelAdmin]:
    return {
        model._meta.label_lower: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
    }


def actions_of(label: str) -> list[str]:
    """Every action a superuser is offered on the model's list."""
    model_admin = registered()[label]
    names = ["delete_selected", *(getattr(a, "__name__", a) for a in model_admin.actions or ())]  # fmt: skip
    if issubclass(model_admin.model, Publishable):
        names.append("discontinue_selected")
    return names


def expected(label: str, view: str, role: str, which: str) -> str:
    """The outcome the tables above give for one cell of the matrix."""
    if role == "anonymous":
        return "login"
    may_add, ours, theirs = ACCESS[label][role]
    access = ours if which == "ours" else theirs
    if access == "none":
        return "kept" if view.startswith("action:") else "forbidden"
    if view == "list":
        shown = (
            EDITING
            if label in MINE_OR_ALL and role != "superuser"
            else {"view", *EDITING}
        )
        return "listed" if access in shown else "absent"
    if view == "list_all":
        return "listed" if access in {"view", *EDITING} else "absent"
    if view == "add":
        return "form" if may_add else "forbidden"
    if view == "change":
        return {"hidden": "missing", "view": "readonly"}.get(access, "form")
    if view == "save":
        return {"hidden": "missing", "view": "forbidden"}.get(access, "saved")
    if view == "revert":
        return "saved" if access in EDITING else "forbidden"
    if view in ("delete", "delete_post"):
        if access != "delete":
            return "forbidden"
        if label in REFERRED:
            return "refused"
        return "confirm" if view == "delete" else "deleted"
    action = view.removeprefix("action:")
    if action == "delete_selected":
        if access != "delete":
            return "kept"
        return "refused" if label in REFERRED else "deleted"
    # An action this table does not know yet runs for those who may change the record: it answers with a page or
    # a redirect, and a refused one changes nothing.
    return ACTION_EFFECTS.get(action, "done") if access in EDITING else "kept"


def cells() -> Iterator[tuple[str, str, str, str]]:
    for label in sorted(ACCESS):
        views = ["list", "add", "change", "save", "revert", "delete", "delete_post"]
        if label in MINE_OR_ALL:
            views.append("list_all")
        views += [f"action:{name}" for name in actions_of(label)]
        for view in views:
            for role in ROLES:
                for which in ("ours", "theirs"):
                    if view == "add" and which == "theirs":
                        continue  # adding has no record
                    yield label, view, role, which


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        # One client per role for the whole module: a new client loads the middleware again, which is slow.
        built.clients = {role: client_of(built, role) for role in ROLES}
        superuser = built.clients["superuser"]
        for (label, which), record in built.records.items():
            response = superuser.get(admin_url(label, "change", record.pk))
            built.posted[label, which] = form_data(response)
        yield built
        transaction.set_rollback(True)


def admin_url(label: str, view: str, pk: object = None) -> str:
    app_label, model_name = label.split(".")
    base = f"/admin/{app_label}/{model_name}/"
    return {
        "list": base,
        "add": f"{base}add/",
        "change": f"{base}{pk}/change/",
        "delete": f"{base}{pk}/delete/",
        "history": f"{base}{pk}/history/",
    }[view]


def test_the_matrix_covers_every_admin_model_of_the_project():
    assert set(registered()) == set(ACCESS)


def test_the_matrix_covers_every_action_of_every_admin(admin_client):
    for label in ACCESS:
        response = admin_client.get(admin_url(label, "list"))
        offered = {name for name, _description in response.context["action_form"].fields["action"].choices if name}  # fmt: skip
        assert offered == set(actions_of(label)), label


@pytest.mark.parametrize(("label", "view", "role", "which"), list(cells()))
def test_permission_matrix(db, world, label, view, role, which):
    client = world.clients[role]
    record = world.record(label, which)
    versions = record.history.count()
    want = expected(label, view, role, which)
    response = request(client, world, label, view, which)
    assert outcome(response, want, world, label, which, versions) == want


def request(client, world: World, label: str, view: str, which: str):
    record = world.records[label, which]
    data = world.posted[label, which]
    if view == "list":
        return client.get(admin_url(label, "list"))
    if view == "list_all":
        return client.get(admin_url(label, "list"), {"scope": "all"})
    if view == "add":
        return client.get(admin_url(label, "add"))
    if view == "change":
        return client.get(admin_url(label, "change", record.pk))
    if view == "save":
        return client.post(admin_url(label, "change", record.pk), data)
    if view == "revert":
        version = record.history.order_by("-history_id").first()
        url = f"{admin_url(label, 'history', record.pk)}{version.history_id}/"
        return client.post(url, data)
    if view == "delete":
        return client.get(admin_url(label, "delete", record.pk))
    if view == "delete_post":
        return client.post(admin_url(label, "delete", record.pk), {"post": "yes"})
    action = view.removeprefix("action:")
    query = "?scope=all" if label in MINE_OR_ALL else ""
    return client.post(
        admin_url(label, "list") + query,
        {"action": action, "_selected_action": [record.pk], "index": 0, "post": "yes"},
    )


def outcome(response, want: str, world: World, label: str, which: str, versions: int) -> str:  # fmt: skip
    """Name what happened, in the words of the tables."""
    status = response.status_code
    model = apps.get_model(label)
    pk = world.records[label, which].pk
    record = model._default_manager.filter(pk=pk).first()
    if status == 302 and response.headers["Location"].startswith("/admin/login/"):
        return "login"
    unchanged = record is not None and record.history.count() == versions
    if want == "kept" and unchanged and status in (200, 302, 403):
        # Refused: answered 403, or the action was not even offered (the list again, or back to it).
        return "kept"
    if status == 403:
        return "forbidden"
    html = response.content.decode() if status == 200 else ""
    if want in ("listed", "absent"):
        assert status == 200
        return "listed" if f"/{pk}/change/" in html else "absent"
    if want in ("form", "readonly"):
        assert status == 200
        return "form" if 'name="_save"' in html else "readonly"
    if want == "missing":
        assert status == 302 and response.headers["Location"] == "/admin/"
        assert record is not None and record.history.count() == versions
        return "missing"
    if record is None:
        return "deleted" if status == 302 else f"deleted with {status}"
    if status == 200 and "referring-records" in html:
        return "refused"
    if status == 200 and 'name="post"' in html:
        return "confirm"
    if want == "discontinued" and isinstance(record, Publishable):
        if record.is_discontinued and record.ended_on == timezone.localdate():
            return "discontinued"
    if want == "mailed" and len(mail.outbox) == 1:
        return "mailed"
    if want == "erased" and record.contact_erased_on and not record.contact_email:
        return "erased"
    if want == "done" and status in (200, 302):
        said = {str(message) for message in get_messages(response.wsgi_request)}
        return "not offered" if "No action selected." in said else "done"
    if record.history.count() > versions and status == 302:
        return "saved"
    return f"{status} with {record.history.count() - versions} new versions"


# Who opens a news item that is not public on its page (the admin's "View on site"): those who write news. Everyone
# else gets a 404, as if it did not exist; nobody finds it in the list or the feed.
NEWS_PREVIEW = {
    "anonymous": False,
    "coordinator_a": False,
    "coordinator_b": False,
    "lead_fi": True,
    "lead_se": True,
    "superuser": True,
}


@pytest.mark.parametrize("state", ["draft", "scheduled"])
@pytest.mark.parametrize("role", ROLES)
def test_news_preview_matrix(db, world, role, state):
    later = timezone.now() + datetime.timedelta(days=3)
    fields = (
        {"state": "draft"}
        if state == "draft"
        else {"state": "published", "published_at": later}
    )
    item = NewsItemFactory(slug=f"preview-{state}", title_en="Not out yet", **fields)
    client = world.clients[role]
    may = NEWS_PREVIEW[role]

    response = client.get(f"/en/news/{item.slug}/")

    assert response.status_code == (200 if may else 404)
    if may:
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    if role != "anonymous":
        user = world.users[role]
        forget_scope(user)
        assert may_preview_news(user) is may
    assert "preview-" not in client.get("/en/news/").content.decode()
    assert "preview-" not in client.get("/en/news/feed/").content.decode()


# Who fetches a national register and applies it (the programmes list's "Fetch from a register", a page of the
# programmes admin): lead coordinators of the register's side of the border and superusers. Opintopolku is the
# Finnish side's. "allowed": the page answers (here it says that no provider has an Opintopolku OID, as the world's
# actors have none); "refused": 403, or the register is not among the choices offered (400), and nothing written.
REGISTER_FETCH = {
    "anonymous": "login",
    "coordinator_a": "refused",
    "coordinator_b": "refused",
    "lead_fi": "allowed",
    "lead_se": "refused",
    "superuser": "allowed",
}


@pytest.mark.parametrize("step", ["preview", "apply"])
@pytest.mark.parametrize("role", ROLES)
def test_register_fetch_matrix(db, world, role, step, settings, tmp_path):
    settings.REGISTER_RESPONSES_DIR = str(
        tmp_path
    )  # recorded answers: never the network
    client = world.clients[role]
    versions = sum(model.history.count() for model in (Programme,))
    response = client.post(
        "/admin/programmes/programme/register/",
        {"register": "opintopolku", "step": step},
    )
    if response.status_code == 302 and response.headers["Location"].startswith(
        "/admin/login/"
    ):
        outcome = "login"
    elif response.status_code in (400, 403):
        outcome = "refused"
    elif (
        response.status_code == 200
        and "No provider on the map has an identifier in Opintopolku"
        in response.content.decode()
    ):
        outcome = "allowed"
    else:
        outcome = f"{response.status_code}"
    assert outcome == REGISTER_FETCH[role]
    assert sum(model.history.count() for model in (Programme,)) == versions
    if role != "anonymous":
        user = world.users[role]
        forget_scope(user)
        assert may_fetch_register(user, "FI") is (REGISTER_FETCH[role] == "allowed")
