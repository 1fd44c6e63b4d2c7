"""Publishing questionnaire files as immutable versions, through the CLI and the API."""

import re
import uuid
from pathlib import Path

import pytest

from app.questionnaires.service import questionnaire_files

FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "questionnaire-format.md"


def example_yaml(key: str) -> str:
    """The complete small example of the format doc, under a key of the test's own."""
    text = FORMAT_DOC.read_text()
    block = (
        text.split("## A complete small example", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    )
    return re.sub(r"^key: example$", f"key: {key}", block, flags=re.MULTILINE)


@pytest.fixture
def example_file(tmp_path):
    key = f"example_{uuid.uuid4().hex[:8]}"
    path = tmp_path / f"{key}.yaml"
    path.write_text(example_yaml(key))
    return key, path


def publish(app, *paths):
    return app.test_cli_runner().invoke(args=["questionnaires", "publish", *map(str, paths)])


def test_publishing_twice_creates_one_version(app, client, example_file):
    key, path = example_file
    first = publish(app, path)
    second = publish(app, path)
    assert first.exit_code == 0, first.output
    assert f"{key}: published as version 1" in first.output
    assert f"{key}: unchanged at version 1" in second.output
    assert client.get(f"/api/v1/questionnaires/{key}/versions/2").status_code == 404


def test_changing_one_question_creates_exactly_one_new_version_and_keeps_the_old(
    app, client, example_file
):
    key, path = example_file
    publish(app, path)
    old = client.get(f"/api/v1/questionnaires/{key}/versions/1").get_json()
    path.write_text(
        path.read_text().replace("是否设立首席质量官或质量安全总监？", "是否设立首席质量官？")
    )
    result = publish(app, path)
    publish(app, path)
    assert f"{key}: published as version 2" in result.output
    latest = client.get(f"/api/v1/questionnaires/{key}").get_json()
    assert latest["version"] == 2
    assert latest["sections"][0]["questions"][1]["text"] == "是否设立首席质量官？"
    assert client.get(f"/api/v1/questionnaires/{key}/versions/1").get_json() == old
    assert client.get(f"/api/v1/questionnaires/{key}/versions/3").status_code == 404


def test_reformatting_a_file_without_changing_content_creates_no_version(app, client, example_file):
    key, path = example_file
    publish(app, path)
    path.write_text("# a comment that changes no content\n" + path.read_text())
    assert f"{key}: unchanged at version 1" in publish(app, path).output


def test_publish_refuses_a_broken_file_and_publishes_nothing(app, client, tmp_path):
    key = f"broken_{uuid.uuid4().hex[:8]}"
    path = tmp_path / "broken.yaml"
    path.write_text(example_yaml(key).replace("version: 1", "version: 99", 1))
    result = publish(app, path)
    assert result.exit_code == 1
    assert "version" in result.output
    assert client.get(f"/api/v1/questionnaires/{key}").status_code == 404


def test_check_passes_on_the_project_questionnaires(app):
    files = questionnaire_files()
    assert {f.stem for f in files} >= {"brand", "standards", "quality"}
    result = app.test_cli_runner().invoke(args=["questionnaires", "check", *map(str, files)])
    assert result.exit_code == 0, result.output
