"""The report worker lowers its CPU priority (REPORT_WORKER_NICE) before it forks any render."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _in_a_process_of_its_own(code: str) -> str:
    # A process may raise its niceness but, unprivileged, never lower it again: not in pytest's.
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()


def test_the_worker_and_the_children_it_forks_run_at_the_niceness_asked():
    before, returned, after, child = _in_a_process_of_its_own(
        """
        import os
        from app.reports.worker import lower_priority
        print(os.getpriority(os.PRIO_PROCESS, 0))
        print(lower_priority(7))
        print(os.getpriority(os.PRIO_PROCESS, 0))
        read, write = os.pipe()
        if os.fork() == 0:  # RQ's work-horse is a fork: it inherits the niceness
            os.write(write, str(os.getpriority(os.PRIO_PROCESS, 0)).encode())
            os._exit(0)
        os.wait()
        print(os.read(read, 10).decode())
        """
    )
    expected = str(max(7, int(before)))  # 7, unless the tests themselves run nicer still
    assert returned == after == child == expected


def test_a_worker_started_nicer_than_asked_stays_as_nice():
    returned, after = _in_a_process_of_its_own(
        """
        import os
        from app.reports.worker import lower_priority
        os.setpriority(os.PRIO_PROCESS, 0, max(15, os.getpriority(os.PRIO_PROCESS, 0)))
        print(lower_priority(10))
        print(os.getpriority(os.PRIO_PROCESS, 0))
        """
    )
    assert returned == after
    assert int(returned) >= 15
