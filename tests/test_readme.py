"""The README's configuration table names every setting app/config/ reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_setting_is_documented_in_the_readme():
    source = "".join(path.read_text() for path in sorted((ROOT / "app" / "config").glob("*.py")))
    names = set(re.findall(r'(?:env\.get\(|read_\w+\(\s*env,\s*)"([A-Z][A-Z0-9_]+)"', source))
    readme = (ROOT / "README.md").read_text()
    assert names, "no settings found: the pattern no longer matches app/config/"
    assert sorted(n for n in names if f"`{n}`" not in readme) == []
