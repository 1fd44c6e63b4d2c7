"""The package's floors: each step imports only the steps below it, and the rules stay pure."""

import ast
import subprocess
import sys
from pathlib import Path

import app.aggregates

PACKAGE = Path(app.aggregates.__file__).parent
# Lowest first: a snapshot runs the release and protect rules; a read reads what it published.
STEPS = ("protect", "release", "snapshot", "read")
GROUND = ("cube.py", "models.py")


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def step_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] == ["app", "aggregates"] and len(parts) > 2 and parts[2] in STEPS:
        return parts[2]
    return None


def test_each_step_imports_only_itself_and_the_steps_below_it():
    for step in STEPS:
        for path in (PACKAGE / step).rglob("*.py"):
            for target in filter(None, map(step_of, imported(path))):
                assert STEPS.index(target) <= STEPS.index(step), f"{path.name} imports {target}"
    for name in GROUND:
        assert not any(map(step_of, imported(PACKAGE / name))), f"{name} imports a step"


def test_the_disclosure_rules_run_without_flask_or_a_database():
    paths = [*(PACKAGE / "protect").rglob("*.py"), *(PACKAGE / "release").rglob("*.py")]
    for path in [*paths, PACKAGE / "cube.py"]:
        for module in imported(path):
            root = module.split(".")[0]
            assert root not in ("flask", "sqlalchemy"), f"{path.name} imports {module}"
            assert not module.startswith(("app.db", "app.aggregates.models")), path.name


def test_starting_the_app_leaves_weasyprint_for_the_first_pdf(tmp_path):
    # WeasyPrint takes a second and tens of MB to import; a web process that sends no PDF
    # should not pay for it (app/reports/README.md).
    script = (
        "import sys; from app import create_app; create_app({'APP_ENV': 'testing', "
        f"'SQLALCHEMY_DATABASE_URI': 'sqlite:///{tmp_path}/start.db', 'REDIS_URL': None, "
        f"'REPORT_DIR': '{tmp_path}'}}); print(sorted(m for m in sys.modules "
        "if m.split('.')[0] == 'weasyprint'))"
    )
    root = PACKAGE.parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
