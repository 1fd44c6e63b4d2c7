"""Idempotency-Key: the first response to a key is stored and replayed on every retry."""

import hashlib

from flask import jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.assessments.models import IdempotentRequest
from app.db import db, utcnow
from app.errors import ApiError
from app.messages.assessments import KEY_INVALID, KEY_REUSED


def _fingerprint() -> str:
    return hashlib.sha256(f"{request.method} {request.path}".encode()).hexdigest()


def _stored(user_id: int, key: str) -> IdempotentRequest | None:
    return db.session.scalar(
        select(IdempotentRequest).where(
            IdempotentRequest.user_id == user_id, IdempotentRequest.key == key
        )
    )


def _replay(stored: IdempotentRequest):
    if stored.fingerprint != _fingerprint():
        raise ApiError(422, KEY_REUSED, errors={"Idempotency-Key": [KEY_REUSED]})
    response = jsonify(stored.body)
    response.status_code = stored.status
    response.headers["Idempotent-Replayed"] = "true"
    return response, stored.body


def replay_or_run(*, user, key: str | None, run, dump):
    """Run the operation once per key and commit; a retry gets the stored response.

    dump: the response schema's dump (a compiled one, app/dumping.py). Returns the response
    and its body as sent.
    """
    if key is not None and not (0 < len(key) <= 128 and key.isprintable()):
        raise ApiError(400, KEY_INVALID, errors={"Idempotency-Key": [KEY_INVALID]})
    if key is not None and (stored := _stored(user.id, key)) is not None:
        return _replay(stored)
    try:
        body = dump(run())
        if key is not None:
            db.session.add(
                IdempotentRequest(
                    user_id=user.id,
                    key=key,
                    fingerprint=_fingerprint(),
                    status=200,
                    body=body,
                    created_at=utcnow(),
                )
            )
        db.session.commit()
    except (ApiError, IntegrityError) as error:
        db.session.rollback()
        # A concurrent request with the same key may have won the race: answer what it answered.
        if key is not None and (stored := _stored(user.id, key)) is not None:
            return _replay(stored)
        if isinstance(error, IntegrityError):
            raise ApiError(409) from error
        raise
    return jsonify(body), body
