"""The problem types every error answers with, and the schema that documents their shape.

A problem's `type` is a stable URN, one per kind of failure: clients compare it as a string
(it is not a web page to fetch). The list is closed: the OpenAPI document states it as an enum,
so a new type that is not registered here fails the schema checks of the test suite.
"""

from marshmallow import Schema, fields, validate

PREFIX = "urn:quality-self-assessment:problem:"
# A status with no type of its own (rare: 416 from a byte range, 431 from huge headers).
BLANK = "about:blank"

# code → (status, what it means); a code is stable once published.
PROBLEM_TYPES: dict[str, tuple[int, str]] = {
    "bad-request": (400, "The request is malformed (a bad header or parameter)."),
    "malformed-json": (
        400,
        "The body is not valid JSON, nests deeper than 32 levels, or holds a number longer "
        "than 64 characters.",
    ),
    "unauthorized": (401, "No valid access token: sign in, or refresh the token."),
    "forbidden": (403, "Your role may never use this endpoint, or this scope."),
    "password-change-required": (
        403,
        "The account signed in with a temporary password: only changing it "
        "(POST /api/v1/me/password), /me, refresh and sign-out are allowed until it is changed.",
    ),
    "not-found": (404, "No such resource, or one outside your scope (existence never leaks)."),
    "method-not-allowed": (405, "The path exists, but not with this method."),
    "not-acceptable": (406, "None of the media types in Accept can be served."),
    "conflict": (409, "The resource is not in a state that allows this; see `current_status`."),
    "registration-refused": (
        409,
        "Registration is not possible with these details (a taken USCC: the real company asks "
        "its region's regulator, who verifies it and reassigns the code).",
    ),
    "reset-code-used": (
        409,
        "This one-time code was used already; ask the regulator for a new one.",
    ),
    "reset-email-unavailable": (
        409,
        "The reset code cannot go by email: no SMTP server is configured, or the enterprise "
        "left no email address; read the code out instead.",
    ),
    "campaign-closed": (
        409,
        "The campaign this assessment is filed for closed on `closes_on` and refuses late "
        "submissions.",
    ),
    "gone": (410, "The resource existed and was removed."),
    "precondition-failed": (412, "If-Match is stale; `current` holds the current resource."),
    "payload-too-large": (413, "The body is larger than MAX_CONTENT_LENGTH."),
    "unsupported-media-type": (415, "The body is not application/json."),
    "validation-failed": (422, "Some fields are invalid; `errors` maps each to its messages."),
    "export-too-large": (
        422,
        "More rows than a direct download serves (EXPORT_STREAM_MAX_ROWS): create an export job "
        "(POST /api/v1/exports); `rows` and `limit` say how many.",
    ),
    "profile-incomplete": (
        422,
        "Submitting needs a complete enterprise profile; `missing_profile_fields` names the "
        "fields to answer (PUT /api/v1/profile).",
    ),
    "password-rejected": (
        422,
        "The new password breaks a password rule; `errors` names the field and the rule "
        "(length, common password, pattern, username, personal details).",
    ),
    "reset-code-invalid": (
        422,
        "The USCC and one-time code do not match a live code (wrong, or no reset was issued).",
    ),
    "reset-code-expired": (422, "The one-time code has expired; ask for a new one."),
    "current-password-wrong": (422, "The current password given is not the account's."),
    "file-too-large": (
        413,
        "An evidence file larger than EVIDENCE_MAX_BYTES; `limit` says the bound in bytes.",
    ),
    "unsupported-file-type": (
        415,
        "An evidence file that is not a PDF, JPEG or PNG, judged from its bytes (not its name or "
        "Content-Type).",
    ),
    "too-many-files": (
        422,
        "The question (EVIDENCE_MAX_PER_QUESTION) or the assessment (EVIDENCE_MAX_PER_ASSESSMENT) "
        "holds as many evidence files as it may; `limit` says how many.",
    ),
    "questionnaire-invalid": (
        422,
        "A questionnaire file does not load, so nothing was stored; `problems` lists each with "
        "its `line`, `question`, `field` and `message`, and `errors` maps `<question>.<field>` "
        "to the messages.",
    ),
    "import-invalid": (
        422,
        "Some rows of an imported file are invalid, so nothing was imported; `errors` maps "
        "`rows.<row>.<field>` to messages and `report` holds the per-row report.",
    ),
    "precondition-required": (428, "This write needs an If-Match header."),
    "too-many-requests": (429, "Too many attempts; wait Retry-After seconds."),
    "internal-error": (500, "An unexpected failure, logged under the X-Request-ID."),
    "service-unavailable": (503, "A dependency failed just now; retry after Retry-After."),
    "reset-email-failed": (
        503,
        "The reset code's email could not be sent, so the code is void; read a new one out.",
    ),
}
DEFAULT_CODE_BY_STATUS = {
    status: code for code, (status, _) in reversed(PROBLEM_TYPES.items())
}  # reversed: the first code listed for a status is its default


def type_uri(code: str) -> str:
    """The `type` URI of a registered problem code."""
    if code not in PROBLEM_TYPES:
        raise KeyError(f"unregistered problem type {code!r}: add it to PROBLEM_TYPES")
    return PREFIX + code


def type_for_status(status: int) -> str:
    """The default `type` of a status: its registered type, else about:blank (RFC 9457 §4.2.1)."""
    code = DEFAULT_CODE_BY_STATUS.get(status)
    return type_uri(code) if code else BLANK


def types_table() -> str:
    """The registered types as a Markdown table (the OpenAPI description and docs/api.md)."""
    rows = [
        f"| `{PREFIX}{code}` | {status} | {text} |"
        for code, (status, text) in PROBLEM_TYPES.items()
    ]
    return "\n".join(["| type | status | meaning |", "|---|---|---|", *rows])


class ProblemSchema(Schema):
    """RFC 9457 problem details, as app.errors emits them."""

    class Meta:
        # Some problems carry members of their own (`current`, `current_status`, `missing`).
        unknown = "include"

    type = fields.String(
        required=True,
        validate=validate.OneOf([PREFIX + code for code in PROBLEM_TYPES] + [BLANK]),
        metadata={"description": "stable URN of the problem type (see the API description)"},
    )
    title = fields.String(required=True, metadata={"description": "the status, in zh or en"})
    status = fields.Integer(required=True, validate=validate.Range(400, 599))
    detail = fields.String(required=True, metadata={"description": "what went wrong, zh or en"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "field or question id → messages (validation problems)"},
    )
    current_status = fields.String(metadata={"description": "409: the resource's status now"})
    missing = fields.List(
        fields.String(), metadata={"description": "422 on submit: required questions unanswered"}
    )
    current = fields.Dict(metadata={"description": "412: the current resource"})
    problems = fields.List(
        fields.Dict(),
        metadata={"description": "questionnaire-invalid: {line, question, field, message} each"},
    )
    rule = fields.String(
        metadata={"description": "password-rejected: the rule broken (short, long, common, …)"}
    )
