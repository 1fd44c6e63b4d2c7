"""What production refuses to start with, and the keys development generates instead."""

import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from app.config.database import database_problems

DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"
# HMAC keys shorter than the hash (SHA-256) weaken it; token_hex(32) gives 64 bytes.
MIN_KEY_BYTES = 32
# token_hex(32) gives 64 characters out of 16; fewer than 8 distinct ones is never chance.
MIN_KEY_DISTINCT = 8
_LOOPBACK = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def development_secrets(instance_path: Path) -> dict:
    """Generate the development keys once into instance/ so every process shares them."""
    path = instance_path / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    instance_path.mkdir(parents=True, exist_ok=True)
    keys = {"SECRET_KEY": secrets.token_hex(32), "JWT_SECRET_KEY": secrets.token_hex(32)}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(keys))
    os.chmod(tmp, 0o600)
    # Two processes starting together: the rename is atomic, and both then read one file.
    if not path.exists():
        tmp.replace(path)
    else:
        tmp.unlink()
    return json.loads(path.read_text())


def production_problems(
    env, *, secret_key, jwt_secret_key, database_url: str, public_base_url: str
) -> list[str]:
    """What production refuses, each saying what to set (empty when all is well)."""
    problems = []
    for name, key in (("SECRET_KEY", secret_key), ("JWT_SECRET_KEY", jwt_secret_key)):
        if not key:
            problems.append(
                f"set {name} (at least {MIN_KEY_BYTES} random bytes, e.g. "
                "python3 -c 'import secrets; print(secrets.token_hex(32))'); "
                "ALLOW_GENERATED_KEYS_IN_PRODUCTION=1 keeps keys in instance/secrets.json instead"
            )
        elif len(key.encode()) < MIN_KEY_BYTES:
            problems.append(f"{name} is shorter than {MIN_KEY_BYTES} bytes: set a longer one")
        elif len(set(key)) < MIN_KEY_DISTINCT:
            # "changeme" repeated, "aaaa…": long enough, yet a guess away. Random keys never are.
            problems.append(f"{name} looks like a placeholder, not a random key: set a random one")
    if secret_key and secret_key == jwt_secret_key:
        problems.append("SECRET_KEY and JWT_SECRET_KEY are the same: set two different keys")
    problems += database_problems(env, database_url)
    url = urlsplit(public_base_url)
    if not public_base_url:
        problems.append(
            "set PUBLIC_BASE_URL to the service's public https:// address: it is printed "
            "into every report's verification link and QR code, for good"
        )
    elif url.scheme != "https" or not url.hostname or url.hostname in _LOOPBACK:
        problems.append(
            f"PUBLIC_BASE_URL must be the public https:// address of the service, "
            f"got {public_base_url!r}"
        )
    return problems
