"""The message catalog (app/messages): both languages, pure, and the only home of texts."""

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import app.messages
from app.messages.reference import USCC_MESSAGES

APP = Path(app.messages.__file__).parents[1]
CATALOG = Path(app.messages.__file__).parent
# Texts left empty in one language on purpose: (module, path of the entry, language). English
# writes "72.5" where Chinese writes "72.5分", and "Page 1 of 3" where Chinese writes "第 1 / 3 页".
EMPTY_ON_PURPOSE = {
    ("reports", "LABELS.score_unit", "en"),
    ("reports", "LABELS.page_after", "en"),
}
# Entries whose languages take different placeholders on purpose.
PLACEHOLDERS_DIFFER = {("reports", "COHORT_INDUSTRY")}


def _modules():
    for info in pkgutil.iter_modules(app.messages.__path__):
        yield info.name, importlib.import_module(f"app.messages.{info.name}")


def _pairs(value, path: str):
    """Every (path, zh, en) of a value: {zh, en} leaves, and language-first tables key by key."""
    if isinstance(value, dict) and set(value) == {"zh", "en"}:
        zh, en = value["zh"], value["en"]
        if isinstance(zh, str) and isinstance(en, str):
            yield path, zh, en
        elif isinstance(zh, dict) and isinstance(en, dict):
            assert set(zh) == set(en), f"{path}: zh and en have different keys"
            for key in zh:
                yield f"{path}.{key}", zh[key], en[key]
        elif isinstance(zh, list) and isinstance(en, list):
            assert len(zh) == len(en), f"{path}: zh and en have different lengths"
            yield from ((f"{path}[{i}]", z, e) for i, (z, e) in enumerate(zip(zh, en, strict=True)))
        else:
            raise AssertionError(f"{path}: zh and en are not both texts, tables or lists")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _pairs(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _pairs(item, f"{path}[{index}]")


def _entries():
    for module_name, module in _modules():
        for name in dir(module):
            if name.isupper() or (name[0].isupper() and not name.startswith("_")):
                for path, zh, en in _pairs(getattr(module, name), name):
                    yield module_name, path, zh, en


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_catalog_has_texts_of_every_domain():
    names = {name for name, _ in _modules()}
    assert {"errors"} <= names
    assert sum(1 for _ in _entries()) > 20


def test_every_text_is_given_in_both_languages():
    for module_name, path, zh, en in _entries():
        for lang, text in (("zh", zh), ("en", en)):
            if (module_name, path, lang) in EMPTY_ON_PURPOSE:
                continue
            assert isinstance(text, str) and text.strip(), f"{module_name}.{path}: no {lang} text"


def test_both_languages_take_the_same_placeholders():
    for module_name, path, zh, en in _entries():
        if (module_name, path) not in PLACEHOLDERS_DIFFER:
            assert _placeholders(zh) == _placeholders(en), f"{module_name}.{path}"


def test_a_name_in_two_domains_means_the_same_text():
    seen: dict[str, tuple[str, object]] = {}
    for module_name, module in _modules():
        for name in (n for n in dir(module) if n.isupper()):
            value = getattr(module, name)
            if name in seen and seen[name][1] != value:
                raise AssertionError(f"{name} differs in {seen[name][0]} and {module_name}")
            seen.setdefault(name, (module_name, value))


def test_catalog_imports_nothing_but_itself():
    for path in CATALOG.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                raise AssertionError(f"{path.name} imports {node.names[0].name}")
            if isinstance(node, ast.ImportFrom):
                assert node.level or (node.module or "").startswith("app.messages"), (
                    f"{path.name} imports {node.module}"
                )


def _has_text(node: ast.AST) -> bool:
    """A literal with a letter in it, outside the {…} of an f-string."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.FormattedValue):
        return False
    return any(_has_text(child) for child in ast.iter_child_nodes(node))


def _inline_texts(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"zh", "en"} <= keys and any(
                _has_text(v)
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value in ("zh", "en")
            ):
                yield node.lineno


def test_no_module_outside_the_catalog_writes_a_bilingual_text_inline():
    found = []
    for path in sorted(APP.rglob("*.py")):
        if CATALOG in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(APP.parent)}:{line}" for line in _inline_texts(tree)]
    assert not found, "bilingual texts belong in app/messages: " + ", ".join(found)


def test_the_scan_sees_an_inline_text():
    assert list(_inline_texts(ast.parse('X = {"zh": "错误", "en": "Error"}')))
    assert list(_inline_texts(ast.parse('X = {"zh": {"a": "甲"}, "en": {"a": "A"}}')))
    assert not list(_inline_texts(ast.parse('X = {"zh": f"≥{n:g}", "en": f"≥{n:g}"}')))
    assert not list(_inline_texts(ast.parse("X = {'zh': zh, 'en': en}")))


JS = APP / "web" / "static" / "js"
_JS_PAIR = re.compile(r'(\w+):\s*\{\s*zh:\s*"([^"]*)",\s*en:\s*"([^"]*)",?\s*\}')


def test_the_client_keeps_its_texts_in_its_catalog():
    # i18n.js is the client's catalog; uscc.js mirrors the server's USCC messages (below).
    inline = [
        f"{path.relative_to(JS)}"
        for path in JS.rglob("*.js")
        if path.name not in ("i18n.js", "uscc.js")
        and re.search(r"\bzh:\s*[\"'`]", path.read_text(encoding="utf-8"))
    ]
    assert not inline, "client texts belong in js/i18n.js: " + ", ".join(inline)


def test_the_clients_uscc_messages_are_the_servers_word_for_word():
    found = {
        key: {"zh": zh, "en": en}
        for key, zh, en in _JS_PAIR.findall((JS / "uscc.js").read_text(encoding="utf-8"))
    }
    assert found == USCC_MESSAGES
