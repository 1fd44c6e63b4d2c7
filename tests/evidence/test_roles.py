"""Every evidence endpoint with every role: the owner, another enterprise, the regulator of the
region and of another region, an association, an admin, and no one signed in."""

import pytest

from tests.evidence.conftest import PDF, jpeg, listing, upload

ROLES = (
    "owner",
    "other_enterprise",
    "regulator",
    "other_regulator",
    "association",
    "admin",
    "anonymous",
)


@pytest.fixture
def world(client, make_enterprise, make_staff, evidence_questions):
    """A submitted assessment with a frozen file, and a later draft of the same firm with one."""
    q = evidence_questions
    owner = make_enterprise("130100")
    submitted = owner.fill("quality", q.answers)
    frozen = upload(client, owner, submitted["id"], PDF, q.shown, filename="a.pdf").get_json()
    owner.submit(submitted)
    draft = owner.create("quality")  # a new draft: the submitted one is closed
    loose = upload(client, owner, draft["id"], jpeg(), q.shown).get_json()
    actors = {
        "owner": owner,
        "other_enterprise": make_enterprise("130100"),
        "regulator": make_staff("regulator", jurisdiction="130100"),
        "other_regulator": make_staff("regulator", jurisdiction="130200"),
        "association": make_staff("association", industries=["C17"]),
        "admin": make_staff("admin"),
        "anonymous": None,
    }
    return {
        "actors": actors,
        "submitted": submitted["id"],
        "draft": draft["id"],
        "frozen": frozen,
        "loose": loose,
        "q": q,
    }


def _headers(actor):
    return actor.headers if actor else {}


EXPECTED_UPLOAD = {
    "owner": 201,
    "other_enterprise": 404,
    "regulator": 403,
    "other_regulator": 403,
    "association": 403,
    "admin": 403,
    "anonymous": 401,
}


@pytest.mark.parametrize("role", ROLES)
def test_upload_by_role(client, world, role):
    response = upload(client, world["actors"][role], world["draft"], jpeg(), world["q"].shown)
    assert response.status_code == EXPECTED_UPLOAD[role], response.get_json()
    assert response.mimetype == (
        "application/json" if role == "owner" else "application/problem+json"
    )
    count = 2 if role == "owner" else 1
    assert (
        len(listing(client, world["actors"]["owner"], world["draft"]).get_json()["items"]) == count
    )


EXPECTED_READ = {
    "owner": 200,
    "other_enterprise": 404,
    "regulator": 200,
    "other_regulator": 404,
    "association": 403,
    "admin": 403,
    "anonymous": 401,
}


@pytest.mark.parametrize("role", ROLES)
def test_list_by_role(client, world, role):
    response = listing(client, world["actors"][role], world["submitted"])
    assert response.status_code == EXPECTED_READ[role]
    if response.status_code == 200:
        assert [i["id"] for i in response.get_json()["items"]] == [world["frozen"]["id"]]


@pytest.mark.parametrize("role", ROLES)
def test_file_by_role(client, world, role):
    response = client.get(world["frozen"]["href"], headers=_headers(world["actors"][role]))
    assert response.status_code == EXPECTED_READ[role]
    if response.status_code == 200:
        assert response.data == PDF
    else:
        assert PDF not in response.data


@pytest.mark.parametrize("role", ["regulator", "other_regulator"])
def test_a_regulator_never_sees_a_draft_never_submitted(client, world, role):
    actor = world["actors"][role]
    assert listing(client, actor, world["draft"]).status_code == 404
    assert client.get(world["loose"]["href"], headers=actor.headers).status_code == 404


EXPECTED_DELETE = {**EXPECTED_UPLOAD, "owner": 204}


@pytest.mark.parametrize("role", ROLES)
def test_delete_by_role(client, world, role):
    path = f"/api/v1/assessments/{world['draft']}/evidence/{world['loose']['id']}"
    response = client.delete(path, headers=_headers(world["actors"][role]))
    assert response.status_code == EXPECTED_DELETE[role]
    left = listing(client, world["actors"]["owner"], world["draft"]).get_json()["items"]
    assert len(left) == (0 if role == "owner" else 1)


EXPECTED_VERIFY = {
    "owner": 403,
    "other_enterprise": 403,
    "regulator": 200,
    "other_regulator": 404,
    "association": 403,
    "admin": 403,
    "anonymous": 401,
}


@pytest.mark.parametrize("role", ROLES)
def test_verify_by_role(client, world, role):
    path = f"/api/v1/assessments/{world['submitted']}/evidence/{world['frozen']['id']}/verification"
    response = client.put(
        path, json={"status": "verified"}, headers=_headers(world["actors"][role])
    )
    assert response.status_code == EXPECTED_VERIFY[role]
    item = listing(client, world["actors"]["owner"], world["submitted"]).get_json()["items"][0]
    assert item["verification"]["status"] == ("verified" if role == "regulator" else "pending")


def test_a_file_of_another_assessment_is_not_found_through_this_one(client, world):
    owner = world["actors"]["owner"]
    path = f"/api/v1/assessments/{world['submitted']}/evidence/{world['loose']['id']}/file"
    assert client.get(path, headers=owner.headers).status_code == 404


def test_a_draft_file_cannot_be_verified(client, world, make_staff):
    # The draft was never submitted: to a regulator it does not exist.
    regulator = world["actors"]["regulator"]
    path = f"/api/v1/assessments/{world['draft']}/evidence/{world['loose']['id']}/verification"
    assert (
        client.put(path, json={"status": "verified"}, headers=regulator.headers).status_code == 404
    )
