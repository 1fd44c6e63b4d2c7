"""Render the enterprise report: context → HTML (Jinja, autoescaped) → PDF (WeasyPrint)."""

import logging
from pathlib import Path
from xml.etree.ElementTree import SubElement, fromstring, tostring

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.document import DocumentMetadata  # documented in the API reference
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from app.scoring.maturity import scale as level_scale

from .charts import bar_chart_svg, qr_svg
from .fetcher import AssetFetcher, asset_url
from .fonts import faces_for
from .i18n import CONTACT_LEVELS_BY_LANG, format_date, format_points, format_score, labels
from .progress_chart import progress_chart_svg, signed

LOGGER = logging.getLogger(__name__)
# WeasyPrint narrates every step at INFO; a worker's log should hold our lines, not those.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
TEMPLATES = Path(__file__).with_name("templates")
# PDF/A-2a: an archival format (ISO 19005-2) whose level "a" requires the tagged structure a
# screen reader follows (headings, tables, reading order, figures with /Alt). Why not A-3
# (allows arbitrary attachments, which an archive does not want) or UA-1 alone (no archival
# claim): docs/report-archive.md.
PDF_VARIANT = "pdf/a-2a"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
STYLESHEET = Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))


class ReportRenderError(RuntimeError):
    """The report could not be rendered (for instance it asked for a URL it may not fetch)."""


def css_string(value: str) -> Markup:
    """A quoted CSS string that cannot end the string, the rule or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " ·:-/" else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{escaped}"')


_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(css_string=css_string, score=format_score, points=format_points, signed=signed)


def render_html(context: dict, lang: str = "zh") -> str:
    """The report as one self-contained HTML document (fonts are added when rendering a PDF)."""
    return _env.get_template("report.html.j2").render(**_view(context, lang))


def render_report_pdf(
    context: dict, *, lang: str = "zh", font_dir: Path | str | None = None
) -> bytes:
    """The report as PDF bytes; `font_dir` is the font cache (default instance/fonts/)."""
    html = render_html(context, lang)
    return html_to_pdf(html, font_dir=font_dir, identifier=context["verification"]["code"])


def layout_report(context: dict, *, lang: str = "zh", font_dir: Path | str | None = None):
    """The laid-out WeasyPrint document, before PDF writing (the benchmark times this alone)."""
    return layout_html(render_html(context, lang), font_dir=font_dir)


def html_to_pdf(
    html: str, *, font_dir: Path | str | None = None, identifier: str | None = None
) -> bytes:
    """Any of our HTML documents as tagged PDF/A bytes, in the report fonts; `identifier`
    (the verification code) goes into the XMP metadata as dc:identifier."""
    document = layout_html(html, font_dir=font_dir)
    if identifier:
        document.metadata = IdentifiedMetadata(identifier, **vars(document.metadata))
    return document.write_pdf(pdf_variant=PDF_VARIANT)


class IdentifiedMetadata(DocumentMetadata):
    """WeasyPrint's document metadata, plus a dc:identifier in the XMP packet."""

    def __init__(self, identifier: str, **metadata):
        super().__init__(**metadata)
        self.identifier = identifier

    def generate_rdf_metadata(self, variant, version, conformance):
        """WeasyPrint's RDF with one more description: the report's identifier."""
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        description = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        SubElement(description, f"{{{DUBLIN_CORE}}}identifier").text = self.identifier
        return tostring(rdf, encoding="utf-8")


def layout_html(html: str, *, font_dir: Path | str | None = None):
    """HTML laid out with the report fonts, fetching nothing but them (ReportRenderError else)."""
    faces, missing = faces_for(html, font_dir)
    if missing:
        LOGGER.info("report uses the fallback font for %d characters: %s", len(missing), missing)
    fetcher = AssetFetcher({f"fonts/{face.path.name}": face.path for face in faces})
    font_config = FontConfiguration()
    font_css = "".join(
        f"@font-face {{ font-family: {face.family}; font-weight: {face.weight}; "
        f'src: url("{asset_url("fonts/" + face.path.name)}") format("truetype"); }}\n'
        for face in faces
    )
    try:
        stylesheet = CSS(string=font_css, url_fetcher=fetcher, font_config=font_config)
        return HTML(string=html, url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=font_config
        )
    except FatalURLFetchingError as exc:  # a BaseException: turn it into an ordinary error
        raise ReportRenderError(str(exc)) from exc.__cause__


def _view(context: dict, lang: str) -> dict:
    """What the template needs, derived from the context; nothing here reads a database."""
    result = context["result"]
    text = labels(lang)
    level = result["maturity"]["level"]
    # The scale of the model that gave the result: a report of a model-1 result draws model 1.
    scale = [
        {
            "level": step["level"],
            "label": step["label"].get(lang, step["label"]["zh"]),
            "range": step["range"].get(lang, step["range"]["zh"]),
            "current": step["level"] == level,
        }
        for step in level_scale(result.get("scoring_model", 1))
    ]
    recommendations = [
        {**rec, "contacts": rec.get("contacts", [])} for rec in result["recommendations"]
    ]
    return {
        "lang": lang,
        "L": text,
        "c": context,
        "enterprise": context["enterprise"],
        "result": result,
        "scale": scale,
        "recommendations": recommendations,
        "directory": contact_directory(recommendations),
        "levels": CONTACT_LEVELS_BY_LANG.get(lang, CONTACT_LEVELS_BY_LANG["zh"]),
        "chart": bar_chart_svg(result["dimensions"], text),
        "progress_chart": progress_chart_svg(context["progress"], text)
        if context.get("progress")
        else None,
        "qr": qr_svg(context["verification"]["url"], alt=text["qr_alt"]),
        "stylesheet": STYLESHEET,
        "submitted_on": format_date(context.get("submitted_at"), lang),
        "generated_on": format_date(context.get("generated_at"), lang),
    }


def contact_directory(recommendations: list[dict]) -> list[dict]:
    """Every contact once, in order of first mention, with all it is named for (the plan's
    rows name each body; its remit is said once here, where the page has room for it)."""
    found: dict[str, dict] = {}
    for rec in recommendations:
        for contact in rec["contacts"]:
            entry = found.setdefault(
                contact["name"], {"level": contact["level"], "name": contact["name"], "why": []}
            )
            if contact["why"] not in entry["why"]:
                entry["why"].append(contact["why"])
    return list(found.values())
