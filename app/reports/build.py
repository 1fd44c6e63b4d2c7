"""The report's context (context.py's shape) from a submission: plain data, never ORM objects."""

from datetime import datetime

from app.assessments.filters import CHINA
from app.messages.identity import DECLARED_NAME
from app.messages.reports import COHORT_ALL_INDUSTRIES, COHORT_INDUSTRY, PLACE_IN_HEBEI, SIZE_NAMES
from app.questionnaires.conditions import has_answer, visible_answers
from app.questionnaires.contacts import with_contacts
from app.questionnaires.definition import question_map
from app.questionnaires.representation import localise_tree
from app.reference.codes import PROVINCE_CODE, industry, region_name

from .answer_text import answer_text


def verification_url(base_url: str, code: str) -> str:
    """Where the QR code on the report points."""
    return f"{base_url.rstrip('/')}/api/v1/reports/verify/{code}"


def report_number(
    *, submitted_at: datetime, region: str, submission_id: int, number: str | None = None
) -> str:
    """ZP-2026-130100-7K3F9XQ2: year of submission, region, a random part.

    Reports issued before the random part existed kept the submission id (000123), which
    their PDFs print; it is shown for them alone.
    """
    tail = number if number else f"{submission_id:06d}"
    return f"ZP-{submitted_at.astimezone(CHINA).year}-{region}-{tail}"


def enterprise_facts(enterprise, lang: str) -> dict:
    """The enterprise block of the cover."""
    city = region_name(enterprise.region, lang) or enterprise.region
    if enterprise.region == PROVINCE_CODE:
        where = city
    else:
        where = PLACE_IN_HEBEI["en" if lang == "en" else "zh"].format(city=city)
    entry = industry(enterprise.industry) or {}
    verified = getattr(enterprise, "verification", None) == "verified"
    return {
        # The checked name of a verified firm; otherwise the declared one, marked 申报.
        "name": enterprise.verified_name
        if verified and enterprise.verified_name
        else DECLARED_NAME["en" if lang == "en" else "zh"].format(name=enterprise.name),
        "uscc": enterprise.uscc or enterprise.released_uscc,
        "region_name": where,
        "industry_code": enterprise.industry,
        "industry_name": localise_tree(entry.get("name", ""), lang),
        "size_label": localise_tree(SIZE_NAMES.get(enterprise.size), lang),
    }


def build_context(
    *,
    submission,
    enterprise,
    definition: dict,
    questionnaire_version: int,
    code: str,
    generated_at: datetime,
    lang: str,
    base_url: str,
    benchmark: dict | None = None,
    number: str | None = None,
    progress: dict | None = None,
) -> dict:
    """Everything the template shows, in the report's language (falling back to Chinese)."""
    # Contacts as known when the report is issued; the PDF keeps them, like everything else.
    recommended = with_contacts(
        submission.result["recommendations"], questionnaire=definition["key"], enterprise=enterprise
    )
    result = localise_tree({**submission.result, "recommendations": recommended}, lang)
    peers = peer_medians(benchmark)
    recommendations = [
        {
            "rank": rank,
            "question_id": rec["question"],
            "question_text": rec["question_text"],
            "clause": list(rec["clause"]),
            "text": rec["text"],
            "departments": [dict(d) for d in rec["departments"]],
            "contacts": [dict(c) for c in rec["contacts"]],
            "gain": rec["gain"],
        }
        for rank, rec in enumerate(result["recommendations"], 1)
    ]
    return {
        "enterprise": enterprise_facts(enterprise, lang),
        "questionnaire": {
            "key": definition["key"],
            "title": localise_tree(definition["title"], lang),
            "version": questionnaire_version,
        },
        "revision": submission.revision,
        "submitted_at": submission.submitted_at.astimezone(CHINA).isoformat(),
        "generated_at": generated_at.astimezone(CHINA).isoformat(timespec="seconds"),
        "report_number": report_number(
            submitted_at=submission.submitted_at,
            region=enterprise.region,
            submission_id=submission.id,
            number=number,
        ),
        # Frozen as it was at issue (docs/identity.md): later verification shows on the page.
        "enterprise_verified": getattr(enterprise, "verification", None) == "verified",
        "verification": {"code": code, "url": verification_url(base_url, code)},
        "result": {
            # Results frozen before the model was recorded in them are model 1.
            "scoring_model": result.get("scoring_model", 1),
            "overall": result["overall"],
            "maturity": {k: result["maturity"][k] for k in ("level", "label", "description")},
            "dimensions": [
                {
                    "key": d["key"],
                    "title": d["title"],
                    "score": d["score"],
                    "level": d.get("level"),
                    "peer_median": peers.get(d["key"]),
                }
                for d in result["dimensions"]
            ],
            "recommendations": recommendations,
            "red_flags": [
                {"question_id": f["question"], "text": f["text"]} for f in result["red_flags"]
            ],
        },
        "findings": findings(definition, submission, result, lang),
        "answers": appendix(definition, submission, lang),
        "benchmark": benchmark_summary(benchmark, lang),
        "progress": progress_summary(progress),
    }


def progress_summary(progress: dict | None) -> dict | None:
    """Year-over-year progress (app/assessments/yearly.py) as the report keeps it: plain JSON,
    frozen at issue like the rest; None when there is no earlier year to compare with."""
    if not progress or not progress.get("previous"):
        return None
    previous = progress["previous"]
    recommendation = ("question_text", "text", "clause")
    return {
        "year": progress["year"],
        "previous_year": previous["year"],
        "previous_status": previous["status"],
        "scoring_model_changed": progress["scoring_model_changed"],
        "scoring_models": [previous["scoring_model"], progress["scoring_model"]],
        "questionnaire_changed": progress["questionnaire_changed"],
        "questionnaire_versions": [
            previous["questionnaire_version"],
            progress["questionnaire_version"],
        ],
        "overall": dict(progress["overall"]),
        "maturity": dict(progress["maturity"]),
        "dimensions": [dict(d) for d in progress["dimensions"]],
        "closed": [{k: r[k] for k in recommendation} for r in progress["closed_recommendations"]],
        "open_count": len(progress["open_recommendations"]),
        "not_comparable_count": len(progress["not_comparable_recommendations"]),
    }


def findings(definition: dict, submission, result: dict, lang: str) -> list[dict]:
    """Per dimension: what earned full marks (strengths) and the answers that fell short (gaps)."""
    by_id = question_map(definition)
    gains = {}
    for rec in result["recommendations"]:
        gains.setdefault(rec["question"], rec["gain"])
    rows = []
    for dimension in result["dimensions"]:
        strengths, gaps = [], []
        for entry in result["trace"]:
            if entry["dimension"] != dimension["key"] or not entry["applicable"]:
                continue
            question = by_id[entry["question"]]
            said = _finding_text(question, submission.answers.get(question["id"]), lang)
            if entry["points"] >= entry["max_points"]:
                strengths.append(said)
            elif entry["question"] in gains:
                gaps.append((-gains[entry["question"]], len(gaps), said))
        rows.append(
            {
                "dimension_key": dimension["key"],
                "dimension_title": dimension["title"],
                "score": dimension["score"],
                "level": dimension.get("level"),
                "strengths": strengths,
                "gaps": [text for *_, text in sorted(gaps)],
            }
        )
    return rows


def _finding_text(question: dict, value, lang: str) -> dict:
    # The question with the answer: an option alone ("未开展", or a partial "已通过认证") does
    # not say what it answers, nor why it falls short.
    return {
        "question": localise_tree(question["text"], lang),
        "answer": answer_text(question, value, lang),
    }


def appendix(definition: dict, submission, lang: str) -> list[dict]:
    """Every shown question that was answered, by section, with its points where scored."""
    shown = visible_answers(definition, submission.answers, submission.facts or {})
    trace = {entry["question"]: entry for entry in submission.result["trace"]}
    sections = []
    for section in definition["sections"]:
        items = []
        for question in section["questions"]:
            if question["id"] not in shown:
                continue  # hidden by a condition
            value, entry = shown[question["id"]], trace.get(question["id"])
            scored = entry is not None and entry["applicable"]
            if not (scored or has_answer(value)):
                continue  # an optional, unscored question left empty
            items.append(
                {
                    "question_text": localise_tree(question["text"], lang),
                    "answer_text": answer_text(question, value, lang),
                    "points": entry["points"] if scored else None,
                    "max_points": entry["max_points"] if scored else None,
                }
            )
        if items:
            sections.append(
                {"section_title": localise_tree(section["title"], lang), "items": items}
            )
    return sections


def peer_medians(benchmark: dict | None) -> dict[str, float]:
    """Dimension key → the peers' median (app/aggregates' `cohort_median`)."""
    medians = {}
    for d in (benchmark or {}).get("dimensions") or ():
        value = d.get("cohort_median", d.get("median"))
        if value is not None:
            medians[d["key"]] = float(value)
    return medians


def cohort_label(cohort: dict, lang: str) -> str:
    """石家庄市纺织业, 河北省全部行业; Textiles (纺织业), Hebei."""
    region = region_name(cohort.get("region") or PROVINCE_CODE, lang) or cohort.get("region")
    entry = industry(cohort["industry"]) if cohort.get("industry") else None
    language = "en" if lang == "en" else "zh"
    if entry:
        return COHORT_INDUSTRY[language].format(
            region=region, code=entry["code"], name=entry["name"]
        )
    return COHORT_ALL_INDUSTRIES[language].format(region=region)


def benchmark_summary(benchmark: dict | None, lang: str) -> dict | None:
    """{cohort_label, n, quartile 1–4 or None, median}: where the enterprise stands."""
    if not benchmark:
        return None
    percentile = benchmark.get("percentile")
    quartile = None if percentile is None else min(4, 1 + int(float(percentile) // 25))
    median = (benchmark.get("overall") or {}).get("median")
    return {
        "cohort_label": cohort_label(benchmark.get("cohort") or {}, lang),
        "n": int(benchmark.get("n") or 0),
        "quartile": quartile,
        "median": None if median is None else float(median),
    }
