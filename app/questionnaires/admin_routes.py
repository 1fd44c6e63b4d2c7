"""/api/v1/questionnaire-versions: the administrator's drafts, diffs, publishing, retiring."""

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth.models import ADMIN
from app.auth.policy import allow, current_principal
from app.db import db
from app.i18n import current_language
from app.questionnaires import versions
from app.questionnaires.admin_schemas import (
    ChangesArgsSchema,
    ChangesSchema,
    FileCheckSchema,
    QuestionnaireFileSchema,
    UploadedVersionSchema,
    VersionListSchema,
    VersionSchema,
)
from app.questionnaires.definition import questions
from app.questionnaires.representation import definition_body, localise_tree
from app.questionnaires.schemas import QuestionnaireDefinitionSchema
from app.questionnaires.service import list_latest_versions

blp = Blueprint(
    "questionnaire_versions",
    __name__,
    url_prefix="/api/v1/questionnaire-versions",
    description="The administrator's questionnaire versions: upload, check, diff, publish, retire.",
)
_INVALID = {"description": "The file does not load: `problems` by line and field"}


def _actor() -> versions.Actor:
    principal = current_principal()
    return versions.Actor(principal.role, principal.id)


def _version_repr(row, usage: dict, current_ids: set, lang: str) -> dict:
    drafts, submissions = usage.get(row.id, (0, 0))
    title, count = versions.outline(row)
    return {
        "key": row.key,
        "version": row.version,
        "state": row.state,
        "title": localise_tree(title, lang),
        "source_file": row.source_file,
        "question_count": count,
        "created_at": row.created_at,
        "published_at": row.published_at,
        "retired_at": row.retired_at,
        "drafts": drafts,
        "submissions": submissions,
        "current": row.id in current_ids,
    }


def _one(row) -> dict:
    current = set(list_latest_versions())
    return _version_repr(row, versions.usage_counts(), current, current_language())


@blp.route("")
class QuestionnaireVersions(MethodView):
    @allow(ADMIN)
    @blp.response(200, VersionListSchema)
    @blp.doc(operationId="listQuestionnaireVersions")
    def get(self):
        """Every questionnaire with all its versions (newest first) and what is on each."""
        lang, usage = current_language(), versions.usage_counts()
        rows = versions.list_versions()
        ids = set(list_latest_versions())  # the version each questionnaire starts on
        items: dict[str, dict] = {}
        for row in rows:
            entry = items.setdefault(row.key, {"key": row.key, "versions": []})
            version = _version_repr(row, usage, ids, lang)
            entry.setdefault("title", version["title"])  # the newest version's
            entry["versions"].append(version)
        return {"items": list(items.values())}

    @allow(ADMIN)
    @blp.arguments(QuestionnaireFileSchema)
    @blp.response(201, UploadedVersionSchema)
    @blp.alt_response(
        200, schema=UploadedVersionSchema, description="The same content is stored already"
    )
    @blp.alt_response(422, **_INVALID)
    @blp.doc(operationId="uploadQuestionnaireVersion")
    def post(self, body):
        """Store a file as a new draft version, once it loads without a problem."""
        row, created = versions.store_draft(
            text=body["text"], filename=body["filename"], by=_actor()
        )
        db.session.commit()
        return {**_one(row), "created": created}, 201 if created else 200


@blp.route("/check")
class QuestionnaireFileCheck(MethodView):
    @allow(ADMIN)
    @blp.arguments(QuestionnaireFileSchema)
    @blp.response(200, FileCheckSchema)
    @blp.alt_response(422, **_INVALID)
    @blp.doc(operationId="checkQuestionnaireFile")
    def post(self, body):
        """Check a file without storing anything: every problem with its line and field."""
        definition = versions.validate_file(text=body["text"], filename=body["filename"])
        return {
            "key": definition["key"],
            "title": localise_tree(definition["title"], current_language()),
            "question_count": sum(1 for _ in questions(definition)),
            "problems": [],
        }


@blp.route("/<string:key>/<int:version>")
class AnyQuestionnaireVersion(MethodView):
    @allow(ADMIN)
    @blp.response(200, QuestionnaireDefinitionSchema)
    @blp.alt_response(404, description="No such questionnaire or version")
    @blp.doc(operationId="getAnyQuestionnaireVersion")
    def get(self, key, version):
        """One version in any state, drafts included, as an enterprise would receive it."""
        row = versions.get_any_version(key=key, version=version)
        body, _ = definition_body(row, current_language())
        # Signed-in answers are "private, no-store" already (app/headers.py): drafts stay private.
        return Response(body, mimetype="application/json")


@blp.route("/<string:key>/<int:version>/changes")
class QuestionnaireVersionChanges(MethodView):
    @allow(ADMIN)
    @blp.arguments(ChangesArgsSchema, location="query")
    @blp.response(200, ChangesSchema)
    @blp.alt_response(404, description="No such questionnaire or version")
    @blp.doc(operationId="getQuestionnaireVersionChanges")
    def get(self, args, key, version):
        """What changed from another version (by default the current one) to this one."""
        since, changes = versions.version_changes(key=key, version=version, since=args.get("since"))
        return {
            "key": key,
            "version": version,
            "since": since,
            **localise_tree(changes, current_language()),
        }


def _transition(change, key: str, version: int) -> dict:
    row = change(key=key, version=version, by=_actor())
    db.session.commit()
    return _one(row)


@blp.route("/<string:key>/<int:version>/publish")
class QuestionnaireVersionPublish(MethodView):
    @allow(ADMIN)
    @blp.response(200, VersionSchema)
    @blp.alt_response(404, description="No such questionnaire or version")
    @blp.alt_response(409, description="Not a draft, or a newer version is published")
    @blp.doc(operationId="publishQuestionnaireVersion")
    def post(self, key, version):
        """Publish a draft: new assessments start on it from now on."""
        return _transition(versions.publish_version, key, version)


@blp.route("/<string:key>/<int:version>/retire")
class QuestionnaireVersionRetire(MethodView):
    @allow(ADMIN)
    @blp.response(200, VersionSchema)
    @blp.alt_response(404, description="No such questionnaire or version")
    @blp.alt_response(409, description="Not a published version")
    @blp.doc(operationId="retireQuestionnaireVersion")
    def post(self, key, version):
        """Retire a version: assessments on it keep it; no new assessment starts on it."""
        return _transition(versions.retire_version, key, version)
