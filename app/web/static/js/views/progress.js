// Year-over-year progress on the result screen: the change per dimension and overall beside the
// same questionnaire's latest earlier year, a small chart, and last year's advice now closed.

import { api } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

const fmt = (n) => (n === null || n === undefined ? "—" : Number(n).toFixed(1).replace(/\.0$/, ""));

// Loaded beside the result; a failure here never hides the result itself.
export async function loadProgress(id, revision) {
  try {
    return await api(`/assessments/${id}/year-over-year?revision=${revision}`);
  } catch {
    return null;
  }
}

// The arrow is decoration; the signed number and the hidden word say it to everyone.
function change(value, { digits = true } = {}) {
  if (value === null || value === undefined) return h("span", { class: "delta none" }, t("yoy.not_comparable"));
  const way = value > 0 ? "up" : value < 0 ? "down" : "same";
  const arrow = { up: "▲", down: "▼", same: "■" }[way];
  const number = value > 0 ? `+${digits ? fmt(value) : value}` : value < 0 ? `−${digits ? fmt(-value) : -value}` : "0";
  return h("span", { class: `delta ${way}` },
    h("span", { "aria-hidden": "true" }, arrow, " "),
    h("span", { class: "visually-hidden" }, t(`yoy.${way}`), " "),
    number);
}

export function progressSection(p) {
  if (!p || !p.previous) return null;
  const before = p.previous.year;
  const now = p.year;
  const closed = p.closed_recommendations || [];
  const open = p.open_recommendations || [];
  return h("section", { class: "yoy", "aria-labelledby": "yoy-h" },
    h("h2", { id: "yoy-h" }, t("yoy.title", { year: before })),
    h("p", { class: "hint" }, t("yoy.basis", { year: before, status: t(`status.${p.previous.status}`) })),
    p.scoring_model_changed ? h("p", { class: "note yoy-model" }, t("yoy.model_changed", { a: p.previous.scoring_model, b: p.scoring_model })) : null,
    p.questionnaire_changed ? h("p", { class: "note" }, t("yoy.version_changed", { a: p.previous.questionnaire_version, b: p.questionnaire_version })) : null,
    h("div", { class: "yoy-overall" },
      h("p", {}, h("span", { class: "yoy-label" }, t("yoy.overall")), " ",
        h("strong", {}, fmt(p.overall.current)), " ", change(p.overall.change),
        h("span", { class: "hint" }, " ", t("yoy.was", { year: before, v: fmt(p.overall.previous) }))),
      h("p", {}, h("span", { class: "yoy-label" }, t("yoy.level")), " ",
        h("strong", {}, t("yoy.level_v", { n: p.maturity.current })), " ", change(p.maturity.change, { digits: false }),
        h("span", { class: "hint" }, " ", t("yoy.was_level", { year: before, n: p.maturity.previous })))),
    chart(p.dimensions, before, now),
    table(p.dimensions, before, now),
    h("h3", {}, t("yoy.closed_h")),
    h("p", {}, t("yoy.closed_summary", { n: closed.length + open.length + (p.not_comparable_recommendations || []).length, closed: closed.length, open: open.length })),
    closed.length
      ? h("ul", { class: "yoy-closed" }, closed.map((r) => h("li", {},
        h("span", { class: "done-mark", "aria-hidden": "true" }, "✓ "),
        h("span", { class: "rec-q" }, r.question_text),
        h("span", { class: "hint" }, " ", r.text))))
      : h("p", { class: "hint" }, t("yoy.none_closed")));
}

// Each dimension on one 0–100 line: last year a hollow dot, this year a filled one, joined.
// The names stay HTML (they wrap, and scale with the font); positions are percentages, so the
// dots stay round at any width. The table below is the text equivalent: the picture is hidden
// from screen readers, which would otherwise read every number twice.
function chart(dimensions, before, now) {
  const NS = "http://www.w3.org/2000/svg";
  const el = (tag, attrs) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  };
  // 3% of margin each side keeps a dot at 0 or 100 whole.
  const x = (v) => `${3 + 0.94 * Math.max(0, Math.min(100, v))}%`;
  const line = (d) => {
    const svg = el("svg", { class: "yoy-line", width: "100%", height: 18, focusable: "false" });
    svg.append(el("line", { class: "track", x1: x(0), x2: x(100), y1: 9, y2: 9 }));
    for (const tick of [0, 50, 100]) svg.append(el("line", { class: "tick", x1: x(tick), x2: x(tick), y1: 4, y2: 14 }));
    if (d.previous !== null && d.current !== null) {
      const way = d.change > 0 ? "up" : d.change < 0 ? "down" : "same";
      svg.append(el("line", { class: `span ${way}`, x1: x(d.previous), x2: x(d.current), y1: 9, y2: 9 }));
    }
    if (d.previous !== null) svg.append(el("circle", { class: "before", cx: x(d.previous), cy: 9, r: 5 }));
    if (d.current !== null) svg.append(el("circle", { class: "now", cx: x(d.current), cy: 9, r: 5 }));
    return svg;
  };
  return h("figure", { class: "yoy-figure", "aria-hidden": "true" },
    h("ul", { class: "yoy-lines" }, dimensions.map((d) => h("li", {}, h("span", {}, d.title), line(d)))),
    h("figcaption", { class: "hint" },
      h("span", { class: "key-before" }), t("yoy.legend_before", { year: before }), " ",
      h("span", { class: "key-now" }), t("yoy.legend_now", { year: now }), " ",
      t("yoy.legend_scale")));
}

// The text equivalent of the chart, and the figures themselves.
function table(dimensions, before, now) {
  return h("div", { class: "table-wrap" }, h("table", { class: "yoy-table" },
    h("caption", { class: "visually-hidden" }, t("yoy.table_caption", { a: before, b: now })),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("yoy.dimension")),
      h("th", { scope: "col", class: "n" }, String(before)),
      h("th", { scope: "col", class: "n" }, String(now)),
      h("th", { scope: "col", class: "n" }, t("yoy.change")))),
    h("tbody", {}, dimensions.map((d) => h("tr", {},
      h("th", { scope: "row" }, d.title),
      h("td", { class: "n" }, fmt(d.previous)),
      h("td", { class: "n" }, fmt(d.current)),
      h("td", { class: "n" }, change(d.change)))))));
}
