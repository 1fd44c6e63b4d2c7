"""gunicorn settings for `make run` and for benchmarks/api_flow.py (its bare app gets the same).

The number of workers and the address come from the command line. Measurements and reasons are
in docs/performance.md:

- gthread: a worker's threads overlap what one request waits for (PostgreSQL round trips and
  commits, a report rendered in-process at submit, a slow export), about twice the throughput of
  sync workers for reading and saving drafts, on SQLite and on PostgreSQL.
- keep-alive (gunicorn's 2 s): phones, and a proxy keeping upstream connections, reuse them;
  sync workers could not.
- no access log: gunicorn formats one in Python for every request, which costs about a fifth of
  a bare request's time; the reverse proxy in front logs requests anyway.
"""

worker_class = "gthread"
threads = 4
keepalive = 2
accesslog = None
