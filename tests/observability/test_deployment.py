"""compose.yaml and the Dockerfile stay true: their variables are settings, their commands exist."""

import re
import shlex
from pathlib import Path

import pytest
import yaml
from gunicorn.config import Config as GunicornConfig

from app.config import load_config

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = {n: s for n, s in SERVICES.items() if s.get("image", "").startswith("quality-")}


# Read by boto3's standard credential chain when STORAGE_URL is s3:// (docs/storage.md).
READ_BY_BOTO3 = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def settings_the_app_reads() -> set[str]:
    source = "".join(path.read_text() for path in sorted((ROOT / "app" / "config").glob("*.py")))
    names = set(re.findall(r'(?:env\.get\(|read_\w+\(\s*env,\s*)"([A-Z][A-Z0-9_]+)"', source))
    assert names, "no settings found: the pattern no longer matches app/config/"
    return names | READ_BY_BOTO3


def interpolated(value) -> str:
    """Compose's ${VAR:-default} and ${VAR:?message}, with a stand-in for required secrets."""

    def one(match):
        name, operator, rest = match.group(1), match.group(2) or "", match.group(3) or ""
        return rest if operator == ":-" else f"stand-in-{name.lower()}".ljust(40, "x")

    return re.sub(r"\$\{(\w+)(:[-?])?([^}]*)\}", one, str(value))


def commands() -> list[tuple[str, list[str]]]:
    """Every command line of an app service, one per `flask ...` in a shell loop."""
    found = []
    for name, service in APP_SERVICES.items():
        command = service["command"]
        if command[:2] == ["sh", "-c"]:
            for part in re.split(r";|&&|\bdo\b|\bdone\b", command[2]):
                words = shlex.split(part)
                if words and words[0] in ("flask", "gunicorn"):
                    found.append((name, words))
        else:
            found.append((name, [str(word) for word in command]))
    dockerfile = (ROOT / "Dockerfile").read_text()
    found += [
        ("Dockerfile", yaml.safe_load(cmd)) for cmd in re.findall(r"^CMD (.+)$", dockerfile, re.M)
    ]
    found += [
        ("Dockerfile", shlex.split(run))
        for run in re.findall(r"(flask --app wsgi [\w -]+)", dockerfile)
    ]
    return found


def test_the_topology_has_every_piece():
    assert {"web", "worker", "postgres", "redis", "minio", "migrate", "scheduler"} <= set(SERVICES)
    assert SERVICES["worker"]["deploy"]["replicas"] >= 2


def test_the_web_service_takes_the_clients_address_from_its_one_proxy(tmp_path):
    """The web is published on loopback for the host's reverse proxy; at 0 hops every client
    would share the proxy's address and one sign-in allowance (security review S4)."""
    env = {k: interpolated(v) for k, v in SERVICES["web"]["environment"].items()}
    assert load_config(env, instance_path=tmp_path)["TRUSTED_PROXY_HOPS"] == 1
    assert all(port.startswith("127.0.0.1:") for port in SERVICES["web"]["ports"])


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_every_variable_an_app_service_sets_is_a_setting_the_app_reads(name):
    unknown = set(APP_SERVICES[name]["environment"]) - settings_the_app_reads()
    assert sorted(unknown) == []


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_each_app_service_environment_is_a_valid_production_configuration(name, tmp_path):
    env = {k: interpolated(v) for k, v in APP_SERVICES[name]["environment"].items()}
    config = load_config(env, instance_path=tmp_path)  # raises ConfigError on a bad value
    assert config["APP_ENV"] == "production"
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    assert config["REDIS_URL"] and config["LOG_FORMAT"] == "json"


@pytest.mark.parametrize(
    "where,words", commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else v
)
def test_every_command_is_a_real_command_of_the_app(app, where, words):
    if words[0] == "flask":
        assert words[1:3] == ["--app", "wsgi"]
        result = app.test_cli_runner().invoke(args=[*words[3:], "--help"])
        assert result.exit_code == 0, result.output
        return
    assert words[0] == "gunicorn"
    parsed = GunicornConfig().parser().parse_args(words[1:])  # exits on an unknown option
    assert (ROOT / parsed.config).exists()
    module, attribute = parsed.args[0].split(":")
    assert re.search(rf"^{attribute} = ", (ROOT / f"{module}.py").read_text(), re.M)
