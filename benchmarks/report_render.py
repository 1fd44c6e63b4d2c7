"""Time the enterprise report: full render (PDF/A-2a), layout only, untagged, and a naive render.

    .venv/bin/python benchmarks/report_render.py [-n 9] [--font-dir DIR]

Prints figures; asserts nothing. The context is the sample (5 dimensions, 10 recommendations,
25 answers). "naive" is the same HTML set in Noto Sans CJK SC by its fontconfig family name,
with no @font-face and no prepared subset. WeasyPrint subsets embedded fonts with
libharfbuzz-subset when it is installed and falls back to fontTools otherwise; both are timed,
since which one a server has decides what the naive path costs.
"""

import argparse
import logging
import random
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import weasyprint.pdf.fonts as weasy_fonts
from weasyprint import HTML

from app.reports import sample_context
from app.reports.fonts import prepare_report_font
from app.reports.render import layout_report, render_html, render_report_pdf

SYSTEM_FAMILY = '"Noto Sans CJK SC"'


def median_times(runs: int, **fns) -> dict[str, tuple[float, object]]:
    """Median wall time and last result of each function, run in turn so that they share
    whatever else the (shared, noisy) machine is doing."""
    times = {name: [] for name in fns}
    results = {}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(times[name]), results[name]) for name in fns}


@contextmanager
def fonttools_subsetter():
    """Make WeasyPrint subset with fontTools, as on a server without libharfbuzz-subset."""
    saved = weasy_fonts.harfbuzz_subset
    weasy_fonts.harfbuzz_subset = None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # one warning per font otherwise
    try:
        yield
    finally:
        weasy_fonts.harfbuzz_subset = saved
        logging.getLogger("weasyprint").setLevel(logging.WARNING)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=9)
    parser.add_argument("--font-dir", type=Path, default=None)
    args = parser.parse_args()
    context = sample_context("zh")
    font_dir = args.font_dir

    start = time.perf_counter()
    for weight in (400, 700):
        prepare_report_font(font_dir, weight=weight)
    print(f"font preparation (build or cache hit): {time.perf_counter() - start:8.3f} s")
    render_report_pdf(context, font_dir=font_dir)  # warm-up: imports, fontconfig, caches

    def render():
        return render_report_pdf(context, font_dir=font_dir)

    def layout():
        return layout_report(context, font_dir=font_dir)

    def plain():
        # The report as it was before PDF/A: same layout, an untagged PDF 1.7.
        return layout_report(context, font_dir=font_dir).write_pdf()

    naive_html = render_html(context, "zh").replace("ReportSans, ReportSansExtra", SYSTEM_FAMILY)

    def naive():
        return HTML(string=naive_html).write_pdf()

    timed = median_times(args.runs, render=render, layout=layout, plain=plain, naive=naive)
    (render_s, pdf), (layout_s, document), (plain_s, plain_pdf), (naive_s, naive_pdf) = (
        timed.values()
    )
    with fonttools_subsetter():
        slow = median_times(3, render=render, naive=naive)
        render_ft_s, naive_ft_s = slow["render"][0], slow["naive"][0]

    rare = sample_context("zh")
    rare["enterprise"]["name"] = "河北㑇堃喆镕𠮷纺织有限公司"
    # A random CJK Extension A character makes a character set no earlier run has cached.
    rare["answers"][0]["items"][0]["answer_text"] = "珺琤昇" + chr(random.randrange(0x3400, 0x4DB5))

    def render_rare():
        return render_report_pdf(rare, font_dir=font_dir)

    rare_first_s, _ = median_times(1, rare=render_rare)["rare"]
    rare_s, rare_pdf = median_times(3, rare=render_rare)["rare"]

    print(f"pages: {len(document.pages)}; runs: {args.runs}")
    print(f"render (median, HTML → PDF bytes):      {render_s:8.3f} s")
    print(f"layout only (HTML(...).render()):       {layout_s:8.3f} s")
    print(f"untagged PDF 1.7 (before PDF/A-2a):     {plain_s:8.3f} s")
    print(f"naive, system Noto Sans CJK SC:         {naive_s:8.3f} s   (HarfBuzz subsetter)")
    print(f"render ÷ layout-only:                   {render_s / layout_s:8.2f}   (target ≤ 2.5)")
    print(f"render ÷ untagged:                      {render_s / plain_s:8.2f}   (PDF/A-2a cost)")
    print(f"naive ÷ render:                         {naive_s / render_s:8.2f}   (target ≥ 8)")
    print("with WeasyPrint's fontTools subsetter (no libharfbuzz-subset on the server):")
    print(f"  render:                               {render_ft_s:8.3f} s")
    print(f"  naive:                                {naive_ft_s:8.3f} s")
    print(f"  naive ÷ render:                       {naive_ft_s / render_ft_s:8.2f}")
    print(f"rare characters, first (builds extra):  {rare_first_s:8.3f} s")
    print(f"rare characters, cached extra font:     {rare_s:8.3f} s")
    print(
        f"PDF size: {len(pdf) / 1024:.1f} KB (untagged {len(plain_pdf) / 1024:.1f} KB, "
        f"naive {len(naive_pdf) / 1024:.1f} KB, "
        f"rare characters {len(rare_pdf) / 1024:.1f} KB; target < 300 KB)"
    )


if __name__ == "__main__":
    main()
