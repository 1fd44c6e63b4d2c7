"""What the domains announce once a state change has committed; the telling floor listens.

Assessments, review and reports announce what happened; notifications and webhooks connect
their receivers when the app starts (their init_app). No domain calls a webhook or writes a
notice itself, so a new channel (SMS, a provincial platform) is one more receiver, not an edit
in every domain (conventions.md, "telling").
"""

import logging

from blinker import Namespace, Signal

log = logging.getLogger(__name__)
_signals = Namespace()

# sender: the assessment's id. A submission or resubmission (a replayed request too: receivers
# are idempotent per revision).
submission_submitted = _signals.signal("submission.submitted")
# sender: the assessment; decision="approve" or "return".
submission_decided = _signals.signal("submission.decided")
# sender: the report, stored and hash-checked.
report_ready = _signals.signal("report.ready")


def listen(signal: Signal, receiver) -> None:
    """Connect a module-level receiver (held strongly; connecting it again changes nothing)."""
    signal.connect(receiver, weak=False)


def announce(signal: Signal, sender, **details) -> None:
    """Call every receiver in the order they connected; a receiver's failure is logged, and
    the others still run: the change they tell of has committed and must not turn into a 500."""
    for receiver in signal.receivers_for(sender):
        try:
            receiver(sender, **details)
        except Exception:
            log.exception("a receiver of %s failed", signal.name)
