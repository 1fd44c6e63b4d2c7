// Regulators see their review queue, associations their aggregates; both with export links.

import { api, ApiError, cachedJson, download, errorText, readJSON, session, writeJSON } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { exportPanel } from "./exports.js";

export async function render(main, _params, ctx) {
  const role = session.get().role;
  const me = await cachedJson("/me", { personal: true }).catch(() => null);
  add(main, 
    h("h1", {}, role === "regulator" ? t("staff.queue") : role === "association" ? t("staff.aggregates") : t("staff.admin")),
    me ? h("p", { class: "lead" }, [me.display_name, me.jurisdiction_name].filter(Boolean).join(" · ")) : null,
  );
  if (role === "regulator") return queue(main, ctx);
  if (role === "association") return aggregates(main, ctx, me);
  await (await import("./accounts.js")).render(main, ctx);
  add(main, h("p", {}, t("staff.admin_text")), h("p", {}, h("a", { href: "/api/docs" }, t("staff.api_docs"))));
}

const fileLink = (path, filename, label, notify) => h("a", {
  class: "btn", href: `/api/v1${path}`,
  onclick: async (event) => {
    event.preventDefault();
    try {
      await download(path, filename);
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  },
}, label);

async function queue(main, { notify }) {
  const filter = h("select", { id: "status-filter" },
    [["submitted", t("staff.f_submitted")], ["", t("staff.f_all")], ["returned", t("status.returned")], ["approved", t("status.approved")]]
      .map(([v, label]) => h("option", { value: v }, label)));
  const list = h("ul", { class: "rows" });
  const more = h("button", { type: "button", class: "btn", hidden: true }, t("staff.more"));
  const exports = h("div", { class: "actions" });
  const count = h("p", { class: "hint", role: "status" });
  const background = exportPanel({
    kind: "submissions",
    filters: () => (filter.value ? { status: filter.value } : {}),
    notify,
  });
  add(main,
    h("p", {}, h("a", { href: "#/enterprises" }, t("ent.title")), " · ", h("a", { href: "#/resets" }, t("resets.link")), " · ", h("a", { href: "#/campaigns" }, t("camp.title")), " · ", h("a", { href: "#/dashboard" }, t("dash.link"))),
    h("div", { class: "field" }, h("label", { for: "status-filter" }, t("staff.filter")), filter),
    exports, count, list, more, background);

  let cursor = null;
  let shown = 0;
  async function load(reset) {
    const status = filter.value;
    const query = new URLSearchParams({ limit: "20" });
    if (status) query.set("status", status);
    if (!reset && cursor) query.set("cursor", cursor);
    if (reset) {
      clear(list);
      shown = 0;
      const suffix = status ? `?status=${status}` : "";
      add(clear(exports), 
        fileLink(`/assessments/export.csv${suffix}`, "assessments.csv", t("staff.export_csv"), notify),
        fileLink(`/assessments/export.xlsx${suffix}`, "assessments.xlsx", t("staff.export_xlsx"), notify));
    }
    try {
      const page = await api(`/assessments?${query}`);
      cursor = page.next_cursor;
      shown += page.items.length;
      list.append(...page.items.map(row));
      more.hidden = !cursor;
      count.textContent = shown ? t("staff.shown", { n: shown }) : t("staff.empty");
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  }
  const row = (a) => h("li", { class: "row" },
    h("a", { href: a.revision > 0 ? `#/a/${a.id}/result` : "#/" },
      // Who is behind the account: the checked name, or the declared one flagged 未核验.
      a.enterprise.verified
        ? h("strong", {}, a.enterprise.verified_name || a.enterprise.name)
        : [h("strong", {}, t("staff.declared", { name: a.enterprise.name })), " ",
          h("span", { class: "badge" }, t("staff.unverified"))],
      h("br"),
      h("span", { class: "meta" }, [
        a.questionnaire.title,
        t(`status.${a.status}`),
        typeof a.overall === "number" ? t("staff.score", { score: a.overall.toFixed(1), level: a.maturity_level }) : null,
        a.submitted_at ? a.submitted_at.slice(0, 10) : null,
      ].filter(Boolean).join(" · "))));
  filter.addEventListener("change", () => load(true));
  more.addEventListener("click", () => load(false));
  await load(true);
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
    g.dimensions && g.dimensions.length ? h("div", { class: "table-wrap" }, h("table", {},
      h("caption", {}, t("agg.dimensions")),
      h("thead", {}, h("tr", {}, [t("agg.title"), t("agg.mean"), t("agg.median"), t("agg.iqr")].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, g.dimensions.map((d) => h("tr", {},
        h("th", { scope: "row" }, d.title), h("td", {}, num(d.mean)), h("td", {}, num(d.median)), h("td", {}, iqr(d))))))) : null,
    g.maturity ? h("p", {}, maturityLine(g.maturity)) : null,
    g.questions && Object.keys(g.questions).length ? h("details", {},
      h("summary", {}, t("agg.questions")),
      h("ul", { class: "shares" }, Object.entries(g.questions).map(([qid, shares]) => h("li", {},
        h("strong", {}, (texts[qid] && texts[qid].text) || qid), h("br"),
        Object.entries(shares).map(([opt, share]) => `${(texts[qid] && texts[qid].options[opt]) || opt} ${pct(share)}`).join("；"))))) : null);
}
