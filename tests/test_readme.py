"""The README's configuration table names every setting app/config.py reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_setting_is_documented_in_the_readme():
    source = (ROOT / "app" / "config.py").read_text()
    names = set(re.findall(r'(?:env\.get\(|_\w+\(env, )"([A-Z][A-Z0-9_]+)"', source))
    readme = (ROOT / "README.md").read_text()
    assert names, "no settings found: the pattern no longer matches app/config.py"
    assert sorted(n for n in names if f"`{n}`" not in readme) == []
