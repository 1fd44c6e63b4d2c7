"""「已核验」 in the regulator's exports: each exported revision's verified shares, looked up once.

Only revisions of assessments with at least one verified file can have a share above 0, and
those are few (a regulator verifies by hand), so their shares are computed before the rows
stream, from each revision's frozen trace (app/evidence/share.py), and looked up by row; every
other row's share is 0 where it has a score.
"""

from collections import defaultdict

from sqlalchemy import select

from app.assessments.models import Submission
from app.db import db
from app.evidence.models import VERIFIED, EvidenceFile
from app.evidence.share import verified_share


def _in_revision(file, revision: int) -> bool:
    return (
        file.first_revision is not None
        and file.first_revision <= revision
        and (file.removed_revision is None or file.removed_revision > revision)
    )


def verified_shares(export_query) -> dict[int, tuple[float, dict[str, float | None]]]:
    """Submission id → (overall share, dimension key → share) of the export's verified rows.

    export_query: the export's own query (its scope and filters); only its FROM and WHERE count.
    """
    with_verified = select(EvidenceFile.assessment_id).where(
        EvidenceFile.verification == VERIFIED, EvidenceFile.first_revision.is_not(None)
    )
    rows = db.session.execute(
        export_query.with_only_columns(
            Submission.id,
            Submission.assessment_id,
            Submission.revision,
            Submission.result["trace"],
            Submission.result["dimensions"],
            maintain_column_froms=False,
        )
        .where(Submission.assessment_id.in_(with_verified))
        .order_by(None)
    ).all()
    if not rows:
        return {}
    files = defaultdict(list)
    for file in db.session.execute(
        select(
            EvidenceFile.assessment_id,
            EvidenceFile.question_id,
            EvidenceFile.verification,
            EvidenceFile.first_revision,
            EvidenceFile.removed_revision,
        ).where(EvidenceFile.assessment_id.in_({row[1] for row in rows}))
    ):
        files[file.assessment_id].append(file)
    shares = {}
    for submission_id, assessment_id, revision, trace, dimensions in rows:
        share = verified_share(
            {"trace": trace, "dimensions": dimensions},
            [
                (f.question_id, f.verification)
                for f in files[assessment_id]
                if _in_revision(f, revision)
            ],
        )
        shares[submission_id] = (
            share["overall"]["verified_share"],
            {d["key"]: d["verified_share"] for d in share["dimensions"]},
        )
    return shares
