"""Copy a repertoire of glyphs out of a system CJK font into a small TrueType font."""

from dataclasses import dataclass
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

# Noto Sans CJK SC first: it has a real bold and covers CJK extensions A and B (㑇, 𠮷);
# WenQuanYi Micro Hei (regular only, GBK) is the fallback where Noto is not installed.
CANDIDATES: dict[int, tuple[tuple[str, str], ...]] = {
    400: (
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
        ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei"),
    ),
    700: (
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
        ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei"),
    ),
}

# Copied from the source so the subset keeps the font's licence (OFL / Apache) with it.
_KEPT_NAMES = {0: "copyright", 7: "trademark", 13: "licenseDescription", 14: "licenseInfoURL"}


class FontSourceMissing(RuntimeError):
    """No CJK font to build the report font from is installed."""


@dataclass(frozen=True)
class FontSource:
    path: Path
    index: int = 0


def find_source(weight: int) -> FontSource:
    """The first installed candidate font for a weight (400 or 700)."""
    for path, family in CANDIDATES[weight]:
        if Path(path).is_file():
            return FontSource(Path(path), _face_index(Path(path), family))
    tried = ", ".join(path for path, _ in CANDIDATES[weight])
    raise FontSourceMissing(f"no CJK font found for the report (tried {tried})")


def _face_index(path: Path, family: str) -> int:
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    for index, face in enumerate(TTCollection(str(path), lazy=True).fonts):
        if face["name"].getDebugName(1) == family:
            return index
    return 0


def build_subset(source: FontSource, unicodes, out, *, family: str, style: str) -> int:
    """Write a TrueType font with the source's glyphs for `unicodes`; return the glyph count."""
    font = TTFont(str(source.path), fontNumber=source.index, lazy=True)
    cmap = font.getBestCmap()
    glyph_set = font.getGlyphSet()
    codepoints = sorted(u for u in set(unicodes) if u in cmap)
    used = sorted({cmap[u] for u in codepoints}, key=font.getGlyphID)
    order = [".notdef", *(name for name in used if name != ".notdef")]
    rename = {name: (name if name == ".notdef" else f"g{i}") for i, name in enumerate(order)}

    glyphs, metrics = {}, {}
    for name in order:
        # Decompose components and turn cubic (CFF) outlines into quadratic ones, so the
        # result is a plain TrueType font whatever the source: WeasyPrint subsets TrueType
        # several times faster than CFF on every render.
        recording = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(recording)
        pen = TTGlyphPen(None)
        recording.replay(Cu2QuPen(pen, max_err=1.0, reverse_direction=font.has_key("CFF ")))
        glyphs[rename[name]] = pen.glyph()
        metrics[rename[name]] = font["hmtx"][name]

    builder = FontBuilder(font["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder([rename[name] for name in order])
    builder.setupCharacterMap({u: rename[cmap[u]] for u in codepoints})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    hhea, os2 = font["hhea"], font["OS/2"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    names = {"familyName": family, "styleName": style}
    for name_id, key in _KEPT_NAMES.items():
        if value := font["name"].getDebugName(name_id):
            names[key] = value
    builder.setupNameTable(names)
    builder.setupOS2(
        usWeightClass=os2.usWeightClass,
        fsType=os2.fsType,
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
        sxHeight=getattr(os2, "sxHeight", 0),
        sCapHeight=getattr(os2, "sCapHeight", 0),
    )
    builder.setupPost()
    builder.save(out)
    return len(order)
