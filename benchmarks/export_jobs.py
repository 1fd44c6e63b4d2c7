"""Export jobs at provincial scale: time and memory of a 200k-row job beside the floor.

    .venv/bin/python benchmarks/export_jobs.py [--rows 200000] [--small 20000] [--sqlite]

Builds a throwaway PostgreSQL database (SQLite with --sqlite) with `--rows` submissions (the
population of benchmarks/export.py), then, as the province's regulator, runs export jobs
in this process exactly as a worker would (app.exports.service.run_export: query, format, write,
store; CSV on PostgreSQL through the server's COPY, app/review/export_copy.py) and prints for CSV
and XLSX: seconds, rows/s, and the ratio to the floor — the same rows read with no formatting (a
plain SELECT of the export's query) and, on PostgreSQL, `COPY (…) TO STDOUT` of the same columns.
Peak memory (tracemalloc, in a second run) of the small export against the large one. Then XLSX
written from the same formatted rows by openpyxl's write-only mode (the service's writer until
2026-12) and by the service's XlsxWriter constant_memory mode, side by side. The load average is
printed at the start and the end. Prints; asserts nothing.
"""

import argparse
import secrets
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from export import populate  # noqa: E402  (benchmarks/export.py)
from servers import database_cpu, postgres_server, throwaway_database  # noqa: E402

from app import create_app  # noqa: E402
from app.auth.models import User  # noqa: E402
from app.db import db, upgrade_database, utcnow  # noqa: E402
from app.exports.models import ExportJob  # noqa: E402
from app.exports.service import run_export  # noqa: E402
from app.review import exports as review_exports  # noqa: E402


class Clock:
    """Wall seconds, and CPU seconds of this process and the database's backends, of a block.

    The machine is shared: wall time swings with other work, CPU time much less. On an idle
    machine the export's wall time is at most its CPU time (client and server overlap a little).
    """

    def __enter__(self):
        self.url = db.engine.url.render_as_string(hide_password=False)
        self.wall, self.cpu = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, self._cpu() - self.cpu

    def _cpu(self) -> float:
        return time.process_time() + database_cpu(self.url)


def new_job(owner_id: int, fmt: str, filters: dict) -> str:
    now = utcnow()
    job = ExportJob(
        id=secrets.token_hex(16),
        owner_id=owner_id,
        kind="submissions",
        format=fmt,
        lang="zh",
        filters=filters,
        state="queued",
        rows_written=0,
        created_at=now,
        expires_at=now + timedelta(days=1),
    )
    db.session.add(job)
    db.session.commit()
    return job.id


def run_job(owner_id: int, fmt: str, filters: dict, *, trace: bool = False) -> dict:
    job_id = new_job(owner_id, fmt, filters)
    if trace:
        tracemalloc.start()
    with Clock() as clock:
        run_export(job_id)
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    job = db.session.get(ExportJob, job_id)
    assert job.state == "done", job.error
    return {"clock": clock, "rows": job.rows_written, "size": job.size, "peak": peak}


def floor_select(user, filters: dict) -> tuple[Clock, int]:
    """The export's own query, rows fetched and dropped: no formatting, no file."""
    count = 0
    with Clock() as clock:
        for _ in db.session.execute(review_exports.export_query(principal=user, filters=filters)):
            count += 1
        db.session.remove()
    return clock, count


def floor_copy(user, filters: dict) -> Clock | None:
    """PostgreSQL's COPY (the export's query) TO STDOUT as CSV: the server's own fastest path."""
    if db.engine.dialect.name != "postgresql":
        return None
    query = review_exports.export_query(principal=user, filters=filters)
    sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
    raw = db.engine.raw_connection()
    statement = f"COPY ({sql}) TO STDOUT (FORMAT csv)"
    try:
        with Clock() as clock, raw.cursor() as cursor, cursor.copy(statement) as copy:
            for _ in copy:
                pass
    finally:
        raw.close()
    return clock


def xlsx_side_by_side(user, filters: dict) -> dict:
    """The same formatted rows written by openpyxl (write-only) and by the service (XlsxWriter)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from app.spreadsheets import xlsx_row

    out = {}
    header, rows = review_exports.export_table(principal=user, filters=filters, lang="zh")
    rows = list(rows)  # both writers get the same rows, already formatted by the service
    db.session.remove()
    with tempfile.TemporaryFile() as handle:
        started, cpu = time.perf_counter(), time.process_time()
        workbook = Workbook(write_only=True)  # as the service wrote XLSX until 2026-12
        sheet = workbook.create_sheet("自评提交")
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        heads = [WriteOnlyCell(sheet, value=text) for text in header]
        for cell in heads:
            cell.font = bold
        sheet.append(heads)
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
        workbook.save(handle)
        out["openpyxl write-only"] = (
            time.perf_counter() - started,
            time.process_time() - cpu,
            handle.tell(),
        )
    with tempfile.TemporaryFile() as handle:
        started, cpu = time.perf_counter(), time.process_time()
        for chunk in review_exports.xlsx_chunks(header, iter(rows), title="自评提交"):
            handle.write(chunk)
        out["XlsxWriter constant_memory"] = (
            time.perf_counter() - started,
            time.process_time() - cpu,
            handle.tell(),
        )
    return out


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(url: str, label: str, rows: int, small: int) -> None:
    upgrade_database(url)
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "LOG_LEVEL": "WARNING",
            "EXPORT_PROGRESS_ROWS": 5000,
        }
    )
    with app.app_context(), tempfile.TemporaryDirectory() as store:
        app.config["REPORT_DIR"] = store
        print(f"load average (1, 5, 15 min) at start: {load()}")
        started = time.perf_counter()
        users = populate(rows, small)
        print(f"\n{label}: {rows:,} submissions inserted in {time.perf_counter() - started:.1f} s")
        province_id, city_id = users["hebei"].id, users["sjz"].id
        db.session.remove()
        everything = {}
        run_job(city_id, "csv", {})  # warm-up: imports, code tables
        select_f, count = floor_select(db.session.get(User, province_id), everything)
        copy_f = floor_copy(db.session.get(User, province_id), everything)
        floors = [("SELECT", select_f)] + ([("COPY", copy_f)] if copy_f else [])
        for name, clock in floors:
            print(
                f"floor, {name:6} of the export's query: {clock.wall:7.2f} s "
                f"{count / clock.wall:9,.0f} rows/s; CPU {clock.cpu:7.2f} s"
            )
        for fmt, target in (("csv", 15), ("xlsx", 60)):
            f = run_job(province_id, fmt, everything)
            clock = f["clock"]
            ratios = ", ".join(f"{clock.wall / floor.wall:4.1f}× {name}" for name, floor in floors)
            cpu_ratios = ", ".join(
                f"{clock.cpu / floor.cpu:4.1f}× {name}" for name, floor in floors
            )
            print(
                f"job {fmt:4} {f['rows']:>8,} rows: {clock.wall:7.2f} s "
                f"{f['rows'] / clock.wall:9,.0f} rows/s ({ratios}; target ≤ {target} s); "
                f"CPU {clock.cpu:7.2f} s ({cpu_ratios}); {f['size'] / 2**20:.1f} MiB"
            )
        for fmt in ("csv", "xlsx"):
            small_f = run_job(city_id, fmt, everything, trace=True)
            large_f = run_job(province_id, fmt, everything, trace=True)
            print(
                f"peak memory {fmt:4}: {small_f['rows']:,} rows "
                f"{small_f['peak'] / 2**20:6.2f} MiB, "
                f"{large_f['rows']:,} rows {large_f['peak'] / 2**20:6.2f} MiB: "
                f"{large_f['peak'] / small_f['peak']:.2f}× (target ≤ 1.5×)"
            )
        writers = xlsx_side_by_side(db.session.get(User, province_id), everything)
        for writer, (seconds, cpu, size) in writers.items():
            print(
                f"xlsx writer {writer:28} {seconds:7.2f} s, CPU {cpu:7.2f} s, "
                f"{size / 2**20:7.1f} MiB"
            )
        print(f"load average (1, 5, 15 min) at end: {load()}")
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()
    if args.sqlite or postgres_server() is None:
        with throwaway_database("sqlite", "export_jobs") as url:
            run(url, "SQLite", args.rows, args.small)
        return
    with throwaway_database("postgresql", "export_jobs") as url:
        run(url, "PostgreSQL", args.rows, args.small)


if __name__ == "__main__":
    main()
