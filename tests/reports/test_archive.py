"""The reports are archival and readable by assistive technology: PDF/A-2a, tagged, with an
outline, XMP metadata and a text alternative for every figure (read back with pikepdf)."""

import io

import pikepdf
import pytest

from app.reports import fonts as report_fonts
from app.reports import render_report_pdf, sample_context
from app.reports.render import html_to_pdf

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module", params=["zh", "en"])
def report(request):
    context = sample_context(request.param)
    pdf = render_report_pdf(context, lang=request.param, font_dir=report_fonts.DEFAULT_CACHE_DIR)
    return request.param, context, pikepdf.open(io.BytesIO(pdf))


def structure_elements(node, found=None):
    """Every structure element under a node of the structure tree, depth first."""
    found = [] if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            structure_elements(kid, found)
    return found


def outline_titles(items, depth=0):
    for item in items:
        yield depth, item.title
        yield from outline_titles(item.children, depth + 1)


def test_the_report_declares_pdfa_2a_in_its_xmp(report):
    _, _, pdf = report
    with pdf.open_metadata() as xmp:
        assert xmp[f"{PDFAID}part"] == "2"
        assert xmp[f"{PDFAID}conformance"] == "A"
    assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"


def test_the_metadata_names_the_report_and_its_verification_code(report):
    _, context, pdf = report
    with pdf.open_metadata() as xmp:
        assert context["enterprise"]["name"] in xmp[f"{DC}title"]
        assert xmp[f"{DC}creator"] == [context["enterprise"]["name"]]
        assert context["report_number"] in xmp[f"{DC}description"]
        assert xmp[f"{DC}identifier"] == context["verification"]["code"]


def test_the_document_language_is_set(report):
    lang, _, pdf = report
    assert str(pdf.Root.Lang) == ("en" if lang == "en" else "zh-CN")


def test_the_report_is_tagged_with_headings_and_table_headers(report):
    _, _, pdf = report
    assert bool(pdf.Root.MarkInfo.Marked) is True
    kinds = [str(element.S) for element in structure_elements(pdf.Root.StructTreeRoot)]
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/P"} <= set(kinds)
    assert kinds.index("/H1") < kinds.index("/H2")


def test_every_figure_has_a_text_alternative_with_the_figures_it_draws(report):
    _, context, pdf = report
    figures = [e for e in structure_elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
    assert len(figures) == 2  # the QR code and the dimension chart
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert all(alts)
    assert any(context["verification"]["url"] in alt for alt in alts)
    chart = next(alt for alt in alts if context["verification"]["url"] not in alt)
    for dimension in context["result"]["dimensions"]:
        assert dimension["title"] in chart
        if dimension["score"] is not None:
            assert f"{dimension['score']:.1f}" in chart


def test_the_outline_leads_to_every_section_and_dimension(report):
    _, context, pdf = report
    with pdf.open_outline() as outline:
        entries = list(outline_titles(outline.root))
    assert entries[0][0] == 0  # the cover's title holds everything else
    titles = [title for _, title in entries]
    assert len(titles) >= 5 + len(context["result"]["dimensions"])
    for dimension in context["result"]["dimensions"]:
        entry = next(t for t in titles if t.startswith(dimension["title"]))
        assert " · " in entry  # title, level and score kept apart, not run together


def test_the_archival_report_renders_byte_identical_twice():
    context = sample_context("zh")
    font_dir = report_fonts.DEFAULT_CACHE_DIR
    assert render_report_pdf(context, font_dir=font_dir) == render_report_pdf(
        context, font_dir=font_dir
    )


def test_any_html_of_ours_becomes_pdfa_without_an_identifier():
    html = '<html lang="zh-CN"><head><title>汇总</title></head><body><h1>汇总</h1></body></html>'
    pdf = pikepdf.open(io.BytesIO(html_to_pdf(html, font_dir=report_fonts.DEFAULT_CACHE_DIR)))
    with pdf.open_metadata() as xmp:
        assert xmp[f"{PDFAID}part"] == "2"
        assert f"{DC}identifier" not in xmp
    assert str(pdf.Root.Lang) == "zh-CN"
