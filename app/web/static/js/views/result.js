// The result of the latest submitted revision: score, level, dimensions, recommendations.

import { api, download, errorText, session } from "../api.js";
import { add, clear, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { loadAssessment, loadDefinition, startDraft } from "./assessment.js";
import { evidencePanel, loadListing } from "./evidence.js";
import { loadProgress, progressSection } from "./progress.js";

const fmt = (n) => (n === null || n === undefined ? "—" : Number(n).toFixed(1).replace(/\.0$/, ""));

export async function render(main, params, { navigate, notify }) {
  const id = Number(params.id);
  const [assessment, result] = await Promise.all([
    loadAssessment(id),
    api(`/assessments/${id}/result`),
  ]);
  const enterprise = session.get() && session.get().role === "enterprise";
  const report = reportStatus(id, !enterprise);
  // The report's state is read before the screen is shown: written in a moment later, it pushed
  // the download buttons down under a finger already on its way to them.
  const [definition, listing, progress] = await Promise.all([
    loadDefinition(assessment),
    loadListing(id, result.revision),
    loadProgress(id, result.revision),
    report.refresh(),
  ]).catch((error) => {
    report.stop();
    throw error;
  });
  const files = listing ? listing.items : null;
  // 「已核验」 only where the revision has files: elsewhere it would be 0 everywhere, and noise.
  const verified = files && files.length ? listing.verified : null;
  const medians = Object.fromEntries(((result.benchmark && result.benchmark.dimensions) || []).map((d) => [d.key, d.cohort_median]));

  add(main, 
    h("p", { class: "crumb" }, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, t("res.title")),
    h("p", { class: "lead" }, assessment.questionnaire.title, " · ", t("res.revision", { n: result.revision }),
      enterprise ? null : h("span", {}, " · ", assessment.enterprise.name)),
    statusLine(assessment),
    honesty(assessment),
    scoreCard(result),
    verified ? verifiedCard(verified) : null,
    result.red_flags && result.red_flags.length ? redFlags(result.red_flags) : null,
    dimensionChart(result.dimensions, medians, verified),
    progressSection(progress),
    benchmark(result.benchmark, result.benchmark_reason),
    downloads(id, notify, report),
    recommendations(result.recommendations, verified),
    files && files.length
      ? evidencePanel(assessment, definition, files, { regulator: !enterprise, notify })
      : null,
    enterprise && ["submitted", "approved"].includes(assessment.status)
      ? h("p", {}, h("button", { type: "button", class: "btn", onclick: () => again(assessment, navigate, notify) }, t("res.again")))
      : null,
  );
  return report.stop;
}

// Where the PDF stands. A regulator is told plainly, and how operations re-queue a failed one;
// the enterprise is told gently and offered the download again (it renders a failed report).
function reportStatus(id, staff) {
  const note = h("div", { class: "report-status", role: "status" });
  let timer = null;
  let stopped = false;
  let shown = "";
  async function refresh(round = 0) {
    clearTimeout(timer);
    let s;
    try {
      s = await api(`/assessments/${id}/report/status?lang=${lang()}`);
    } catch {
      return; // a courtesy only: the download itself still works and says what went wrong
    }
    if (stopped) return;
    const busy = s.status === "pending" || s.status === "rendering";
    const seen = `${s.status} ${s.attempts}`;
    if (seen === shown) {
      // unchanged: a live region rewritten every poll would be read out every time
    } else if (s.status === "failed") {
      add(clear(note), staff ? failedForStaff(s) : h("div", { class: "banner warn" }, h("p", {}, t("rep.failed_own")),
        h("button", { type: "button", class: "btn", onclick: () => document.getElementById("pdf-link").click() }, t("rep.retry"))));
    } else {
      // A line in either state, for the enterprise too: a note that went when the report was
      // ready moved everything below it up, under a finger on its way to a recommendation.
      add(clear(note), h("p", { class: "hint" }, t(busy ? (staff ? "rep.busy" : "rep.busy_own") : "rep.ready")));
    }
    shown = seen;
    note.dataset.state = s.status;
    if (busy && round < 24) timer = setTimeout(() => refresh(round + 1), 5000);
  }
  return { el: note, refresh, stop: () => { stopped = true; clearTimeout(timer); } };
}

function failedForStaff(s) {
  const [before, after] = t("rep.failed_staff", { n: s.attempts }).split("{cmd}");
  return h("div", { class: "banner warn" },
    h("p", {}, before, h("code", {}, "flask reports pending --render"), after),
    s.error ? h("p", { class: "hint" }, t("rep.error", { error: s.error })) : null);
}

// What this result is, and is not: the enterprise's own assessment, not a certification. After
// approval, what approval means (the same wording as the PDF and the verification page).
function honesty(assessment) {
  return h("p", { class: "note honesty" },
    t("res.honest"), " ",
    assessment.status === "approved" ? t("res.approval_meaning") : t("res.not_reviewed"));
}

function statusLine(assessment) {
  const text = t(`status.${assessment.status}`);
  if (assessment.status === "returned") {
    return h("div", { class: "banner warn" }, h("strong", {}, text),
      assessment.review && assessment.review.comment ? h("p", {}, assessment.review.comment) : null,
      h("a", { class: "btn", href: `#/a/${assessment.id}` }, t("res.edit")));
  }
  return h("p", { class: `status-pill ${assessment.status}` }, text);
}

function scoreCard(result) {
  const m = result.maturity;
  return h("section", { class: "score-card", "aria-labelledby": "score-h" },
    h("h2", { id: "score-h", class: "visually-hidden" }, t("res.score_h")),
    h("p", { class: "score" }, h("span", { class: "big" }, fmt(result.overall)), h("span", { class: "of" }, t("res.of100"))),
    h("p", { class: "level" }, t("res.level", { level: m.level, label: m.label })),
    h("div", { class: "level-steps", "aria-hidden": "true" }, [1, 2, 3, 4, 5].map((n) => h("span", { class: n <= m.level ? "on" : "" }))),
    h("p", { class: "level-desc" }, m.description),
    // Model 2 says what held the level back; a result keeps the model that gave it.
    (m.limited_by || []).length ? h("ul", { class: "hint level-limits" }, m.limited_by.map((code) => h("li", {}, t(`res.limited.${code}`)))) : null,
    h("p", { class: "hint" }, t("res.model", { n: result.scoring_model || 1 })),
    result.capped ? h("p", { class: "warn-text" }, t("res.capped", { score: fmt(result.overall_uncapped) })) : null);
}

function redFlags(flags) {
  return h("section", { class: "banner danger", "aria-labelledby": "flags-h" },
    h("h2", { id: "flags-h" }, t("res.red_flags")),
    h("ul", {}, flags.map((f) => h("li", {}, f.text))));
}

// Bars drawn in inline SVG; the names and numbers stay HTML so they wrap and scale with the font.
// How much of the frozen score verified evidence backs, as of now; the score never changes.
function verifiedCard(v) {
  return h("section", { class: "verified-card", "aria-labelledby": "verified-h" },
    h("h2", { id: "verified-h" }, t("res.verified_h")),
    h("p", {}, t("res.verified_overall", { share: fmt(v.overall.verified_share), points: fmt(v.overall.verified_points) })),
    h("p", { class: "hint" }, t("res.verified_note")));
}

function dimensionChart(dimensions, medians, verified) {
  const hasMedian = Object.values(medians).some((v) => v !== null && v !== undefined);
  const backed = new Map(((verified && verified.dimensions) || []).map((d) => [d.key, d]));
  return h("section", { class: "chart", "aria-labelledby": "dims-h" },
    h("h2", { id: "dims-h" }, t("res.dimensions")),
    h("ul", { class: "bars" }, dimensions.map((d) => {
      const median = medians[d.key];
      return h("li", {},
        h("div", { class: "bar-label" }, h("span", {}, d.title),
          h("span", { class: "num" }, d.score === null ? t("res.na") : fmt(d.score),
            d.level ? h("span", { class: "dim-level" }, t("res.dim_level", { level: d.level })) : null,
            median !== undefined && median !== null ? h("span", { class: "median-num" }, t("res.median_short", { v: fmt(median) })) : null)),
        svgBar(d.score, median),
        backed.has(d.key) && backed.get(d.key).verified_share !== null
          ? h("p", { class: "hint verified-line" }, t("res.verified_dim", { share: fmt(backed.get(d.key).verified_share), points: fmt(backed.get(d.key).verified_points) }))
          : null);
    })),
    hasMedian ? h("p", { class: "hint" }, h("span", { class: "legend-median", "aria-hidden": "true" }), t("res.median_legend")) : null);
}

function svgBar(score, median) {
  const NS = "http://www.w3.org/2000/svg";
  const el = (tag, attrs) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  };
  const svg = el("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none", class: "bar", "aria-hidden": "true", focusable: "false" });
  svg.append(el("rect", { class: "track", x: 0, y: 0, width: 100, height: 10, rx: 1.5 }));
  if (score !== null && score !== undefined) {
    svg.append(el("rect", { class: `fill ${score >= 60 ? "good" : score >= 40 ? "mid" : "low"}`, x: 0, y: 0, width: Math.max(0, Math.min(100, score)), height: 10, rx: 1.5 }));
  }
  if (median !== null && median !== undefined) {
    svg.append(el("rect", { class: "median", x: Math.max(0, Math.min(99, median - 0.5)), y: 0, width: 1, height: 10 }));
  }
  return svg;
}

// The position is a quartile band (0, 25, 50, 75), never a finer percentile: see
// app/aggregates/benchmark.py.
function benchmark(b, reason) {
  const heading = h("h2", { id: "bench-h" }, t("res.bench_h"));
  if (!b) {
    return h("section", { "aria-labelledby": "bench-h" }, heading,
      h("p", {}, (reason && reason.message) || t("res.bench_none")));
  }
  const cohort = b.cohort && typeof b.cohort === "object" ? b.cohort.label || Object.values(b.cohort).filter(Boolean).join(" · ") : b.cohort;
  const band = [0, 25, 50, 75].includes(b.percentile) ? t(`res.band_${b.percentile}`) : "";
  return h("section", { "aria-labelledby": "bench-h" }, heading,
    h("p", {}, t("res.bench", { cohort, n: b.n }), band),
    b.overall && b.overall.median !== null && b.overall.median !== undefined
      ? h("p", { class: "hint" }, t("res.bench_overall", { mean: fmt(b.overall.mean), median: fmt(b.overall.median) }))
      : null);
}

function downloads(id, notify, report) {
  const link = (path, filename, label, attrs = {}) => h("a", {
    ...attrs, class: "btn", href: `/api/v1${path}`,
    onclick: async (event) => {
      event.preventDefault();
      const button = event.currentTarget;
      if (button.getAttribute("aria-disabled")) return;
      button.setAttribute("aria-disabled", "true");
      try {
        await download(path, filename, { onWait: () => notify(t("res.preparing"), { sticky: true }) });
        notify("");
      } catch (err) {
        notify(errorText(err, t), { error: true });
      } finally {
        button.removeAttribute("aria-disabled");
        if (attrs.id === "pdf-link") report.refresh();
      }
    },
  }, label);
  const query = `?lang=${lang()}`;
  return h("section", { "aria-labelledby": "dl-h" },
    h("h2", { id: "dl-h" }, t("res.downloads")),
    h("div", { class: "actions" },
      link(`/assessments/${id}/report.pdf${query}`, `quality-report-${id}.pdf`, t("res.pdf"), { id: "pdf-link" }),
      link(`/assessments/${id}/plan.xlsx${query}`, `improvement-plan-${id}.xlsx`, t("res.plan_xlsx")),
      link(`/assessments/${id}/plan.csv${query}`, `improvement-plan-${id}.csv`, t("res.plan_csv"))),
    // Below the buttons: when the report becomes ready the note changes, and the buttons stay put.
    report.el);
}

const FIRST_RECOMMENDATIONS = 5;

// A recommendation's question, as its evidence stands: verified, rejected, or awaiting a verdict.
function evidenceNote(entry) {
  if (!entry) return null;
  const f = entry.files;
  const state = entry.verified ? "verified" : f.rejected ? "rejected" : f.pending ? "pending" : null;
  return state ? h("p", { class: `rec-ev ev-${state}` }, t(`res.rec_ev_${state}`)) : null;
}

function recommendations(items, verified) {
  const backing = (verified && verified.recommendations) || [];
  if (!items.length) return h("section", {}, h("h2", {}, t("res.recs")), h("p", {}, t("res.no_recs")));
  const list = h("ol", { class: "recs", id: "recs" }, items.map((r, i) => h("li", { hidden: i >= FIRST_RECOMMENDATIONS },
    h("p", { class: "rec-q" }, r.question_text || r.question),
    h("p", { class: "rec-text" }, r.text),
    evidenceNote(backing[i]),
    h("dl", { class: "rec-meta" },
      h("dt", {}, t("res.gain")), h("dd", {}, t("res.gain_v", { v: fmt(r.gain) })),
      h("dt", {}, t("res.clause")), h("dd", {}, r.clause.join("、")),
      r.departments.length ? [h("dt", {}, t("res.depts")),
        h("dd", {}, [...new Set(r.departments.map((d) => d.dept_2016))].join("、"))] : null),
    contacts(r.contacts || [], i))));
  // The first few are what matters most; the rest are one tap away.
  const more = items.length > FIRST_RECOMMENDATIONS
    ? h("button", {
      type: "button", class: "btn wide", "aria-controls": "recs",
      onclick: (event) => {
        for (const li of list.children) li.hidden = false;
        list.children[FIRST_RECOMMENDATIONS].tabIndex = -1;
        list.children[FIRST_RECOMMENDATIONS].focus();
        event.target.remove();
      },
    }, t("res.recs_all", { n: items.length }))
    : null;
  return h("section", { "aria-labelledby": "recs-h" },
    h("h2", { id: "recs-h" }, t("res.recs")),
    h("p", { class: "hint" }, t("res.recs_hint")),
    list, more);
}

// Whom to turn to, in order: the enterprise's own bureau first, then by what the action concerns.
function contacts(items, index) {
  if (!items.length) return null;
  const id = `contacts-${index}`;
  return h("div", { class: "contacts" },
    h("p", { class: "contacts-h", id }, t("res.contacts")),
    h("ul", { "aria-labelledby": id }, items.map((c) => h("li", { class: `contact ${c.level}` },
      h("span", { class: "contact-level" }, t(`res.level_${c.level}`)), " ",
      h("span", { class: "contact-name" }, c.name),
      h("span", { class: "contact-why" }, c.why)))));
}

function again(assessment, navigate, notify) {
  return startDraft(assessment.questionnaire.key, { carry: true, navigate, notify });
}
