"""Reference tables: Hebei reporting units and GB/T 4754-2017 industries."""

import pytest

from app.reference.codes import (
    PROVINCE_CODE,
    counties_of,
    county_code,
    county_of_uscc,
    county_place,
    divisions,
    industries,
    industry,
    industry_ancestors,
    industry_matches,
    is_county_code,
    is_jurisdiction_code,
    jurisdiction_unit,
    normalise_industry,
    region_in_jurisdiction,
    region_name,
    regions,
    unit_for_division_code,
)

PREFECTURES = [f"13{n:02d}00" for n in range(1, 12)]


def test_fourteen_reporting_units_with_kinds():
    units = {u["code"]: u for u in regions()}
    assert len(units) == 14
    assert {c for c, u in units.items() if u["kind"] == "prefecture"} == set(PREFECTURES)
    assert units["130181"]["kind"] == units["130682"]["kind"] == "direct_county"
    assert units["133100"]["kind"] == "new_area"
    assert units["130100"]["name_en"] == "Shijiazhuang"
    assert all(u["name"] and u["name_en"] for u in units.values())


def test_every_current_county_level_code_of_hebei_is_mapped():
    current = [
        d
        for d in divisions()
        if d["status"] == "current" and d["kind"] not in ("prefecture", "new_area")
    ]
    assert len(current) == 167  # 49 districts + 21 county-level cities + 97 counties
    units = {u["code"] for u in regions()}
    for entry in divisions():
        assert entry["code"].startswith("13") and len(entry["code"]) == 6
        assert entry["unit"] in units


def test_historical_codes_point_to_current_codes_of_the_same_unit():
    by_code = {d["code"]: d for d in divisions()}
    for entry in by_code.values():
        if entry.get("replaced_by"):
            successor = by_code[entry["replaced_by"]]
            assert successor["status"] == "current"
            assert successor["unit"] == entry["unit"]


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        ("130100", "130100"),
        ("130101", "130100"),  # 市辖区
        ("130104", "130100"),
        ("130181", "130181"),
        ("130183", "130100"),  # 晋州 stays with 石家庄
        ("130682", "130682"),
        ("130681", "130600"),  # 涿州 stays with 保定
        ("130629", "133100"),
        ("130632", "133100"),
        ("130638", "133100"),
        ("133100", "133100"),
        ("133101", "133100"),  # unknown code under the 雄安 pseudo-prefecture
        ("130182", "130100"),  # 藁城市 -> 藁城区
        ("130185", "130100"),  # 鹿泉市
        ("130230", "130200"),  # 唐海县 -> 曹妃甸区
        ("130323", "130300"),
        ("130421", "130400"),
        ("130603", "130600"),
        ("130604", "130600"),
        ("130733", "130700"),
        ("130823", "130800"),
        ("131181", "131100"),
        ("130502", "130500"),  # 桥东区, renamed 襄都区 on the same code
        ("130199", "130100"),  # unknown county code rolls up by prefecture
        ("131071", "131000"),
    ],
)
def test_unit_for_division_code(code, unit):
    assert unit_for_division_code(code) == unit


@pytest.mark.parametrize(
    "code",
    [
        "110000",
        "110101",
        "130000",
        "130099",
        "131200",
        "139900",
        "13010",
        "1301011",
        "abcdef",
        "",
        None,
    ],
)
def test_unit_for_division_code_is_none_outside_hebei_units(code):
    assert unit_for_division_code(code) is None


def test_region_names():
    assert region_name("130181") == "辛集市"
    assert region_name("130181", "en") == "Xinji"
    assert region_name("133100") == "雄安新区"
    assert region_name(PROVINCE_CODE) == "河北省"
    assert region_name("130182") == "藁城市"
    assert region_name("999999") is None


def test_jurisdiction_codes():
    assert is_jurisdiction_code(PROVINCE_CODE)
    assert all(is_jurisdiction_code(c) for c in [*PREFECTURES, "130181", "130682", "133100"])
    # Counties: current county-level codes of the shipped list (雄县 reports to 雄安).
    assert all(is_jurisdiction_code(c) for c in ["130102", "130109", "130638", "130110"])
    assert not is_jurisdiction_code("110000")
    assert not is_jurisdiction_code("130101")  # 市辖区: a historical code, no county
    assert not is_jurisdiction_code("130182")  # 藁城市, now 藁城区 130109
    assert not is_jurisdiction_code("130171")  # a development zone, not in the list
    assert not is_jurisdiction_code("110105")


def test_every_county_lies_in_its_unit_and_the_province():
    counties = [d["code"] for d in divisions() if is_county_code(d["code"])]
    assert len(counties) == 167 - 2  # 辛集 and 定州 are units of their own
    for code in counties:
        unit = jurisdiction_unit(code)
        assert region_in_jurisdiction(code, unit) and region_in_jurisdiction(code, PROVINCE_CODE)
        assert region_in_jurisdiction(code, code)
        assert not region_in_jurisdiction(unit, code)  # a unit does not lie in its county
    assert counties_of("130100")[:3] == ["130102", "130104", "130105"]
    assert counties_of("130181") == []


@pytest.mark.parametrize(
    ("division", "county"),
    [
        ("130102", "130102"),
        ("130182", "130109"),  # 藁城市 → 藁城区
        ("130721", "130705"),  # 宣化县 merged into 宣化区
        ("130103", "130103"),  # split between districts: kept, in no county
        ("130100", "130100"),
        ("130171", "130171"),  # newer than the list
        ("13010", None),
    ],
)
def test_county_code_follows_renamed_counties(division, county):
    assert county_code(division) == county


def test_county_of_uscc_needs_a_hebei_code():
    assert county_of_uscc("91130182MA0000000X") == "130109"
    assert county_of_uscc("91110105MA0000000X") is None
    assert county_of_uscc(None) is None


@pytest.mark.parametrize(
    ("region", "jurisdiction", "inside"),
    [
        ("130181", PROVINCE_CODE, True),
        ("130181", "130100", False),  # 辛集 is not under 石家庄's regulator
        ("130682", "130600", False),
        ("133100", "130600", False),
        ("130100", "130100", True),
        ("130102", "130100", True),  # a county code is accepted and rolled up
        ("130629", "133100", True),
        ("110000", PROVINCE_CODE, False),
        ("130100", "130102", False),  # a city does not lie in one of its counties
        ("130102", "130102", True),
        ("130104", "130102", False),  # the neighbouring county
        ("130182", "130109", True),  # registered as 藁城市, now 藁城区
        ("130101", "130102", False),  # 市辖区: in the city, in no county
        ("130102", "130101", False),  # not a jurisdiction
        ("130100", "110000", False),
    ],
)
def test_region_in_jurisdiction(region, jurisdiction, inside):
    assert region_in_jurisdiction(region, jurisdiction) is inside


def test_industry_counts_by_level():
    levels = {}
    for entry in industries():
        levels[entry["level"]] = levels.get(entry["level"], 0) + 1
    assert levels == {"section": 20, "division": 97, "group": 473, "class": 1381}


def test_industry_tree_is_consistent():
    by_code = {e["code"]: e for e in industries()}
    for code, entry in by_code.items():
        if entry["level"] == "section":
            assert entry["parent"] is None and len(code) == 1
        else:
            expected_parent = code[0] if entry["level"] == "division" else code[:-1]
            assert entry["parent"] == expected_parent
            assert expected_parent in by_code
    # Every group has at least one class: the class level is complete.
    groups = {e["code"] for e in industries() if e["level"] == "group"}
    assert groups == {e["parent"] for e in industries() if e["level"] == "class"}


def test_manufacturing_has_divisions_13_to_43():
    divisions_c = sorted(e["code"] for e in industries() if e["parent"] == "C")
    assert divisions_c == [f"C{n}" for n in range(13, 44)]


@pytest.mark.parametrize(
    ("section", "first", "last"),
    [("A", 1, 5), ("B", 6, 12), ("C", 13, 43), ("F", 51, 52), ("M", 73, 75), ("S", 91, 96)],
)
def test_sections_hold_their_division_ranges(section, first, last):
    codes = sorted(e["code"][1:] for e in industries() if e["parent"] == section)
    assert codes == [f"{n:02d}" for n in range(first, last + 1)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("C1772", "C1772"),
        ("c1772", "C1772"),
        ("1772", "C1772"),
        (" 1772 ", "C1772"),
        ("177", "C177"),
        ("C177", "C177"),
        ("17", "C17"),
        ("c17", "C17"),
        ("C", "C"),
        ("c", "C"),
        ("0111", "A0111"),
        ("01", "A01"),
        ("3110", "C3110"),
        ("3612", "C3612"),
        ("745", "M745"),
        ("7452", "M7452"),
        ("F51", "F51"),
        ("5292", "F5292"),
        ("6410", "I6410"),
        ("9700", "T9700"),
    ],
)
def test_normalise_industry_accepts_every_level_and_spelling(value, expected):
    assert normalise_industry(value) == expected


@pytest.mark.parametrize(
    "value",
    ["B1772", "M17", "1", "17720", "9999", "1778", "C9", "U", "", "C-1772", "１７７２", None, 1772],
)
def test_normalise_industry_rejects_unknown_or_inconsistent_codes(value):
    assert normalise_industry(value) is None


def test_industry_entry_lookup():
    entry = industry("1772")
    assert entry == {"code": "C1772", "name": "毛巾类制品制造", "level": "class", "parent": "C177"}
    assert industry("C2641")["name"] == "涂料制造"
    assert industry("M745")["name"] == "质检技术服务"
    assert industry("nope") is None


def test_industry_ancestors():
    assert industry_ancestors("1772") == ["C", "C17", "C177", "C1772"]
    assert industry_ancestors("C17") == ["C", "C17"]
    assert industry_ancestors("C") == ["C"]
    assert industry_ancestors("3110") == ["C", "C31", "C311", "C3110"]
    assert industry_ancestors("bogus") == []


@pytest.mark.parametrize(
    ("code", "prefix", "matches"),
    [
        ("C1772", "17", True),
        ("C1772", "C17", True),
        ("C1772", "177", True),
        ("1772", "c1772", True),
        ("C1772", "C", True),
        ("C1772", "C18", False),
        ("C1772", "1771", False),
        ("3120", "31", True),
        ("3612", "C36", True),
        ("C17", "C1772", False),  # a division does not lie under one of its classes
        ("bogus", "C", False),
        ("C1772", "bogus", False),
    ],
)
def test_industry_matches(code, prefix, matches):
    assert industry_matches(code, prefix) is matches


def test_returned_lists_are_copies():
    regions()[0]["name"] = "changed"
    industries()[0]["name"] = "changed"
    assert regions()[0]["name"] == "石家庄市"
    assert industries()[0]["name"] == "农、林、牧、渔业"


def test_a_county_is_named_as_its_bureau_is():
    """A district carries its city (there is a 桥西区 in 石家庄 and in 张家口); a county or a
    county-level city stands alone; a city is no county."""
    assert county_place("130104") == "石家庄市桥西区"
    assert county_place("130703") == "张家口市桥西区"
    assert county_place("130123") == "正定县"
    assert county_place("130181") == "辛集市"
    assert county_place("130100") is None
