"""The enterprise report: embedded fonts, every fact on the page, data never treated as markup."""

import shutil
import subprocess
import threading

import pytest
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from app.reports import ReportRenderError, html_to_pdf, render_report_pdf, sample_context
from app.reports import fonts as report_fonts
from app.reports.charts import bar_chart_svg
from app.reports.fetcher import AssetFetcher, RefusedURL
from app.reports.i18n import LABELS
from app.reports.render import render_html

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)

RARE = "㑇堃喆镕𠮷"
HOSTILE = (
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="http://127.0.0.1:9/x.css">',
    "@import url(http://127.0.0.1:9/y.css);",
    "<script>alert(1)</script>",
)


@pytest.fixture(scope="module")
def font_dir():
    # The same directory the app fixture uses (instance/fonts), so the font is built once.
    return report_fonts.DEFAULT_CACHE_DIR


@pytest.fixture(scope="module")
def sample_pdf(font_dir):
    return render_report_pdf(sample_context("zh"), font_dir=font_dir)


def run(tool: str, pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    args = [tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without whitespace, so a line break inside a string does not hide it."""
    return "".join(text.split())


def font_rows(pdffonts_output: str) -> list[list[str]]:
    lines = pdffonts_output.splitlines()
    return [line.split() for line in lines[2:] if line.strip()]


def test_report_shows_company_score_level_and_every_clause(sample_pdf, tmp_path):
    context = sample_context("zh")
    text = squeeze(run("pdftotext", sample_pdf, tmp_path))
    assert context["enterprise"]["name"] in text
    assert context["enterprise"]["uscc"] in text
    assert "57.0" in text
    assert context["result"]["maturity"]["label"] in text
    for rec in context["result"]["recommendations"]:
        for clause in rec["clause"]:
            assert clause in text
    assert context["verification"]["code"] in text
    assert "第8/8页" in text  # the plan names whom to contact, with a directory
    # Today's basis on the cover; the 2016 plan only as the trace of the clauses.
    assert "依据《河北省质量强省建设纲要》《河北省质量强省建设行动方案（2023—2027年）》" in text
    assert "2016年行动计划" not in text


def test_every_font_is_embedded(sample_pdf, tmp_path):
    rows = font_rows(run("pdffonts", sample_pdf, tmp_path))
    assert rows
    assert all(row[-5] == "yes" for row in rows), rows
    # Common text needs no fallback: only the prepared font, in its two weights.
    assert {row[0].split("+")[-1] for row in rows} == {"ReportSans", "ReportSans-Bold"}


def test_typical_report_is_small_enough_for_a_phone(sample_pdf):
    assert len(sample_pdf) < 300 * 1024


def test_rare_characters_in_the_company_name_render(font_dir, tmp_path):
    context = sample_context("zh")
    context["enterprise"]["name"] = f"河北{RARE}纺织有限公司"
    pdf = render_report_pdf(context, font_dir=font_dir)
    assert f"河北{RARE}纺织有限公司" in run("pdftotext", pdf, tmp_path)
    rows = font_rows(run("pdffonts", pdf, tmp_path))
    assert all(row[-5] == "yes" for row in rows)
    assert any(row[0].endswith("ReportSansExtra") for row in rows)


def test_english_report_uses_english_labels(font_dir, tmp_path):
    context = sample_context("en")
    text = run("pdftotext", render_report_pdf(context, lang="en", font_dir=font_dir), tmp_path)
    assert "Improvement plan" in text
    assert "Page 2 of 8" in text
    assert context["result"]["maturity"]["label"] in text
    assert context["enterprise"]["name"] in text


def test_red_flags_are_listed(font_dir, tmp_path):
    context = sample_context("zh")
    flag = "近两年监督抽查存在不合格且未整改"
    context["result"]["red_flags"] = [{"question_id": "spot_checks", "text": flag}]
    text = squeeze(run("pdftotext", render_report_pdf(context, font_dir=font_dir), tmp_path))
    assert flag in text


def test_markup_in_the_data_is_printed_and_never_fetched(font_dir, tmp_path, monkeypatch):
    requested = []
    serve = AssetFetcher.fetch

    def recording_fetch(self, url, headers=None):
        requested.append(url)
        return serve(self, url, headers)

    monkeypatch.setattr(AssetFetcher, "fetch", recording_fetch)
    context = sample_context("zh")
    context["enterprise"]["name"] = "河北某某纺织有限公司" + HOSTILE[0]
    context["answers"][1]["items"][0]["answer_text"] = " ".join(HOSTILE)
    context["result"]["recommendations"][0]["text"] = HOSTILE[2] + HOSTILE[3]
    # Red flags run the full width, so pdftotext cannot interleave them with a next column.
    context["result"]["red_flags"] = [{"question_id": "x", "text": s} for s in HOSTILE]

    text = squeeze(run("pdftotext", render_report_pdf(context, font_dir=font_dir), tmp_path))

    for snippet in HOSTILE:
        assert squeeze(snippet) in text
    assert requested, "the fonts are fetched through the fetcher"
    assert all(url.startswith("asset:fonts/report-") for url in requested), requested


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/a.png",
        "data:text/css,body{}",
        "asset:../../etc/passwd",
        "ftp://example.com/x",
    ],
)
def test_fetcher_refuses_everything_but_registered_assets(url, tmp_path):
    font = tmp_path / "a.ttf"
    font.write_bytes(b"\0")
    fetcher = AssetFetcher({"fonts/a.ttf": font})
    assert fetcher.fetch("asset:fonts/a.ttf").read() == b"\0"
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_a_refused_url_stops_the_render():
    with pytest.raises(FatalURLFetchingError):
        HTML(string='<img src="file:///etc/passwd">', url_fetcher=AssetFetcher({})).render()


def test_any_html_of_ours_renders_in_the_report_fonts_and_fetches_nothing_else(font_dir, tmp_path):
    # The aggregate report goes through the same function (app/aggregates/read/report.py).
    html = f"<p style='font-family: ReportSans, ReportSansExtra'>汇总报告{RARE}</p>"
    pdf = html_to_pdf(html, font_dir=font_dir)
    assert f"汇总报告{RARE}" in run("pdftotext", pdf, tmp_path)
    rows = font_rows(run("pdffonts", pdf, tmp_path))
    assert rows and all(row[-5] == "yes" for row in rows)
    assert {row[0].split("+")[-1] for row in rows} == {"ReportSans", "ReportSansExtra"}
    with pytest.raises(ReportRenderError):
        html_to_pdf('<img src="file:///etc/passwd">', font_dir=font_dir)


def test_chart_escapes_dimension_titles():
    svg = bar_chart_svg(
        [{"title": "<script>x</script>", "score": 50.0, "peer_median": None}],
        LABELS["zh"],
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_own_wording_needs_no_fallback_font():
    wanted = {ord(c) for table in LABELS.values() for label in table.values() for c in label}
    html = render_html(sample_context("zh"), "zh") + render_html(sample_context("en"), "en")
    wanted |= {ord(c) for c in html if not c.isspace()}
    assert wanted <= report_fonts.repertoire()


def test_font_cache_is_built_once(tmp_path, monkeypatch):
    builds = []
    build = report_fonts.build_subset

    def counting_build(*args, **kwargs):
        builds.append(args[2])
        return build(*args, **kwargs)

    # A small repertoire keeps the test quick; the caching does not depend on its size.
    monkeypatch.setattr(report_fonts, "repertoire", lambda: frozenset(range(0x20, 0x7F)))
    monkeypatch.setattr(report_fonts, "build_subset", counting_build)
    monkeypatch.setattr(report_fonts, "_prepared", {})

    threads = [
        threading.Thread(target=report_fonts.prepare_report_font, args=(tmp_path,))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    path = report_fonts.prepare_report_font(tmp_path)
    assert len(builds) == 1
    mtime = path.stat().st_mtime_ns

    report_fonts._prepared.clear()  # a new process: only the file on disk is left
    assert report_fonts.prepare_report_font(tmp_path) == path
    assert len(builds) == 1
    assert path.stat().st_mtime_ns == mtime
    assert not list(tmp_path.glob(".building-*"))

    monkeypatch.setattr(report_fonts, "REPERTOIRE_VERSION", report_fonts.REPERTOIRE_VERSION + 1)
    report_fonts._prepared.clear()
    assert report_fonts.prepare_report_font(tmp_path) != path
    assert len(builds) == 2


def test_the_report_says_what_held_the_level_back(font_dir, tmp_path):
    """Frozen with the result: a firm at level 4 reads on paper why it is not at 5."""
    for lang, expected in (
        ("zh", ("第5级要求所有适用的结果和对比题达到最高一档。", "本企业其他问卷最近的提交")),
        ("en", ("Level 5 needs the top answer", "the latest filing of the other questionnaires")),
    ):
        context = sample_context(lang)
        context["result"]["maturity"]["limited_by"] = ["results_not_at_top", "red_flag_elsewhere"]
        pdf = render_report_pdf(context, lang=lang, font_dir=font_dir)
        text = squeeze(run("pdftotext", pdf, tmp_path))
        for sentence in expected:
            assert squeeze(sentence) in text, (lang, sentence)
        # Only the reasons the result gives (the scale's note words the rule differently).
        assert squeeze(LABELS[lang]["limited_weakest_dimension"]) not in text
