"""Export jobs: large exports written in the background to the blob store, polled, downloaded.

    POST /api/v1/exports {kind, format, filters, lang}  → 202, Location: /api/v1/exports/{id}
    GET  /api/v1/exports/{id}                            → state, rows written, estimate
    GET  /api/v1/exports/{id}/file                       → the file, streamed from storage

Kinds: `submissions` (the regulator's queue export, app/review/exports.py) and `aggregates`
(app/aggregates/read/exports.py, suppressed exactly as GET /aggregates). What the caller may see
is decided when the job runs, from the account as it is then (docs/exports.md).
"""
