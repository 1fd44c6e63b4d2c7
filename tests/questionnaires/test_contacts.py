"""Contacts by function: the table against the questionnaire files, and the mapping itself."""

import pytest

from app.messages.contacts import BODY_NAMES, CONTACT_LEVELS, REMITS, SUPPORT_WHY
from app.questionnaires.contact_table import BODIES, DEFAULT_FUNCTION, FUNCTIONS, QUESTIONS
from app.questionnaires.contacts import contacts_for, function_of, local_bureau
from app.questionnaires.definition import question_map
from app.questionnaires.loader import load_file
from app.questionnaires.service import QUESTIONNAIRE_DIR
from app.reference.uscc import complete_uscc

KEYS = ("brand", "standards", "quality")


@pytest.fixture(scope="module")
def definitions():
    return {key: question_map(load_file(QUESTIONNAIRE_DIR / f"{key}.yaml")) for key in KEYS}


def uscc_in(division: str) -> str:
    return complete_uscc(f"91{division}MA0000AB")


def names(contacts: list[dict], lang: str = "zh") -> list[str]:
    return [c["name"][lang] for c in contacts]


def contacts(key: str, question: str, source=None, division="130628", region="130600"):
    return contacts_for(
        questionnaire=key, question=question, source=source, uscc=uscc_in(division), region=region
    )


def test_every_mapped_question_and_option_is_in_the_questionnaire_files(definitions):
    # A content edit that renames or drops a question must update the table in the same change.
    missing = []
    for entry in QUESTIONS:
        key, question, *option = entry.split(".")
        found = definitions.get(key, {}).get(question)
        options = {o["id"] for o in (found or {}).get("options") or ()}
        if found is None or (option and option[0] not in options):
            missing.append(entry)
    assert not missing, f"contacts table names ids the questionnaires no longer have: {missing}"


def test_every_function_body_and_remit_has_texts_in_both_languages():
    assert set(QUESTIONS.values()) | set(DEFAULT_FUNCTION.values()) <= set(FUNCTIONS)
    for function, bodies in FUNCTIONS.items():
        assert bodies, function
        for body, remit in bodies:
            assert BODIES[body] in CONTACT_LEVELS, body
            texts = [BODY_NAMES[body], SUPPORT_WHY[body] if remit is None else REMITS[remit]]
            assert all(text["zh"] and text["en"] for text in texts), (function, body)
            # Support bodies say what they do themselves; government bodies say their remit.
            assert (remit is None) == (BODIES[body] == "support"), (function, body)


@pytest.mark.parametrize(
    ("key", "question", "source", "first_by_function"),
    [
        ("brand", "trademark_coverage", "0", "河北省知识产权局"),
        ("brand", "trademark_management", None, "河北省知识产权局"),
        ("brand", "gi_certification", "none", "河北省知识产权局"),
        ("quality", "online_shop", "none", "河北省市场监督管理局"),
        ("standards", "one_standard_two_markets", None, "河北省市场监督管理局"),
        ("standards", "self_declaration", None, "河北省市场监督管理局"),
        ("standards", "inspection_capability", "none", "河北省市场监督管理局"),
        ("standards", "energy_standards", None, "河北省发展和改革委员会"),
        ("standards", "energy_result", "above_limit", "河北省工业和信息化厅"),
        ("quality", "energy_metering", "incomplete", "河北省市场监督管理局"),
    ],
)
def test_departments_are_chosen_by_function_not_by_the_2016_name(
    key, question, source, first_by_function
):
    found = contacts(key, question, source)
    assert found[0]["level"] == "county"
    assert found[1]["name"]["zh"] == first_by_function


def test_trademarks_no_longer_go_to_commerce_and_industry_successor_first():
    found = names(contacts("brand", "trademark_coverage"))
    assert "国家知识产权局商标局" in found
    assert "河北省市场监督管理局" not in found


def test_same_line_same_standard_names_market_regulation_before_customs():
    found = names(contacts("standards", "one_standard_two_markets"))
    assert found.index("河北省市场监督管理局") < found.index("石家庄海关")


def test_the_online_link_of_energy_metering_names_development_and_reform():
    assert function_of("quality", "energy_metering", "compliant") == "energy_monitoring"
    assert "河北省发展和改革委员会" in names(contacts("quality", "energy_metering", "compliant"))
    assert "河北省发展和改革委员会" not in names(
        contacts("quality", "energy_metering", "site_level")
    )


def test_a_question_not_in_the_table_falls_back_to_its_questionnaire():
    assert function_of("brand", "a_question_added_later") == DEFAULT_FUNCTION["brand"]
    assert function_of("unknown", "x") == "quality_management"
    assert (
        contacts("standards", "a_question_added_later")[1]["name"]["zh"] == "河北省市场监督管理局"
    )


@pytest.mark.parametrize(
    ("division", "region", "level", "name"),
    [
        ("130628", "130600", "county", "高阳县市场监督管理局"),
        ("130534", "130500", "county", "清河县市场监督管理局"),
        ("130102", "130100", "county", "石家庄市长安区市场监督管理局"),
        # 藁城市 became 藁城区 in 2014: the firm's bureau is the district's today.
        ("130182", "130100", "county", "石家庄市藁城区市场监督管理局"),
        # 邢台县 was split between two districts: only the city is certain.
        ("130521", "130500", "city", "邢台市市场监督管理局"),
        ("130181", "130181", "county", "辛集市市场监督管理局"),
        ("130638", "133100", "county", "雄县市场监督管理局"),
        ("130100", "130100", "city", "石家庄市市场监督管理局"),
        # Registered outside Hebei, region given at registration: that city's bureau.
        ("110105", "130900", "city", "沧州市市场监督管理局"),
    ],
)
def test_the_local_bureau_comes_from_the_registration_code(division, region, level, name):
    found = local_bureau(uscc=uscc_in(division), region=region)
    assert found["level"] == level
    assert found["name"]["zh"] == name
    assert found["why"]["zh"] and found["why"]["en"]


def test_english_names_the_city_in_english_and_keeps_county_names():
    assert local_bureau(uscc=uscc_in("130900"), region="130900")["name"]["en"] == (
        "Cangzhou Administration for Market Regulation"
    )
    assert local_bureau(uscc=uscc_in("130628"), region="130600")["name"]["en"] == (
        "高阳县 Administration for Market Regulation"
    )


def test_no_local_bureau_without_a_known_place():
    assert local_bureau(uscc=None, region=None) is None
    assert local_bureau(uscc="not a code", region="999999") is None
    found = contacts_for(
        questionnaire="brand", question="trademark_coverage", source=None, uscc=None, region=None
    )
    assert found[0]["name"]["zh"] == "河北省知识产权局"


def test_every_mapped_question_names_the_local_bureau_first(definitions):
    for entry in QUESTIONS:
        key, question, *option = entry.split(".")
        found = contacts(key, question, option[0] if option else None)
        assert found[0]["name"]["zh"] == "高阳县市场监督管理局", entry
        assert len({c["name"]["zh"] for c in found}) == len(found), entry  # no body twice
