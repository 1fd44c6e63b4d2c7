"""Schemathesis calls every documented operation with generated input, signed in as a role that
may use it, and fails on any 5xx or any response that does not match what the document says of
it: its body's schema, its media type (problem+json for every error) and its declared headers.

It reads the OpenAPI document of the running app, so every endpoint added later is fuzzed too.
"""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
)

schema = schemathesis.pytest.from_fixture("api_schema")

# Which role to sign in as for an operation: the one whose use of it goes deepest.
ROLE_BY_PATH_PREFIX = (
    ("/api/v1/aggregates", "association"),
    ("/api/v1/audit", "admin"),
    ("/api/v1/questionnaire-versions", "admin"),
    ("/api/v1/webhooks", "admin"),
    ("/api/v1/assessments/export", "regulator"),
    ("/api/v1/assessments/{assessment_id}/review", "regulator"),
    ("/api/v1/assessments/{assessment_id}/diff", "regulator"),
    ("/api/v1/assessments/{assessment_id}/evidence/{evidence_id}/verification", "regulator"),
    ("/api/v1/enterprises", "regulator"),
    ("/api/v1/reports/verify/{code}/revocation", "regulator"),
)


def role_for(path: str) -> str:
    return next(
        (role for prefix, role in ROLE_BY_PATH_PREFIX if path.startswith(prefix)), "enterprise"
    )


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_or_breaks_its_schema(case, fuzz_actors):
    # identity: schemathesis' WSGI transport does not decompress; compression is tested elsewhere.
    headers = {**fuzz_actors[role_for(case.operation.path)], "Accept-Encoding": "identity"}
    case.call_and_validate(
        headers=headers,
        checks=[
            not_a_server_error,
            response_schema_conformance,
            content_type_conformance,
            response_headers_conformance,
        ],
    )
