"""Whatever a file holds, the loader answers with problems, never with a crash."""

import copy
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.questionnaires.loader import QuestionnaireError, load_text

REALISTIC = Path(__file__).resolve().parents[1] / "scoring" / "fixtures" / "realistic.yaml"
BASE = yaml.safe_load(REALISTIC.read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "x", "C17", "一（四）", "省质监局", "single", "cqo", "none"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(node, prefix=()):
    """Every path into a parsed YAML tree."""
    yield prefix
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        yield from paths(child, (*prefix, key))


PATHS = list(paths(BASE))[1:]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_mutation_is_reported_as_problems(data):
    tree = copy.deepcopy(BASE)
    for path in data.draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=3)):
        parent = tree
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = data.draw(values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    try:
        text = yaml.safe_dump(tree, allow_unicode=True)
    except (yaml.YAMLError, OverflowError):
        return
    try:
        load_text(text, "mutated.yaml")
    except QuestionnaireError as exc:
        assert exc.problems
