// The regulator's jurisdiction at a glance: tiles, charts with tables, a tile map, red flags.

import { api, cachedJson, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { barChart, histogram, withTable } from "../charts.js";
import { CITY_TILES, countyTiles } from "../tiles.js";
import "./dashboard_texts.js";

const STATES = ["not_started", "draft", "submitted", "returned", "approved"];
const pct = (rate) => (typeof rate === "number" ? `${Math.round(rate * 100)}%` : "—");

export async function render(main, params, { notify }) {
  const [campaigns, questionnaires] = await Promise.all([api("/campaigns"), cachedJson("/questionnaires")]);
  const year = new Date().getFullYear();
  const pick = h("select", { id: "dash-source" },
    h("option", { value: "" }, t("dash.by_year")),
    campaigns.items.map((c) => h("option", { value: String(c.id) }, c.name)));
  const yearInput = h("input", { id: "dash-year", type: "number", min: "2016", max: "2100", value: String(year) });
  const questionnaire = h("select", { id: "dash-q" }, questionnaires.items.map((q) => h("option", { value: q.key }, q.title)));
  const yearField = h("div", { class: "field" }, h("label", { for: "dash-year" }, t("dash.year")), yearInput);
  const body = h("div", { "aria-live": "polite" });
  let region = null;

  async function show() {
    const query = new URLSearchParams();
    if (pick.value) query.set("campaign", pick.value);
    else query.set("year", yearInput.value);
    if (!pick.value || questionnaire.value) query.set("questionnaire", questionnaire.value);
    if (region) query.set("region", region);
    yearField.hidden = Boolean(pick.value);
    try {
      const d = await api(`/dashboard?${query}`);
      draw(clear(body), d, { zoom: (code) => { region = code; show(); } });
    } catch (err) {
      if (pick.value && err.errors && err.errors.questionnaire) {
        questionnaire.value = "";
      }
      notify(errorText(err, t), { error: true });
    }
  }
  const form = h("form", { class: "filters", "aria-label": t("dash.choose"), onsubmit: (e) => { e.preventDefault(); show(); } },
    h("div", { class: "field" }, h("label", { for: "dash-source" }, t("dash.source")), pick),
    yearField,
    h("div", { class: "field" }, h("label", { for: "dash-q" }, t("dash.questionnaire")), questionnaire),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "btn primary" }, t("dash.show"))));
  pick.addEventListener("change", () => { region = null; show(); });
  add(main,
    h("p", {}, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, t("dash.title")),
    form, body);
  await show();
  return {};

  function draw(box, d, { zoom }) {
    const scored = d.scores.n;
    const mean = d.units.filter((u) => u.scored).reduce((s, u) => s + u.mean * u.scored, 0) / (scored || 1);
    const flagged = d.units.reduce((s, u) => s + u.flagged, 0);
    add(box,
      h("h2", { class: "place" }, `${d.jurisdiction.name || d.jurisdiction.code} · ${d.campaign ? d.campaign.name : t("dash.year_of", { year: d.year })} · ${d.questionnaire.title}`),
      region ? h("p", {}, h("button", { type: "button", class: "link", onclick: () => zoom(null) }, t("dash.back_province"))) : null,
      h("ul", { class: "tiles" },
        d.response ? tile(t("dash.rate"), pct(d.response.rate), t("dash.rate_of", d.response)) : null,
        tile(t("dash.submitted"), String(scored), d.late ? t("dash.late", { n: d.late }) : null),
        tile(t("dash.mean"), scored ? mean.toFixed(1) : "—", null),
        tile(t("dash.flagged"), String(flagged), null)),
      section("dash-states", t("dash.states"), states(d)),
      // A county has no units below it: a sentence says so where the map would be.
      d.unit_kind === "none"
        ? section("dash-map", t("dash.map_county"), h("p", {}, t("dash.no_units")))
        : section("dash-map", t(d.unit_kind === "city" ? "dash.map_cities" : "dash.map_counties"), map(d, zoom)),
      section("dash-scores", t("dash.scores"), scores(d)),
      section("dash-levels", t("dash.levels"), levels(d)),
      section("dash-dims", t("dash.dimensions"), dimensions(d)),
      section("dash-flags", t("dash.red_flags"), redFlags(d)),
      section("dash-years", t("dash.years"), years(d, region)));
  }
}

// The jurisdiction's figures year by year (live: the regulator's own reach), filled when they come.
function years(d, region) {
  // Figures by year are aggregates, published per city-level unit: a county has none of its own.
  if (d.unit_kind === "none") return h("p", {}, t("dash.years_county"));
  const box = h("div", {}, h("p", { class: "hint" }, t("dash.loading")));
  const query = new URLSearchParams({ questionnaire: d.questionnaire.key, live: "true" });
  if (region) query.set("region", region);
  api(`/aggregates/years?${query}`).then((y) => {
    const shown = y.years.filter((row) => !row.suppressed && row.overall && row.overall.mean !== null);
    clear(box);
    if (!shown.length) return add(box, h("p", {}, t("dash.years_none")));
    const change = (row) => (row.change ? `${row.change.mean > 0 ? "▲" : row.change.mean < 0 ? "▼" : "＝"} ${row.change.mean ?? "—"}` : row.change_withheld ? t("dash.withheld") : "—");
    add(box, withTable(barChart({
      max: 100,
      summary: t("dash.years_summary", { list: shown.map((row) => `${row.year}：${row.overall.mean}`).join("，") }),
      rows: shown.map((row) => [String(row.year), row.overall.mean]),
    }), {
      caption: t("dash.years"),
      head: [t("dash.year"), t("dash.submitted"), t("dash.mean"), t("dash.change")],
      rows: y.years.map((row) => [String(row.year), row.suppressed ? t("chart.hidden") : row.n, row.suppressed ? t("chart.hidden") : row.overall.mean, change(row)]),
    }));
  }).catch(() => add(clear(box), h("p", { class: "hint" }, t("dash.years_none"))));
  return box;
}

const tile = (label, value, note) => h("li", { class: "tile" },
  h("span", { class: "tile-label" }, label), h("strong", { class: "tile-value" }, value),
  note ? h("span", { class: "meta" }, note) : null);

const section = (id, title, ...content) => h("section", { class: "card dash", "aria-labelledby": id },
  h("h2", { id }, title), ...content);

function states(d) {
  const shown = STATES.filter((s) => d.response || s !== "not_started");
  const rows = shown.map((s) => [t(`camp.state.${s}`), d.states[s]]);
  const summary = rows.map(([label, n]) => `${label} ${n}`).join("，");
  return withTable(barChart({ rows, summary: `${t("dash.states")}：${summary}` }),
    { caption: t("dash.states"), head: [t("camp.state"), t("camp.count")], rows });
}

function scores(d) {
  const bins = d.scores.bins.map((b) => ({ label: String(b.from), count: b.count }));
  const summary = d.scores.bins.map((b) => `${b.from}–${b.to}：${b.count}`).join("，");
  return withTable(histogram({ bins, summary: `${t("dash.scores")}：${summary}` }), {
    caption: t("dash.scores"),
    head: [t("dash.score_range"), t("camp.count")],
    rows: d.scores.bins.map((b) => [`${b.from}–${b.to}`, b.count]),
  });
}

function levels(d) {
  const rows = [1, 2, 3, 4, 5].map((l) => [t("dash.level", { level: l }), d.maturity[String(l)]]);
  const summary = rows.map(([label, n]) => `${label} ${n}`).join("，");
  return withTable(barChart({ rows, summary: `${t("dash.levels")}：${summary}` }),
    { caption: t("dash.levels"), head: [t("dash.level_h"), t("camp.count")], rows });
}

function dimensions(d) {
  const dims = d.dimensions;
  const rows = dims.items.map((i) => [i.title, i.area, i.province]);
  const hidden = (v) => (v === null ? t("dash.hidden") : v);
  const summary = rows.map(([title, a, p]) => `${title} ${hidden(a)} / ${hidden(p)}`).join("，");
  const note = dims.snapshot
    ? t("dash.dims_note", { date: dims.snapshot.date, k: dims.min_cell })
    : t("dash.dims_none");
  return [
    h("p", { class: "hint" }, note),
    h("p", { class: "legend" }, h("span", { class: "key s0" }), t("dash.area"), " ",
      h("span", { class: "key s1" }), t("dash.province")),
    withTable(barChart({ rows, max: 100, series: [0, 1], summary: `${t("dash.dimensions")}（${t("dash.area_vs")}）：${summary}` }), {
      caption: t("dash.dimensions"),
      head: [t("dash.dimension"), t("dash.area"), t("dash.province")],
      rows: rows.map(([title, a, p]) => [title, hidden(a), hidden(p)]),
    }),
  ];
}

function map(d, zoom) {
  const byCity = d.unit_kind === "city";
  const layout = byCity ? CITY_TILES : countyTiles(d.units.map((u) => u.code));
  const value = (u) => (d.response ? u.rate : u.mean === null ? null : u.mean / 100);
  const grid = h("ul", { class: `tilemap ${byCity ? "cities" : "counties"}` });
  for (const u of d.units) {
    const [col, row] = layout[u.code] || [0, 0];
    const v = value(u);
    const shade = v === null ? "none" : `q${Math.min(4, Math.floor(v * 5))}`;
    const figure = d.response ? pct(u.rate) : u.mean === null ? "—" : u.mean.toFixed(0);
    const label = `${u.name}：${d.response ? t("dash.rate") : t("dash.mean")} ${figure}，${t("dash.submitted")} ${u.scored}`;
    const inner = [h("span", { class: "tm-name" }, u.name.replace(/(市|新区)$/, "")), h("span", { class: "tm-value" }, figure)];
    // A city's tile opens its counties; a county's tile says its figures.
    const cell = h("li", { class: `tm ${shade}` }, byCity
      ? h("button", { type: "button", "aria-label": label, onclick: () => zoom(u.code) }, inner)
      : h("span", { "aria-label": label, role: "img" }, inner));
    cell.style.gridColumn = String(col + 1);
    cell.style.gridRow = String(row + 1);
    grid.append(cell);
  }
  const head = [t("dash.unit"), ...(d.response ? [t("dash.expected"), t("dash.responded"), t("dash.rate")] : []),
    t("dash.submitted"), t("dash.mean"), t("dash.flagged")];
  const rows = d.units.map((u) => [u.name, ...(d.response ? [u.expected ?? 0, u.responded ?? 0, pct(u.rate)] : []),
    u.scored, u.mean === null ? "—" : u.mean.toFixed(1), u.flagged]);
  return [
    h("p", { class: "hint" }, t(byCity ? "dash.map_hint_cities" : "dash.map_hint_counties",
      { what: d.response ? t("dash.rate") : t("dash.mean") })),
    withTable(grid, { caption: t("dash.units"), head, rows }),
  ];
}

function redFlags(d) {
  if (!d.red_flags.length) return h("p", {}, t("dash.no_flags"));
  // Every flagged submission, in the queue with its filters (the list here names the newest).
  const query = new URLSearchParams({ red_flags: "true" });
  if (d.campaign) query.set("campaign", String(d.campaign.id));
  const all = h("p", {}, h("a", { href: `#/?${query}` }, t("dash.flags_in_queue")));
  return [h("ul", { class: "flags" }, d.red_flags.map((f) => h("li", {},
    h("strong", {}, f.text || `${f.question} = ${f.option}`), " ",
    h("span", { class: "badge" }, t("dash.flag_count", { n: f.count })),
    h("p", { class: "meta" }, t("dash.flag_ids"), " ",
      f.submissions.map((s, i) => [i ? "、" : "", h("a", { href: `#/a/${s.assessment_id}/result` }, `#${s.assessment_id}`)]),
      f.count > f.submissions.length ? ` ${t("dash.flag_more", { n: f.count - f.submissions.length })}` : "")))), all];
}

