"""Unverified enterprises count in no aggregate and no peer figure (docs/identity.md).

Security review 2026-12 #1: anyone could register a real firm's USCC and be counted.
"""

from app.auth.models import Enterprise
from app.db import db
from tests.fixtures.data import mark_verified


def test_aggregates_count_verified_enterprises_only(population, snapshot, aggregates, make_staff):
    for _ in range(6):
        population(industry="C1772")
    squatters = [population(industry="C1772", verified=False) for _ in range(3)]
    snapshot()
    association = make_staff("association", industries=["C17"])
    assert aggregates(association).get_json()["total"]["n"] == 6
    province = make_staff("regulator", jurisdiction="130000")
    assert aggregates(province, live=True).get_json()["total"]["n"] == 6

    # Verified later, it counts from then on (live here: a snapshot may hold one newcomer back
    # under the release rules against differencing, which is theirs to decide).
    mark_verified(db.session.get(Enterprise, squatters[0]))
    db.session.commit()
    assert aggregates(province, live=True).get_json()["total"]["n"] == 7


def test_the_queue_flags_unverified_firms_and_filters_them(client, population, make_staff):
    verified = population(industry="C1772")
    unverified = population(industry="C1772", verified=False)
    city = make_staff("regulator", jurisdiction="130100")

    def listed(**query):
        response = client.get("/api/v1/assessments", query_string=query, headers=city.headers)
        assert response.status_code == 200, response.get_json()
        return {a["enterprise"]["id"]: a["enterprise"] for a in response.get_json()["items"]}

    everyone = listed()
    assert everyone[unverified]["verified"] is False
    assert everyone[verified]["verified"] is True
    assert set(listed(verified="false")) == {unverified}
    assert set(listed(verified="true")) == {verified}
