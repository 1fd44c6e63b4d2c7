"""Where in the YAML text a loader problem lies: the line of the question or field it names."""

import re

import yaml

from app.questionnaires.problems import TOP, Problem

# "options[yes].points" → ("options", None), (None, "yes"), ("points", None)
_SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")
_YAML_LINE = re.compile(r"\(line (\d+), column \d+\)")


def problem_lines(text: str, problems: list[Problem]) -> list[int | None]:
    """The 1-based line of each problem, or None where the text gives no place for it."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        root = None
    return [_line(root, problem) for problem in problems]


def _line(root, problem: Problem) -> int | None:
    said = _YAML_LINE.search(problem.message)
    if said:
        return int(said.group(1))
    if not isinstance(root, yaml.MappingNode):
        return None
    node, line = root, root.start_mark.line + 1
    if problem.question_id != TOP:
        candidates = _questions(root, problem.question_id)
        if problem.message.startswith("duplicate question id"):
            candidates = candidates[-1:]  # reported on its second appearance
        if not candidates:  # a question without an id is named by its place
            node, line, _ = _walk(root, line, problem.question_id)
            return _walk(node, line, problem.field)[1]
        # With an id given twice, the question where the whole field path is found.
        walks = [_walk(q, q.start_mark.line + 1, problem.field) for q in candidates]
        return next((w for w in walks if w[2]), walks[0])[1]
    return _walk(node, line, problem.field)[1]


def _walk(node, line: int, path: str):
    """Follow a field path as far as the text goes: (node, line, whether all of it was found)."""
    if path in ("", "-"):
        return node, line, True
    for name, selector in _SEGMENT.findall(path):
        if name:
            found = _entry(node, name)
            if found is None:
                return node, line, False
            key, node = found
            line = key.start_mark.line + 1
        else:
            item = _item(node, selector)
            if item is None:
                return node, line, False
            node, line = item, item.start_mark.line + 1
    return node, line, True


def _entry(node, name: str):
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def _item(node, selector: str):
    """An item of a list by index, or by the `key` or `id` it carries."""
    if not isinstance(node, yaml.SequenceNode):
        return None
    for item in node.value:
        for field in ("key", "id"):
            found = _entry(item, field)
            if found and isinstance(found[1], yaml.ScalarNode) and found[1].value == selector:
                return item
    if selector.isdigit() and int(selector) < len(node.value):
        return node.value[int(selector)]
    return None


def _questions(root, question_id: str) -> list:
    """Every question node with this id, in file order."""
    found = []
    sections = _entry(root, "sections")
    for section in sections[1].value if sections and _is_list(sections[1]) else ():
        listed = _entry(section, "questions")
        for question in listed[1].value if listed and _is_list(listed[1]) else ():
            ident = _entry(question, "id")
            if ident and isinstance(ident[1], yaml.ScalarNode) and ident[1].value == question_id:
                found.append(question)
    return found


def _is_list(node) -> bool:
    return isinstance(node, yaml.SequenceNode)
