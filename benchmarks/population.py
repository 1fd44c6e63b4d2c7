"""Build a synthetic province with the demo's generator on PostgreSQL and print the rate.

    .venv/bin/python benchmarks/population.py [--submissions 10000] [--writer bulk|services]
                                              [--seed 2016] [--db-url URL]

Creates a throwaway database on the local PostgreSQL server (or uses --db-url), migrates it,
publishes the questionnaires, draws the province with the demo's generator (app/demo/) and
writes enterprises with their two years of submissions until at least the asked number exist:
`bulk` (default) inserts the rows in batches (app/demo/bulk.py, the same rows the services
write), `services` goes through submit and review one by one as `flask demo seed` does. Prints
the time, the submissions per second and the time 200,000 would take at that rate. Asserts
nothing. The demo's model of the province files about 4.8 submissions (revisions) per firm.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


PER_ENTERPRISE = 4.8
TARGET = 200_000


def build(url: str, submissions: int, seed: int, writer: str) -> None:
    from app import create_app
    from app.auth.demo import DEMO
    from app.db import db, upgrade_database
    from app.demo.accounts import seed_demo_accounts
    from app.demo.bulk import write_bulk
    from app.demo.population import china_today, draw_province
    from app.demo.seed import published_keys, seed_population
    from app.questionnaires.service import publish_questionnaire, questionnaire_files

    upgrade_database(url)
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        seed_demo_accounts()
        db.session.commit()
        regulators = {
            "province": _user(DEMO["regulator_province"].username),
            "130100": _user(DEMO["regulator_city"].username),
        }
        enterprises = int(submissions / PER_ENTERPRISE) + 1
        started = time.perf_counter()
        if writer == "bulk":
            firms = draw_province(
                seed=seed, enterprises=enterprises, questionnaires=published_keys(),
                today=china_today(),
            )  # fmt: skip
            drawn = time.perf_counter() - started
            reviewers = {key: user.id for key, user in regulators.items()}
            written = write_bulk(firms=firms, seed=seed, reviewers=reviewers)
        else:
            drawn = 0.0
            written = seed_population(
                regulators=regulators,
                seed=seed,
                enterprises=enterprises,
                today=china_today(),
                commit_every=200,
            ).submissions
        seconds = time.perf_counter() - started
        dialect = db.engine.dialect.name
    rate = written / seconds
    print(
        f"{dialect} ({writer}): {enterprises} enterprises, {written} submissions in "
        f"{seconds:.1f} s (drawing the province {drawn:.1f} s) = {rate:.0f} submissions/s; "
        f"{TARGET:,} would take {TARGET / rate / 60:.1f} min at this rate"
    )


def _user(username: str):
    from sqlalchemy import select

    from app.auth.models import User
    from app.db import db

    return db.session.scalar(select(User).where(User.username == username))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--writer", choices=("bulk", "services"), default="bulk")
    parser.add_argument("--db-url", help="an existing, empty database instead of a new one")
    args = parser.parse_args()
    if args.db_url:
        build(args.db_url, args.submissions, args.seed, args.writer)
        return
    from benchmarks.servers import postgres_server, throwaway_database

    if postgres_server() is None:
        print("postgresql: not reachable; pass --db-url")
        return
    with throwaway_database("postgresql") as url:
        build(url, args.submissions, args.seed, args.writer)


if __name__ == "__main__":
    main()
