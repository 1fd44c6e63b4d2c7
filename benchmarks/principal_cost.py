"""What the per-request account check costs now that it also reads the session generation and
the temporary-password flag: the caller's query as it runs, beside the query without the two
columns (its shape before issue 21), and beside a bare `SELECT 1` (the floor).

    .venv/bin/python benchmarks/principal_cost.py [--rounds 20] [--per-round 500]

On a throwaway SQLite database. Rounds alternate the three, so drift hits them alike. Prints the
median per call of each and the ratios; asserts nothing.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select, text

from app import create_app
from app.auth import principal as module
from app.auth.service import create_staff_user
from app.db import db, upgrade_database


def per_call(run, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        run()
    return (time.perf_counter() - started) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per-round", type=int, default=500)
    args = parser.parse_args()
    url = f"sqlite:///{tempfile.mkdtemp()}/principal.db"
    upgrade_database(url)
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        user = create_staff_user(role="admin", username="bench", password="bench-password-1")
        db.session.commit()
        users = module._users
        before = select(
            *[
                c
                for c in module._PRINCIPAL.selected_columns
                if c.name not in ("session_generation", "must_change_password")
            ]
        ).where(users.c.id == module.bindparam("user_id"))
        claims = {"sub": str(user.id), "jti": "j", "sid": "s"}
        params = {"user_id": user.id, "jti": "j", "sid": "s"}
        connection = db.session.connection()
        runs = {
            "now (load_principal)": lambda: module.load_principal(claims),
            "query now": lambda: connection.execute(module._PRINCIPAL, params).one(),
            "query before": lambda: connection.execute(before, params).one(),
            "floor: SELECT 1": lambda: connection.execute(text("SELECT 1")).one(),
        }
        times = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, run in runs.items():
                times[name].append(per_call(run, args.per_round))
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = medians["floor: SELECT 1"]
    for name, value in medians.items():
        print(f"{name:<22} {value:8.1f} µs   {value / floor:5.2f}× floor")
    print(f"query now / before: {medians['query now'] / medians['query before']:.3f}")


if __name__ == "__main__":
    main()
