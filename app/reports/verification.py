"""What a verification code confirms about the report that carries it: for anyone, no login.

A bank or a customer handed a printed or e-mailed report enters the code (or scans the QR code)
and compares: company, questionnaire, revision, score, level, date, and the SHA-256 of the PDF
file. The code is 80 random bits, so knowing one means holding the report.
"""

import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import select

from app.assessments.filters import CHINA
from app.assessments.models import Assessment, Submission
from app.auth.models import Enterprise
from app.db import db
from app.messages.scoring import LEVEL_TEXTS
from app.questionnaires.representation import localise_tree
from app.questionnaires.service import published

from .build import report_number
from .i18n import format_date
from .models import Report, normalise_code


def verify_code(*, code: str, lang: str) -> dict | None:
    """The facts behind a code as the API sends them; None for an unknown or malformed code."""
    canonical = normalise_code(code)
    if canonical is None:
        return None
    row = db.session.execute(
        select(Report, Submission, Assessment, Enterprise)
        .join(Submission, Submission.id == Report.submission_id)
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .where(Report.verification_code == canonical)
    ).one_or_none()
    if row is None:
        return None
    report, submission, assessment, enterprise = row
    key, version, definition = published(submission.questionnaire_version_id)
    ready = report.status == "ready"
    return {
        "code": report.verification_code,
        "report_number": report_number(
            submitted_at=submission.submitted_at,
            region=enterprise.region,
            submission_id=submission.id,
        ),
        "enterprise": {"name": enterprise.name, "uscc": enterprise.uscc},
        "questionnaire": {
            "key": key,
            "title": localise_tree(definition["title"], lang),
            "version": version,
        },
        "revision": submission.revision,
        "submitted_at": submission.submitted_at,
        "overall": submission.overall,
        "maturity": {
            "level": submission.maturity_level,
            # The name the level had under the model that gave it, as the report printed it.
            "label": localise_tree(
                LEVEL_TEXTS[submission.scoring_model][submission.maturity_level]["label"], lang
            ),
        },
        "superseded": assessment.revision > submission.revision,
        "document": {
            "lang": report.lang,
            "status": report.status,
            "sha256": report.sha256 if ready else None,
            "size": report.size if ready else None,
            "rendered_at": report.rendered_at if ready else None,
        },
    }


def matches(facts: dict, pdf: bytes) -> bool:
    """Whether these bytes are exactly the verified report."""
    expected = facts["document"]["sha256"]
    return expected is not None and hashlib.sha256(pdf).hexdigest() == expected


PAGE_TEXT = {
    "zh": {
        "title": "质量自评报告验证",
        "genuine": "验证码有效：该报告由本系统生成，内容如下。",
        "superseded": "注意：该企业此后已重新提交自评，本报告不是最新一次的结果。",
        "company": "企业名称",
        "uscc": "统一社会信用代码",
        "questionnaire": "自评问卷",
        "version": "第 {n} 版",
        "revision": "提交次数",
        "revision_n": "第 {n} 次提交",
        "submitted": "提交日期",
        "overall": "综合得分",
        "level": "成熟度等级",
        "level_n": "{n} 级",
        "number": "报告编号",
        "code": "验证码",
        "sha": "PDF 文件 SHA-256",
        "size": "文件大小",
        "bytes": "字节",
        "compare": "请核对报告上的上述信息。电子版 PDF 可计算其 SHA-256 与上面的值比对，"
        "一致即说明文件未被改动。",
        "check": "选择收到的 PDF 文件，在本机核对（文件不会上传）：",
        "match": "✓ 文件与原始报告完全一致。",
        "mismatch": "✗ 文件与原始报告不一致，可能已被修改。",
        "unknown": "未找到该验证码对应的报告。",
        "unknown_hint": "请检查验证码是否输入正确（16 位字母和数字）。",
    },
    "en": {
        "title": "Report verification",
        "genuine": "Valid code: this report was issued by the service, with these facts.",
        "superseded": "Note: the enterprise has since resubmitted; this is not its latest result.",
        "company": "Company",
        "uscc": "Unified social credit code",
        "questionnaire": "Questionnaire",
        "version": "version {n}",
        "revision": "Revision",
        "revision_n": "submission {n}",
        "submitted": "Submitted",
        "overall": "Overall score",
        "level": "Maturity level",
        "level_n": "Level {n}",
        "number": "Report number",
        "code": "Verification code",
        "sha": "SHA-256 of the PDF file",
        "size": "File size",
        "bytes": "bytes",
        "compare": "Compare these facts with the report. For a PDF file, its SHA-256 must equal "
        "the value above; if it does, the file has not been altered.",
        "check": "Choose the PDF you received to check it here (it is not uploaded):",
        "match": "✓ The file is exactly the original report.",
        "mismatch": "✗ The file differs from the original report; it may have been altered.",
        "unknown": "No report carries this verification code.",
        "unknown_hint": "Check that the code was typed correctly (16 letters and digits).",
    },
}

_pages = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=StrictUndefined,
)


def verify_page(facts: dict | None, lang: str) -> str:
    """The verification as a small self-contained HTML page, for a phone that scanned the code."""
    submitted = ""
    if facts:
        submitted = format_date(facts["submitted_at"].astimezone(CHINA).isoformat(), lang)
    return _pages.get_template("verify.html.j2").render(
        facts=facts, lang=lang, T=PAGE_TEXT.get(lang, PAGE_TEXT["zh"]), submitted=submitted
    )
