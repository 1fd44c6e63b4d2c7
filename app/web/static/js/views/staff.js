// Regulators see their review queue, associations their aggregates; both with export links.

import { api, ApiError, cachedJson, errorText, readJSON, session, writeJSON } from "../api.js";
import { barChart, rangeChart, withTable } from "../charts.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { exportPanel, fileLink } from "./exports.js";

export async function render(main, params, ctx) {
  const role = session.get().role;
  const me = await cachedJson("/me", { personal: true }).catch(() => null);
  add(main, 
    h("h1", {}, role === "regulator" ? t("staff.queue") : role === "association" ? t("staff.aggregates") : t("staff.admin")),
    me ? h("p", { class: "lead" }, [me.display_name, me.jurisdiction_name].filter(Boolean).join(" · ")) : null,
  );
  if (role === "regulator") {
    const { queue } = await import("./queue.js");
    return queue(main, { ...ctx, query: params.query || new URLSearchParams(), me });
  }
  if (role === "association") return aggregates(main, ctx, me);
  await import("../integrations_texts.js");
  add(main, h("p", {}, h("a", { href: "#/integrations" }, t("int.link"))));
  await (await import("./accounts.js")).render(main, ctx);
  add(main, h("p", {}, t("staff.admin_text")), h("p", {}, h("a", { href: "/api/docs" }, t("staff.api_docs"))));
}

// An association reads one of its industries at a time (no union is published: it would let
// figures be differenced); the choice is remembered per user on this device.
const industryKey = () => `qa.pref.u.${session.get().username}.industry`;

async function industryChoice(me) {
  const codes = (me && me.industries) || [];
  const table = await cachedJson("/reference/industries").catch(() => ({ items: [] }));
  const names = Object.fromEntries(table.items.map((i) => [i.code, i.name]));
  const label = (code) => (names[code] ? `${code} ${names[code]}` : code);
  const stored = readJSON(industryKey());
  const chosen = codes.includes(stored) ? stored : codes[0];
  if (codes.length < 2) {
    return { value: () => chosen, el: chosen ? h("p", { class: "lead" }, t("agg.industry_one", { name: label(chosen) })) : null };
  }
  const select = h("select", { id: "agg-industry", "aria-describedby": "agg-industry-hint" },
    codes.map((code) => h("option", { value: code, selected: code === chosen }, label(code))));
  select.addEventListener("change", () => writeJSON(industryKey(), select.value));
  return {
    value: () => select.value,
    select,
    el: h("div", { class: "field" },
      h("label", { for: "agg-industry" }, t("agg.industry")),
      h("p", { class: "hint", id: "agg-industry-hint" }, t("agg.industry_hint")),
      select),
  };
}

async function aggregates(main, { notify }, me) {
  const [list, industry] = await Promise.all([cachedJson("/questionnaires"), industryChoice(me)]);
  const pick = h("select", { id: "agg-q" }, list.items.map((q) => h("option", { value: q.key }, q.title)));
  const groupBy = h("select", { id: "agg-group" },
    ["none", "industry", "region", "size"].map((g) => h("option", { value: g }, t(`agg.by_${g}`))));
  const out = h("div", { class: "aggregate", "aria-live": "polite" });
  const background = exportPanel({
    kind: "aggregates",
    filters: () => ({
      questionnaire: pick.value,
      group_by: groupBy.value,
      ...(industry.value() ? { industry: industry.value() } : {}),
    }),
    notify,
  });
  add(main,
    industry.el,
    h("div", { class: "field" }, h("label", { for: "agg-q" }, t("staff.questionnaire")), pick),
    h("div", { class: "field" }, h("label", { for: "agg-group" }, t("agg.group_by")), groupBy),
    out, background);

  async function load() {
    const query = new URLSearchParams({ questionnaire: pick.value, group_by: groupBy.value });
    if (industry.value()) query.set("industry", industry.value());
    add(clear(out), h("div", { class: "actions" },
      fileLink(`/aggregates/export.csv?${query}`, `aggregates-${pick.value}.csv`, t("staff.export_csv"), notify),
      fileLink(`/aggregates/export.xlsx?${query}`, `aggregates-${pick.value}.xlsx`, t("staff.export_xlsx"), notify),
      fileLink(`/aggregates/report.pdf?${query}`, `aggregates-${pick.value}.pdf`, t("staff.report_pdf"), notify)));
    try {
      const [data, definition] = await Promise.all([
        api(`/aggregates?${query}`),
        cachedJson(`/questionnaires/${encodeURIComponent(pick.value)}`).catch(() => null),
      ]);
      add(out, renderAggregate(data, definition));
    } catch (err) {
      const text = err instanceof ApiError && err.status === 404 ? t("staff.no_snapshot") : errorText(err, t);
      add(out, h("p", { class: "note" }, text));
    }
  }
  pick.addEventListener("change", load);
  groupBy.addEventListener("change", load);
  if (industry.select) industry.select.addEventListener("change", load);
  await load();
}

const num = (v) => (v === null || v === undefined ? "—" : String(v));
// A range whose ends are withheld (too few enterprises) reads as one dash, not "—–—".
const iqr = (s) => (s.p25 === null || s.p25 === undefined || s.p75 === null || s.p75 === undefined ? "—" : `${s.p25}–${s.p75}`);

// Levels whose share is withheld are left out; when all are, say so once.
function maturityLine(maturity) {
  const shown = Object.entries(maturity).filter(([, share]) => share !== null && share !== undefined);
  if (!shown.length) return t("agg.maturity_hidden");
  return t("agg.maturity_line", { list: shown.map(([level, share]) => t("agg.level_share", { level, share: pct(share) })).join(t("agg.sep")) });
}

const pct = (v) => (v === null || v === undefined ? "—" : `${Math.round(v * 100)}%`);

// Counts, quartiles, maturity and answer shares; a hidden (too small) cell says so.
function renderAggregate(data, definition) {
  const texts = {};
  for (const section of (definition && definition.sections) || []) {
    for (const q of section.questions) texts[q.id] = { text: q.text, options: Object.fromEntries((q.options || []).map((o) => [o.id, o.text])) };
  }
  const snapshot = data.snapshot
    ? t("agg.snapshot", { date: data.snapshot.date })
    : t("agg.no_snapshot_yet");
  return h("div", {},
    h("p", { class: "hint" }, snapshot, " ", t("staff.suppressed_n", { n: data.min_cell })),
    group(data.total, texts, true),
    data.groups.map((g) => group(g, texts, false)));
}

function group(g, texts, isTotal) {
  const title = isTotal ? t("agg.total") : g.label;
  if (g.suppressed) {
    return h("section", { class: "card agg" }, h("h2", {}, title), h("p", { class: "hint" }, t("agg.suppressed")));
  }
  const o = g.overall || {};
  return h("section", { class: "card agg" },
    h("h2", {}, title),
    h("p", {}, t("staff.n", { n: g.n }), " · ", t("agg.overall", { mean: num(o.mean), median: num(o.median), iqr: iqr(o) })),
    g.dimensions && g.dimensions.length ? dimensionChart(g.dimensions, title) : null,
    g.maturity ? maturityChart(g.maturity, title) : null,
    g.evidence && Object.keys(g.evidence.dimensions || {}).length ? evidenceChart(g.evidence.dimensions, g.dimensions || [], title) : null,
    g.questions && Object.keys(g.questions).length ? h("details", {},
      h("summary", {}, t("agg.questions")),
      Object.entries(g.questions).map(([qid, shares]) => shareChart(qid, shares, texts))) : null);
}

// A withheld figure stays a dash in the tables and "not published" in the charts, never 0.
const share100 = (v) => (v === null || v === undefined ? null : Math.round(v * 100));

// Dimension means, with the middle half of the firms (p25–p75) as a band behind the mean.
function dimensionChart(dimensions, title) {
  const summary = t("agg.dims_summary", { title, list: dimensions.map((d) => `${d.title} ${num(d.mean)}`).join(t("agg.sep")) });
  return withTable(rangeChart({ summary, rows: dimensions.map((d) => ({ label: d.title, mean: d.mean, p25: d.p25, p75: d.p75 })) }), {
    caption: t("agg.dimensions"),
    head: [t("agg.title"), t("agg.mean"), t("agg.median"), t("agg.iqr")],
    rows: dimensions.map((d) => [d.title, num(d.mean), num(d.median), iqr(d)]),
  });
}

function maturityChart(maturity, title) {
  const levels = Object.entries(maturity);
  // All withheld: the sentence says so once; five "not published" bars would add nothing.
  if (levels.every(([, share]) => share === null || share === undefined)) return h("p", {}, maturityLine(maturity));
  return h("div", {},
    h("p", {}, maturityLine(maturity)),
    withTable(barChart({ max: 100, unit: "%", summary: t("agg.maturity_summary", { title, line: maturityLine(maturity) }),
      rows: levels.map(([level, share]) => [t("agg.level_n", { level }), share100(share)]) }), {
      caption: t("agg.maturity"),
      head: [t("agg.level"), t("agg.share")],
      rows: levels.map(([level, share]) => [t("agg.level_n", { level }), pct(share)]),
    }));
}

// Per dimension, the shares of the group's firms that backed an answer with a file, and with one
// the regulator verified (docs/evidence.md): shares of firms, never files or one firm's count.
function evidenceChart(byDimension, dimensions, title) {
  const names = Object.fromEntries(dimensions.map((d) => [d.key, d.title]));
  const entries = Object.entries(byDimension);
  const rows = entries.map(([key, s]) => [names[key] || key, share100(s.attached), share100(s.verified)]);
  if (rows.every(([, a, v]) => a === null && v === null)) return h("p", { class: "hint" }, t("agg.evidence_hidden"));
  const summary = t("agg.evidence_summary", { title, list: entries.map(([key, s]) => t("agg.evidence_pair", { name: names[key] || key, attached: pct(s.attached), verified: pct(s.verified) })).join(t("agg.sep")) });
  return h("section", { class: "share-chart" },
    h("h3", {}, t("agg.evidence")),
    h("p", { class: "legend hint" }, h("span", { class: "key s0" }), t("agg.evidence_attached"), " ", h("span", { class: "key s1" }), t("agg.evidence_verified")),
    withTable(barChart({ max: 100, unit: "%", series: ["attached", "verified"], summary, rows }), {
      caption: t("agg.evidence"),
      head: [t("agg.title"), t("agg.evidence_attached"), t("agg.evidence_verified")],
      rows: entries.map(([key, s]) => [names[key] || key, pct(s.attached), pct(s.verified)]),
    }));
}

function shareChart(qid, shares, texts) {
  const question = (texts[qid] && texts[qid].text) || qid;
  const label = (opt) => (texts[qid] && texts[qid].options[opt]) || opt;
  const entries = Object.entries(shares);
  const line = entries.map(([opt, share]) => `${label(opt)} ${pct(share)}`).join("；");
  if (entries.every(([, share]) => share === null || share === undefined)) {
    return h("section", { class: "share-chart" }, h("h3", {}, question), h("p", { class: "hint" }, t("agg.shares_hidden")));
  }
  return h("section", { class: "share-chart" },
    h("h3", {}, question),
    withTable(barChart({ max: 100, unit: "%", summary: `${question}：${line}`,
      rows: entries.map(([opt, share]) => [short(label(opt)), share100(share)]) }), {
      caption: question,
      head: [t("agg.option"), t("agg.share")],
      rows: entries.map(([opt, share]) => [label(opt), pct(share)]),
    }));
}

// Chart labels have about 100 of 260 units: long option texts are cut there, whole in the table.
const short = (text) => (text.length > 8 ? `${text.slice(0, 7)}…` : text);
