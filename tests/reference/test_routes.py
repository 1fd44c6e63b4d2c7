"""GET /reference/regions and /reference/industries."""


def test_regions_list_the_fourteen_reporting_units_with_county_roll_ups(client):
    body = client.get("/api/v1/reference/regions").get_json()
    units = {u["code"]: u["name"] for u in body["units"]}
    assert len(units) == 14
    assert units["130181"] == "辛集市"
    assert units["130682"] == "定州市"
    assert units["133100"] == "雄安新区"
    assert body["province"]["code"] == "130000"
    divisions = {d["code"]: d for d in body["divisions"]}
    assert divisions["130182"]["unit"] == "130100"  # 藁城市, historical, now 藁城区
    assert divisions["130182"]["status"] == "historical"
    assert divisions["130638"]["unit"] == "133100"  # 雄县 is administered by 雄安新区


def test_industries_carry_letters_and_parents_at_every_level(client):
    items = {i["code"]: i for i in client.get("/api/v1/reference/industries").get_json()["items"]}
    assert items["C1772"]["parent"] == "C177"
    assert items["C177"]["parent"] == "C17"
    assert items["C17"]["parent"] == "C"
    assert items["C"]["parent"] is None
    assert items["C1772"]["name"] == "毛巾类制品制造"
    manufacturing_classes = [c for c in items if c.startswith("C") and len(c) == 5]
    assert len(manufacturing_classes) > 500


def test_reference_tables_answer_304_to_their_etag(client):
    first = client.get("/api/v1/reference/industries")
    again = client.get(
        "/api/v1/reference/industries", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
