"""Password hashing with Argon2id, its cost read from the configuration."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

# Verified when the username is unknown, so that both failures take the same time.
_DUMMY_PASSWORD = "not-a-password-of-anyone"


def _hasher() -> PasswordHasher:
    state = current_app.extensions.setdefault("passwords", {})
    if "hasher" not in state:
        config = current_app.config
        state["hasher"] = PasswordHasher(
            time_cost=config["ARGON2_TIME_COST"],
            memory_cost=config["ARGON2_MEMORY_KIB"],
            parallelism=config["ARGON2_PARALLELISM"],
        )
        state["dummy"] = state["hasher"].hash(_DUMMY_PASSWORD)
    return state["hasher"]


def hash_password(password: str) -> str:
    """An encoded Argon2id hash carrying its salt and parameters."""
    return _hasher().hash(password)


# Argon2id at its lightest useful cost (about 1 ms): see hash_random_secret.
_RANDOM_SECRET_HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


def hash_random_secret(secret: str) -> str:
    """An Argon2id hash, cheap, for a secret the server made at random (a temporary password).

    The configured cost slows the guessing of passwords people choose; a server-made secret of
    about 59 random bits cannot be guessed at any hash speed, and a file of 200 offices must not
    cost 200 slow hashes (about 40 CPU seconds). verify_password reads the parameters from the
    hash itself, and the first sign-in re-hashes at the configured cost (needs_rehash).
    """
    return _RANDOM_SECRET_HASHER.hash(secret)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; with no hash, spend the same time and answer False."""
    hasher = _hasher()
    try:
        hasher.verify(password_hash or current_app.extensions["passwords"]["dummy"], password)
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the configured ones."""
    return _hasher().check_needs_rehash(password_hash)
