"""gunicorn settings for `make run` and for benchmarks/api_flow.py (its bare app gets the same).

The number of workers and the address come from the command line. Measurements are in
docs/performance.md:

- gthread, 4 threads: on a quiet two-core machine it serves drafts as fast as sync workers (both
  are CPU-bound there); on a busy one it mostly kept up better, and a request that waits (PostgreSQL
  round trips and commits, a report rendered in-process at submit, a long export) no longer holds
  a whole worker.
- keep-alive (gunicorn's 2 s): phones, and a proxy keeping upstream connections, reuse them;
  sync workers close every connection.
- no access log: gunicorn formats one in Python for every request, about a fifth of a bare
  request's time; the reverse proxy in front logs requests anyway.
"""

worker_class = "gthread"
threads = 4
keepalive = 2
accesslog = None


def on_starting(server):
    """Create the metrics directory of multiprocess mode (docs/deployment.md) if it is missing."""
    import os

    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)


def child_exit(server, worker):
    """A worker that exited no longer counts in live gauges (prometheus_client multiprocess)."""
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
