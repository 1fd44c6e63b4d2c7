"""The regulator's queue: the jurisdiction's submissions, filters, sorting, cursors, counts."""

from datetime import datetime, timedelta

import pytest

from app.assessments.filters import CHINA

LIST = "/api/v1/assessments"


def listing(client, actor, **params):
    response = client.get(LIST, query_string=params, headers=actor.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(page) -> set[int]:
    return {item["id"] for item in page["items"]}


@pytest.fixture
def hebei(submitted, make_enterprise):
    """Submissions in 石家庄 (one via a county code), 唐山 and 辛集, and a 石家庄 draft."""
    made = {
        "sjz": submitted("130100")[1],
        "sjz_county": submitted("130102", industry="C3311", size="large")[1],
        "tangshan": submitted("130203", industry="F5124", size="medium")[1],
        "xinji": submitted("130181", size="micro")[1],
    }
    made["draft"] = make_enterprise("130100").create("quality")
    return made


def test_each_regulator_sees_exactly_its_jurisdiction(client, hebei, regulators):
    expected = {
        "province": {"sjz", "sjz_county", "tangshan", "xinji"},
        "shijiazhuang": {"sjz", "sjz_county"},
        "tangshan": {"tangshan"},
    }
    for name, regulator in regulators.items():
        page = listing(client, regulator)
        assert ids(page) == {hebei[k]["id"] for k in expected[name]}, name
        assert page["counts"] == {
            "draft": 0,
            "submitted": len(expected[name]),
            "returned": 0,
            "approved": 0,
        }
        for key, assessment in hebei.items():
            response = client.get(f"{LIST}/{assessment['id']}", headers=regulator.headers)
            assert response.status_code == (200 if key in expected[name] else 404), (name, key)


def test_a_xinji_enterprise_is_not_in_shijiazhuangs_queue(client, hebei, make_staff):
    xinji = make_staff("regulator", jurisdiction="130181")
    assert ids(listing(client, xinji)) == {hebei["xinji"]["id"]}


def test_a_draft_never_submitted_is_hidden_from_every_regulator(client, hebei, regulators):
    for regulator in regulators.values():
        assert hebei["draft"]["id"] not in ids(listing(client, regulator, status="draft"))
        for path in ("", "/events", "/result", "/diff"):
            url = f"{LIST}/{hebei['draft']['id']}{path}"
            assert client.get(url, headers=regulator.headers).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "130100"}, {"sjz", "sjz_county"}),
        ({"region": "130203"}, {"tangshan"}),  # a county code rolls up to its city
        ({"region": "130000"}, {"sjz", "sjz_county", "tangshan", "xinji"}),
        ({"industry": "C"}, {"sjz", "sjz_county", "xinji"}),
        ({"industry": "C17"}, {"sjz", "xinji"}),
        ({"industry": "3311"}, {"sjz_county"}),
        ({"industry": "F512"}, {"tangshan"}),
        ({"size": "micro"}, {"xinji"}),
        ({"status": "submitted", "size": "large"}, {"sjz_county"}),
        ({"questionnaire": "brand"}, set()),
    ],
)
def test_enterprise_filters(client, hebei, regulators, params, expected):
    page = listing(client, regulators["province"], **params)
    assert ids(page) == {hebei[k]["id"] for k in expected}


def test_text_search_matches_part_of_the_name_or_the_start_of_the_uscc(
    client, submitted, regulators
):
    _, towels = submitted("130100", name="石家庄毛巾织造有限公司")
    company, _ = submitted("130100", name="藁城区宏达纺织有限公司")
    province = regulators["province"]
    assert ids(listing(client, province, q="毛巾")) == {towels["id"]}
    assert len(ids(listing(client, province, q=company.uscc.lower()))) == 1
    assert ids(listing(client, province, q=company.uscc[-7:])) == set()  # an end is no start
    assert ids(listing(client, province, q="100%_")) == set()


def test_score_maturity_and_red_flag_filters(client, submitted, regulators):
    best = submitted("130100", choice="best")[1]
    middle = submitted("130100", choice="middle")[1]
    worst = submitted("130100", choice="worst")[1]
    province = regulators["province"]
    assert ids(listing(client, province, min_score=90)) == {best["id"]}
    assert ids(listing(client, province, min_score=1, max_score=90)) == {middle["id"]}
    assert ids(listing(client, province, maturity=5)) == {best["id"]}
    assert ids(listing(client, province, red_flags="true")) == {worst["id"]}
    assert ids(listing(client, province, red_flags="false")) == {best["id"], middle["id"]}
    bad = client.get(
        LIST, query_string={"min_score": 80, "max_score": 20}, headers=province.headers
    )
    assert bad.status_code == 422 and "min_score" in bad.get_json()["errors"]


def test_submission_dates_are_beijing_calendar_days(client, hebei, regulators):
    today = datetime.now(CHINA).date()
    province = regulators["province"]
    assert len(ids(listing(client, province, submitted_from=today, submitted_to=today))) == 4
    assert ids(listing(client, province, submitted_to=today - timedelta(days=1))) == set()
    assert ids(listing(client, province, submitted_from=today + timedelta(days=1))) == set()


def test_bad_filters_are_422_naming_the_field(client, regulators):
    headers = regulators["province"].headers
    for params, field in [
        ({"region": "110000"}, "region"),
        ({"industry": "Z99"}, "industry"),
        ({"sort": "name"}, "sort"),
        ({"q": "a\x00b"}, "q"),
        ({"submitted_from": "2024-13-01"}, "submitted_from"),
        ({"maturity": 6}, "maturity"),
    ]:
        response = client.get(LIST, query_string=params, headers=headers)
        assert response.status_code == 422, params
        assert field in response.get_json()["errors"], params


def test_sorting_by_score_either_way(client, submitted, regulators):
    made = [submitted("130100", choice=c)[1] for c in ("middle", "best", "worst")]
    scores = {a["id"]: a["result"]["overall"] for a in made}
    province = regulators["province"]
    up = [i["id"] for i in listing(client, province, sort="score")["items"]]
    down = [i["id"] for i in listing(client, province, sort="-score")["items"]]
    assert [scores[i] for i in up] == sorted(scores.values())
    assert down == up[::-1]
    assert [i["overall"] for i in listing(client, province, sort="score")["items"]] == sorted(
        scores.values()
    )


def test_the_default_queue_is_newest_submission_first(client, submitted, regulators):
    made = [submitted("130100")[1]["id"] for _ in range(3)]
    page = listing(client, regulators["shijiazhuang"])
    assert page["sort"] == "-submitted_at"
    assert [i["id"] for i in page["items"]] == made[::-1]


def test_cursor_pages_stay_correct_while_new_submissions_arrive(client, submitted, regulators):
    first = [submitted("130100")[1]["id"] for _ in range(5)]
    shijiazhuang = regulators["shijiazhuang"]
    seen, cursor = [], None
    for round_ in range(3):
        page = listing(client, shijiazhuang, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if round_ == 0:
            submitted("130100")  # arrives at the head of the queue, already paged past
    assert cursor is None
    assert seen == first[::-1]


def test_cursor_of_score_order_pages_through_ties_without_loss(client, submitted, regulators):
    made = {submitted("130100", choice="best")[1]["id"] for _ in range(5)}
    shijiazhuang = regulators["shijiazhuang"]
    seen, cursor = [], None
    while True:
        params = {"limit": 2, "sort": "score", **({"cursor": cursor} if cursor else {})}
        page = listing(client, shijiazhuang, **params)
        seen += [i["id"] for i in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert sorted(seen) == sorted(made) and len(seen) == len(made)


def test_a_cursor_cannot_be_used_with_another_sort(client, submitted, regulators):
    for _ in range(3):
        submitted("130100")
    headers = regulators["province"].headers
    cursor = listing(client, regulators["province"], limit=1, sort="score")["next_cursor"]
    response = client.get(
        LIST, query_string={"cursor": cursor, "sort": "-submitted_at"}, headers=headers
    )
    assert response.status_code == 422
    assert "cursor" in response.get_json()["errors"]
    garbage = client.get(LIST, query_string={"cursor": "bm90IGpzb24"}, headers=headers)
    assert garbage.status_code == 422


def test_counts_follow_every_filter_but_status(client, submitted, regulators):
    for _ in range(2):
        submitted("130100")
    submitted("130200")
    page = listing(client, regulators["province"], region="130100", status="approved")
    assert page["items"] == []
    assert page["counts"]["submitted"] == 2


def test_an_enterprise_lists_its_own_rows_drafts_included(client, submitted, regulators):
    company, done = submitted("130100")
    draft = company.create("brand")
    page = listing(client, company)
    assert page["sort"] == "-created"
    assert [i["id"] for i in page["items"]] == [draft["id"], done["id"]]
    assert page["counts"]["draft"] == 1 and page["counts"]["submitted"] == 1


@pytest.mark.parametrize(
    "values",
    [
        {"s": "-submitted_at", "v": "0001-01-01T00:00:00+14:00", "id": 5},
        {"s": "-submitted_at", "v": "yesterday", "id": 5},
        {"s": "-submitted_at", "v": 7, "id": 5},
        {"s": "-score", "v": "high", "id": 5},
        {"s": "-score", "v": True, "id": 5},
        {"s": "-submitted_at", "v": None, "id": 2**40},
        ["not", "a", "mapping"],
    ],
)
def test_forged_cursors_are_422_never_500(client, regulators, values):
    from app.assessments.listing import encode_cursor

    sort = values["s"] if isinstance(values, dict) else "-submitted_at"
    response = client.get(
        LIST,
        query_string={"cursor": encode_cursor(values), "sort": sort},
        headers=regulators["province"].headers,
    )
    assert response.status_code == 422


def test_the_next_link_walks_every_page_keeping_the_filters(client, submitted, regulators):
    mine = [submitted("130100")[1]["id"] for _ in range(5)]
    submitted("130200")  # another city: the filter must survive from page to page
    headers = regulators["province"].headers
    url, seen, pages = f"{LIST}?region=130100&limit=2", [], 0
    while url:
        response = client.get(url, headers=headers)
        assert response.status_code == 200
        page, pages = response.get_json(), pages + 1
        seen += [i["id"] for i in page["items"]]
        url = page["next"]
        if url:
            assert url.startswith(f"{LIST}?") and "region=130100" in url and "limit=2" in url
            assert response.headers["Link"] == f'<{url}>; rel="next"'
        else:
            assert page["next_cursor"] is None and "Link" not in response.headers
    assert pages == 3 and seen == mine[::-1]


def _moment(page, assessment_id) -> str:
    return next(i for i in page["items"] if i["id"] == assessment_id)["updated_at"]


def test_updated_since_and_decided_from_pull_increments(client, submitted, regulators):
    from tests.review.conftest import review

    province = regulators["province"]
    early, late = submitted("130100")[1]["id"], submitted("130100")[1]["id"]
    since = _moment(listing(client, province), late)
    assert ids(listing(client, province, updated_since=since)) == {late}
    assert ids(listing(client, province, decided_from=since)) == set()

    assert review(client, province, early, decision="approve").status_code == 200
    assert ids(listing(client, province, updated_since=since)) == {early, late}
    assert ids(listing(client, province, decided_from=since)) == {early}
    # The same instant written in Beijing time, and a day meaning 00:00 Beijing time.
    beijing = datetime.fromisoformat(since).astimezone(CHINA).isoformat()
    assert ids(listing(client, province, updated_since=beijing)) == {early, late}
    today = datetime.now(CHINA).date()
    assert ids(listing(client, province, decided_from=today.isoformat())) == {early}
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert ids(listing(client, province, updated_since=tomorrow, decided_from=today)) == set()


def test_an_increment_pull_in_update_order_loses_no_row_changed_while_paging(
    client, submitted, regulators
):
    from tests.review.conftest import review

    province = regulators["province"]
    made = [submitted("130100")[1]["id"] for _ in range(4)]
    params = {"sort": "updated_at", "updated_since": "2016-01-01", "limit": 2}
    first = listing(client, province, **params)
    assert [i["id"] for i in first["items"]] == made[:2]
    # Decided while the pull pages: the row moves behind the cursor and comes again.
    assert review(client, province, made[0], decision="approve").status_code == 200
    seen, url = [i["id"] for i in first["items"]], first["next"]
    while url:
        page = client.get(url, headers=province.headers).get_json()
        seen += [i["id"] for i in page["items"]]
        url = page["next"]
    assert seen == [*made, made[0]]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("updated_since", "2026-12-01T08:00:00"),  # no zone: which 08:00?
        ("updated_since", "yesterday"),
        ("updated_since", "2026-12-01T08:00:00 08:00"),  # a "+" sent unencoded
        ("decided_from", "0001-01-01T00:00:00+14:00"),  # before the first instant in UTC
        ("decided_from", "2026-02-30"),
    ],
)
def test_malformed_increment_filters_are_422_naming_the_field(client, regulators, field, value):
    response = client.get(
        LIST,
        query_string={field: value},
        headers={**regulators["province"].headers, "Accept-Language": "zh"},
    )
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "时区" in response.get_json()["errors"][field][0]


def test_the_export_takes_the_increment_filters_per_revision(client, submitted, regulators):
    import csv
    import io

    from tests.review.conftest import review

    def exported(**params) -> list[str]:
        response = client.get(f"{LIST}/export.csv", query_string=params, headers=province.headers)
        assert response.status_code == 200
        rows = csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")))
        return sorted(row["企业名称"] for row in rows)

    province = regulators["province"]
    early = submitted("130100", name="早报有限公司")[1]["id"]
    late = submitted("130100", name="晚报有限公司")[1]["id"]
    since = _moment(listing(client, province), late)
    assert exported(updated_since=since) == ["晚报有限公司"]
    assert review(client, province, early, decision="approve").status_code == 200
    assert exported(updated_since=since) == ["早报有限公司", "晚报有限公司"]
    assert exported(decided_from=since) == ["早报有限公司"]
