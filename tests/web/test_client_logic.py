"""The client's ports of server rules run in Chromium against the Python originals, so the two
cannot drift: conditions (app/questionnaires/conditions.py → js/conditions.js) and the USCC
check characters (app/reference/uscc.py → js/uscc.js)."""

import random

import pytest

from app.profiles.definition import load_profile_definition
from app.questionnaires.conditions import SIZES, evaluate, visible_questions, visible_sections
from app.questionnaires.definition import questions
from app.questionnaires.service import latest_version
from app.reference.uscc import CHARSET, InvalidUscc, complete_uscc, validate_uscc

pytestmark = pytest.mark.browser

CASES = [
    # (condition, answers, facts)
    ({"answer": "a", "in": ["x", "y"]}, {"a": "x"}, {}),
    ({"answer": "a", "in": ["x", "y"]}, {"a": "z"}, {}),
    ({"answer": "a", "in": ["x"]}, {"a": ["x"]}, {}),
    ({"answer": "a", "in": ["x"]}, {"a": 1}, {}),
    ({"answer": "a", "in": ["x"]}, {"a": ""}, {}),
    ({"answer": "a", "in": ["x"]}, {"a": None}, {}),
    ({"answer": "a", "in": ["x"]}, {"a": False}, {}),
    ({"answer": "a", "in": ["x"]}, {}, {}),
    ({"answer": "a", "contains_any": ["x", "y"]}, {"a": ["y", "q"]}, {}),
    ({"answer": "a", "contains_any": ["x"]}, {"a": ["q"]}, {}),
    ({"answer": "a", "contains_any": ["x"]}, {"a": "x"}, {}),
    ({"answer": "a", "contains_any": ["x"]}, {"a": []}, {}),
    ({"answer": "a", "contains_any": ["x"]}, {"a": {"x": True}}, {}),
    ({"answer": "a", "gte": 3}, {"a": 3}, {}),
    ({"answer": "a", "gte": 3}, {"a": 2.99}, {}),
    ({"answer": "a", "gte": 0}, {"a": 0}, {}),
    ({"answer": "a", "gte": 1}, {"a": True}, {}),
    ({"answer": "a", "gte": 1}, {"a": "5"}, {}),
    ({"answer": "a", "lte": 3}, {"a": 3}, {}),
    ({"answer": "a", "lte": 3}, {"a": -1}, {}),
    ({"answer": "a", "lte": 3}, {"a": 3.5}, {}),
    ({"answer": "a", "lte": 0}, {"a": False}, {}),
    ({"answer": "a", "lte": 3}, {}, {}),
    ({"answer": "a", "answered": True}, {"a": 0}, {}),
    ({"answer": "a", "answered": True}, {"a": False}, {}),
    ({"answer": "a", "answered": True}, {"a": ""}, {}),
    ({"answer": "a", "answered": True}, {"a": []}, {}),
    ({"answer": "a", "answered": False}, {"a": []}, {}),
    ({"answer": "a", "answered": False}, {"a": {}}, {}),
    ({"answer": "a", "answered": False}, {}, {}),
    ({"answer": "constructor", "answered": True}, {}, {}),
    ({"answer": "__proto__", "answered": True}, {}, {}),
    ({"industry": ["C17"]}, {}, {"industry": "C1772"}),
    ({"industry": ["C"]}, {}, {"industry": "C1772"}),
    ({"industry": ["C18", "F52"]}, {}, {"industry": "C1772"}),
    ({"industry": ["C17"]}, {}, {"industry": None}),
    ({"industry": ["C17"]}, {}, {}),
    ({"industry": ["C17"]}, {}, {"industry": 1772}),
    ({"size": ["large", "medium"]}, {}, {"size": "medium"}),
    ({"size": ["large", "medium"]}, {}, {"size": "micro"}),
    ({"size": ["large"]}, {}, {}),
    ({"not": {"size": ["micro"]}}, {}, {}),
    ({"all": [{"industry": ["C"]}, {"size": ["small"]}]}, {}, {"industry": "C13", "size": "small"}),
    ({"all": [{"industry": ["C"]}, {"size": ["small"]}]}, {}, {"industry": "C13", "size": "large"}),
    (
        {"any": [{"industry": ["A01"]}, {"answer": "b", "contains_any": ["food"]}]},
        {"b": ["food"]},
        {},
    ),
    ({"any": [{"industry": ["A01"]}, {"answer": "b", "contains_any": ["food"]}]}, {"b": []}, {}),
    (
        {"not": {"any": [{"answer": "a", "in": ["x"]}, {"size": ["micro"]}]}},
        {"a": "y"},
        {"size": "small"},
    ),
    # `profile` reads facts.profile with the answer operators; an unanswered field is unknown.
    ({"profile": "ownership", "in": ["private"]}, {}, {"profile": {"ownership": "private"}}),
    ({"profile": "ownership", "in": ["private"]}, {}, {"profile": {"ownership": "state"}}),
    ({"profile": "ownership", "in": ["private"]}, {}, {"profile": {}}),
    ({"profile": "ownership", "in": ["private"]}, {}, {}),
    ({"profile": "ownership", "in": ["private"]}, {"ownership": "private"}, {}),
    ({"profile": "business", "contains_any": ["food"]}, {}, {"profile": {"business": ["food"]}}),
    ({"profile": "business", "contains_any": ["food"]}, {}, {"profile": {"business": ["none"]}}),
    ({"profile": "business", "contains_any": ["food"]}, {}, {"profile": {"business": "food"}}),
    ({"profile": "staff_count", "gte": 50}, {}, {"profile": {"staff_count": 50}}),
    ({"profile": "staff_count", "lte": 50}, {}, {"profile": {"staff_count": True}}),
    ({"profile": "staff_count", "answered": False}, {}, {"profile": None}),
    ({"profile": "staff_count", "answered": True}, {}, {"profile": {"staff_count": 0}}),
    ({"profile": "constructor", "answered": True}, {}, {"profile": {}}),
    ({"not": {"profile": "dishonesty_list", "in": ["listed"]}}, {}, {}),
    (
        {"not": {"profile": "dishonesty_list", "in": ["listed"]}},
        {},
        {"profile": {"dishonesty_list": "listed"}},
    ),
]


@pytest.fixture
def client_module(new_page):
    """import(name) inside a page of the app, returning a function that runs JS on it."""
    page = new_page()
    page.goto("/")
    base = page.evaluate(
        "document.querySelector('script[type=module]').src.replace(/main\\.js$/, '')"
    )

    def run(module: str, script: str, arg):
        return page.evaluate(
            f"async (arg) => {{ const m = await import({(base + module)!r}); "
            f"return ({script})(m, arg); }}",
            arg,
        )

    return run


def test_condition_cases_agree(client_module):
    expected = [evaluate(c, a, f) for c, a, f in CASES]
    got = client_module(
        "conditions.js",
        "(m, cases) => cases.map(([c, a, f]) => m.evaluate(c, a, f))",
        [list(case) for case in CASES],
    )
    mismatches = [(case, e, g) for case, e, g in zip(CASES, expected, got, strict=True) if e != g]
    assert not mismatches


def _random_value(question, rng):
    kind = question["type"]
    roll = rng.random()
    if roll < 0.1:  # wrong types and empty values, which conditions must treat as the server does
        return rng.choice([None, "", [], 0, True, "x", ["x"], 7.5])
    if kind in ("single", "multiple"):
        ids = [o["id"] for o in question["options"]]
        if kind == "single":
            return rng.choice(ids)
        return rng.sample(ids, rng.randint(0, len(ids)))
    if kind == "number":
        return rng.choice([question["min"], question["min"] + rng.randint(0, 50), 2.5, -1])
    return "文字"


def test_visible_questions_agree_on_the_project_questionnaires(app, client_module):
    rng = random.Random(86)
    industries = ["C1772", "C1391", "C2641", "C3411", "M7451", "A0111", "F5291", "D4411", None]
    profile_fields = load_profile_definition()["fields"]
    for key in ("quality", "brand", "standards"):
        row = latest_version(key=key)
        if row is None:
            continue
        definition = row.definition
        all_questions = [q for _, q in questions(definition)]
        cases = []
        for _ in range(150):
            answers = {q["id"]: _random_value(q, rng) for q in all_questions if rng.random() < 0.7}
            facts = {"industry": rng.choice(industries), "size": rng.choice([*SIZES, None])}
            if rng.random() < 0.9:  # the enterprise profile, in part or whole
                facts["profile"] = {
                    f["id"]: _random_value(f | {"min": f.get("min", 0)}, rng)
                    for f in profile_fields
                    if rng.random() < 0.8
                }
            cases.append((answers, facts))
        expected = [
            (
                visible_questions(definition, a, f),
                [s["key"] for s, _ in visible_sections(definition, a, f)],
            )
            for a, f in cases
        ]
        got = client_module(
            "conditions.js",
            "(m, {definition, cases}) => cases.map(([a, f]) =>"
            " [m.visibleQuestions(definition, a, f),"
            "  m.visibleSections(definition, a, f).map(([, s]) => s.key)])",
            {"definition": definition, "cases": [list(c) for c in cases]},
        )
        for case, e, g in zip(cases, expected, got, strict=True):
            assert list(e) == g, (key, case)
        # The cases must exercise the conditions both ways, or agreement proves little.
        assert len({len(v) for v, _ in expected}) > 3, key
        if key == "quality":  # its service and cluster sections are listed for some firms only
            assert len({len(s) for _, s in expected}) > 1, key


def _python_uscc(raw: str) -> str:
    try:
        return "ok:" + validate_uscc(raw).code
    except InvalidUscc as error:
        return error.message_key


def test_uscc_checks_agree(client_module):
    rng = random.Random(32100)
    valid = [
        complete_uscc(
            f"91{rng.choice(['130104', '130682', '110000', '131100'])}"
            + "".join(rng.choice(CHARSET) for _ in range(8))
        )
        for _ in range(40)
    ]
    codes = ["", "9113", "91110000600037341L", "91110000600037341l"]
    for code in valid:
        position = rng.randrange(18)
        wrong = rng.choice(CHARSET + "IOSVZ")
        codes += [
            code,
            code.lower(),
            f" {code[:6]} {code[6:12]}-{code[12:]} ",
            code[:8] + "—" + code[8:],
            "".join(chr(ord(c) + 0xFEE0) for c in code),  # typed with a full-width input method
            code[:position] + wrong + code[position + 1 :],
            code[:17],
            code + "1",
            "A" + code[1:],
        ]
    expected = [_python_uscc(code) for code in codes]
    got = client_module(
        "uscc.js",
        "(m, codes) => codes.map((c) => {"
        " const r = m.validateUscc(c); return r.ok ? 'ok:' + r.code : r.error; })",
        codes,
    )
    mismatches = [(c, e, g) for c, e, g in zip(codes, expected, got, strict=True) if e != g]
    assert not mismatches
    assert sum(e.startswith("ok:") for e in expected) > 40


MERGE_SCRIPT = """(m) => {
  localStorage.clear();
  const single = (id, condition) => ({id, type: "single", required: true, condition,
                                      options: [{id: "x"}, {id: "y"}]});
  const definition = {sections: [{key: "s", questions: [
    single("a"), single("b"), single("c"), single("d", {answer: "a", in: ["x"]}),
    {id: "e", type: "standard_list", required: false},
  ]}]};
  const server = {id: 99, version: 1, status: "draft", answers: {a: "x"},
                  enterprise: {industry: "C1772", size: "small"}};
  const draft = new m.Draft(server, definition);
  const merged = [];
  draft.addEventListener("merged", (event) => merged.push(event.detail));
  draft.set("b", "x");
  draft.set("c", "x");
  draft.set("d", "y");
  draft.set("e", [{code: "GB 1-2000", name: "n", disclosed: true}]);
  draft.stop();  // no network in this test
  // Another device saved first: b differently, a so that d no longer applies, e the same
  // entries (keys in another order, as PostgreSQL returns them).
  draft.adopt({...server, version: 2, answers: {
    a: "y", b: "y", e: [{disclosed: true, name: "n", code: "GB 1-2000"}]}});
  const first = {pending: {...draft.pending}, answers: draft.answers, merged: [...merged],
                 stored: JSON.parse(localStorage.getItem("qa.u.-.pending.99"))};

  // Our own save coming back is not a change made elsewhere, even if we changed it again since.
  merged.length = 0;
  const sent = {...draft.pending};
  draft.pending = {};
  draft.set("b", "y");
  draft.stop();
  draft.adopt({...server, version: 3, answers: {a: "y", b: "x", c: "x", e: first.answers.e}}, sent);
  return {first, second: {pending: {...draft.pending}, merged: [...merged]}};
}"""


def test_merging_the_servers_copy_keeps_every_answer_and_names_conflicts(client_module):
    result = client_module("store.js", MERGE_SCRIPT.replace("(m)", "(m, _)"), None)
    first = result["first"]
    assert first["merged"] == [{"conflicts": ["b"], "lost": ["d"]}]
    assert first["pending"] == {"b": "x", "c": "x"}
    assert first["answers"] == {
        "a": "y",
        "b": "x",
        "c": "x",
        "e": [{"disclosed": True, "name": "n", "code": "GB 1-2000"}],
    }
    assert first["stored"] == {"base": 2, "answers": {"b": "x", "c": "x"}}
    assert result["second"] == {"pending": {"b": "y"}, "merged": []}
