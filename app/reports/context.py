"""The data a report is rendered from: plain dicts, lists, strings and numbers, no ORM objects.

Every text is already in the report's language (the caller falls back to Chinese field by field
where a questionnaire has no English). Scores are 0–100 floats, shown with one decimal.

    {
      "enterprise": {
        "name": str,                    # the checked name, or the declared one marked （申报）
        "uscc": str,                    # 统一社会信用代码, 18 characters
        "region_name": str,             # 河北省石家庄市桥西区
        "industry_code": str,           # GB/T 4754-2017 code, C1721
        "industry_name": str,           # 棉织造加工
        "size_label": str | None,       # 中型企业
      },
      "questionnaire": {"key": str, "title": str, "version": int},
      "revision": int,                  # 1 for the first submission, n + 1 after a return
      "submitted_at": str,              # ISO 8601 date or datetime
      "generated_at": str,              # ISO 8601 datetime
      "report_number": str,             # ZP-2026-130100-7K3F9XQ2 (random part)
      "enterprise_verified": bool,      # at issue; false: the PDF says 企业自报，未经核验
      "verification": {"code": str, "url": str},   # QA-2026-7K3F-9XQ2; the URL goes in the QR code
      "result": {
        "scoring_model": int,           # the model that gave the level; absent: 1
        "overall": float,
        "maturity": {"level": int, "label": str, "description": str},   # level 1–5
        "dimensions": [
          {"key": str, "title": str, "score": float | None, "level": int | None,
           "peer_median": float | None},
        ],                              # score None: no question of the dimension applied;
                                        # level 1–4 under model 2, None under model 1
        "recommendations": [            # ranked by gain, highest first
          {
            "rank": int,
            "question_id": str,
            "question_text": str,
            "clause": [str],            # the plan's clauses, 一（四）
            "text": str,                # the action
            "departments": [{"dept_2016": str, "dept_current": str}],   # the plan's, 2016
            "contacts": [{"level": str, "name": str, "why": str}],       # whom to contact
                                        # today: the local bureau first (county or city),
                                        # then by function (app/questionnaires/contacts.py)
            "gain": float,              # overall points the enterprise would gain
          },
        ],
        "red_flags": [{"question_id": str, "text": str}],              # may be empty
      },
      "findings": [
        {"dimension_key": str, "dimension_title": str, "score": float | None, "level": int | None,
         "strengths": [Finding], "gaps": [Finding]},   # gaps by gain, highest first
                                        # Finding: a sentence (str), or {"question": str,
                                        # "answer": str}: the answer given to the question
      ],
      "answers": [                      # every answer given, grouped by questionnaire section
        {
          "section_title": str,
          "items": [
            {"question_text": str, "answer_text": str,
             "points": float | None, "max_points": float | None},   # None: not scored
          ],
        },
      ],
      "benchmark": {                    # None: no published peer figures (yet)
        "cohort_label": str, "n": int,  # 石家庄市纺织业, 37
        "quartile": int | None,         # 1 bottom … 4 top quarter; None: too few to place
        "median": float | None,         # the peers' median overall score
      } | None,
    }

The maturity scale drawn beside the level (labels and score bands of levels 1–5) comes from
`app.scoring.maturity.scale` for the result's scoring model, the scorer's own table, so the two
cannot drift apart and a model-1 result is drawn on model 1's scale.
"""

import json
from pathlib import Path

SAMPLES = Path(__file__).with_name("samples")


def sample_context(lang: str = "zh") -> dict:
    """A complete, realistic context: a Hebei textile firm's quality-management assessment."""
    name = "quality-en.json" if lang == "en" else "quality-zh.json"
    # Read afresh on each call, so callers may change their copy freely.
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))
