"""Work that runs on a schedule, not on a request: `flask jobs run-scheduled` (docs/jobs.md).

The package is the mechanism, on the ground floor: domains' tasks are registered into it by the
application factory (app/schedule.py lists them), so it imports no domain.
"""

from app.jobs.prune import delete_older_than
from app.jobs.schedule import Outcome, init_app, run_scheduled, schedule

__all__ = ["Outcome", "delete_older_than", "init_app", "run_scheduled", "schedule"]
