// The regulator's queue: search by name or USCC, filters kept in the URL (a shared link or a
// reload shows the same rows), counts per state, pages, and exports of what is shown.

import { api, cachedJson, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import "../queue_texts.js";
import { exportPanel, fileLink } from "./exports.js";

// Parameters are the API's names; "all" is the client's word for "no state filter".
const SELECTS = ["county", "industry", "size", "maturity", "red_flags", "late", "campaign", "verified"];
const KEYS = ["q", "status", "sort", ...SELECTS];
const STATES = ["submitted", "returned", "approved", "all"];
const SORTS = [["-submitted_at", "q.sort_new"], ["submitted_at", "q.sort_old"], ["-score", "q.sort_high"], ["score", "q.sort_low"]];
const YES_NO = (yes, no) => [["true", t(yes)], ["false", t(no)]];

export function filtersFrom(query) {
  const filters = {};
  for (const key of KEYS) if (query.get(key)) filters[key] = query.get(key);
  return filters;
}

// What the API gets: the state defaults to "awaiting review", as the desk starts its day.
function apiParams(filters) {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filters[key] && !(key === "status" && filters[key] === "all")) params.set(key, filters[key]);
  if (!filters.status) params.set("status", "submitted");
  return params;
}

// Sections and their divisions (C, C17): a code at any level filters by prefix.
async function optionSets(me) {
  const [regions, industries, campaigns] = await Promise.all([
    cachedJson("/reference/regions").catch(() => ({ units: [], divisions: [] })),
    cachedJson("/reference/industries").catch(() => ({ items: [] })),
    api("/campaigns").catch(() => ({ items: [] })),
  ]);
  // A county regulator's jurisdiction is one county: the filter offers only that one.
  const county = me && me.jurisdiction && regions.divisions.find((d) => d.code === me.jurisdiction && d.code !== d.unit);
  const within = (unit) => !me || !me.jurisdiction || me.jurisdiction === "130000" || unit === me.jurisdiction || (county && unit === county.unit);
  const counties = regions.units.filter((u) => within(u.code)).flatMap((unit) =>
    regions.divisions
      .filter((d) => d.unit === unit.code && d.status === "current" && !d.code.endsWith("00") && (!county || d.code === county.code))
      .map((d) => [d.code, d.code === unit.code ? d.name : `${unit.name} ${d.name}`]));
  return {
    county: counties,
    industry: industries.items.filter((i) => i.level === "section" || i.level === "division")
      .map((i) => [i.code, i.level === "section" ? `${i.code} ${i.name}` : `\u3000${i.code} ${i.name}`]),
    size: ["large", "medium", "small", "micro"].map((s) => [s, t(`size.${s}`)]),
    maturity: [1, 2, 3, 4, 5].map((n) => [String(n), t("q.level", { n })]),
    red_flags: YES_NO("q.red_yes", "q.red_no"),
    late: YES_NO("q.late_yes", "q.late_no"),
    campaign: campaigns.items.map((c) => [String(c.id), c.name]),
    verified: YES_NO("q.verified_yes", "q.verified_no"),
  };
}

export async function queue(main, { notify, query, me }) {
  let filters = filtersFrom(query);
  const options = await optionSets(me);
  const labelOf = (key, value) => (options[key].find(([v]) => v === value) || [value, value])[1].trim();

  const search = h("input", { type: "search", id: "q-text", name: "q", value: filters.q || "", maxlength: 100, "aria-describedby": "q-text-hint", enterkeyhint: "search" });
  const searchForm = h("form", { class: "q-search", role: "search", "aria-label": t("q.region"), onsubmit: (event) => {
    event.preventDefault();
    set({ q: search.value.trim() });
  } },
  h("label", { for: "q-text" }, t("q.search_label")),
  h("p", { class: "hint", id: "q-text-hint" }, t("q.search_hint")),
  h("div", { class: "q-search-row" }, search, h("button", { type: "submit", class: "btn primary" }, t("q.search"))));

  const selects = Object.fromEntries(SELECTS.map((key) => [key, h("select", { id: `q-${key}`, name: key },
    h("option", { value: "" }, t("q.any")),
    options[key].map(([v, label]) => h("option", { value: v }, label)))]));
  const sort = h("select", { id: "q-sort", name: "sort" }, SORTS.map(([v, key]) => h("option", { value: v }, t(key))));
  for (const [key, select] of Object.entries({ ...selects, sort })) {
    select.addEventListener("change", () => set({ [key]: select.value }));
  }
  const wide = window.matchMedia("(min-width: 64rem)").matches;
  const toggle = h("button", { type: "button", class: "btn", "aria-expanded": String(wide), "aria-controls": "q-panel" });
  const panel = h("div", { id: "q-panel", class: "q-panel", hidden: !wide },
    SELECTS.filter((key) => options[key].length).map((key) => h("div", { class: "field" },
      h("label", { for: `q-${key}` }, t(`q.${key}`)), selects[key])),
    h("p", { class: "q-panel-end" }, h("button", { type: "button", class: "link", onclick: () => set(null) }, t("q.clear"))));
  toggle.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
  });
  const bar = h("div", { class: "q-bar" }, toggle,
    h("div", { class: "q-sort" }, h("label", { for: "q-sort" }, t("q.sort")), sort));

  const chips = h("div", { class: "q-chips" });
  const tabs = h("div", { class: "q-tabs", role: "group", "aria-label": t("q.state") });
  const count = h("p", { class: "hint", role: "status" });
  const exports = h("div", { class: "actions" });
  const list = h("ul", { class: "rows" });
  const empty = h("div", { class: "note q-empty", hidden: true });
  const more = h("button", { type: "button", class: "btn", hidden: true, onclick: () => load(false) }, t("staff.more"));
  const background = exportPanel({ kind: "submissions", filters: () => exportFilters(), notify });
  add(main,
    h("p", {}, h("a", { href: "#/enterprises" }, t("ent.title")), " · ", h("a", { href: "#/resets" }, t("resets.link")), " · ", h("a", { href: "#/campaigns" }, t("camp.title")), " · ", h("a", { href: "#/dashboard" }, t("dash.link"))),
    searchForm, bar, panel, chips, tabs, count, exports, empty, list, more, background);

  // Exports take the queue's filters but no order (sort) of their own.
  function exportFilters() {
    return Object.fromEntries([...apiParams(filters)].filter(([k]) => k !== "sort"));
  }

  // change: {key: value} to set ("" removes), or null to clear all but the state and order.
  function set(change) {
    filters = change === null ? { status: filters.status, sort: filters.sort } : { ...filters, ...change };
    for (const key of Object.keys(filters)) if (!filters[key]) delete filters[key];
    const params = new URLSearchParams(Object.entries(filters));
    // replaceState: the URL follows the filter without a new screen or a history entry per click.
    const text = params.toString();
    history.replaceState(null, "", `#/${text ? `?${text}` : ""}`);
    main.dataset.route = location.hash;
    draw();
    load(true);
  }

  const active = () => [
    filters.q && ["q", t("q.chip", { name: t("q.search_chip"), value: filters.q })],
    ...SELECTS.filter((key) => filters[key]).map((key) => [key, t("q.chip", { name: t(`q.${key}`), value: labelOf(key, filters[key]) })]),
  ].filter(Boolean);

  function draw() {
    search.value = filters.q || "";
    for (const key of SELECTS) selects[key].value = filters[key] || "";
    sort.value = filters.sort || "-submitted_at";
    const n = SELECTS.filter((key) => filters[key]).length;
    toggle.textContent = n ? t("q.filters_n", { n }) : t("q.filters");
    add(clear(chips), active().map(([key, label]) => h("button", {
      type: "button", class: "chip", "aria-label": t("q.remove", { label }), onclick: () => set({ [key]: "" }),
    }, label, h("span", { "aria-hidden": "true" }, " ×"))));
  }

  let cursor = null;
  let shown = 0;
  let latest = 0;
  async function load(reset) {
    const mine = ++latest;
    const params = apiParams(filters);
    params.set("limit", "20");
    if (!reset && cursor) params.set("cursor", cursor);
    try {
      const page = await api(`/assessments?${params}`);
      if (mine !== latest) return; // a newer filter was asked for meanwhile
      if (reset) {
        clear(list);
        shown = 0;
        const suffix = `?${new URLSearchParams(exportFilters())}`;
        add(clear(exports),
          fileLink(`/assessments/export.csv${suffix}`, "assessments.csv", t("staff.export_csv"), notify),
          fileLink(`/assessments/export.xlsx${suffix}`, "assessments.xlsx", t("staff.export_xlsx"), notify));
      }
      cursor = page.next_cursor;
      shown += page.items.length;
      list.append(...page.items.map(row));
      more.hidden = !cursor;
      drawCounts(page);
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  }

  function drawCounts(page) {
    const all = Object.values(page.counts).reduce((a, b) => a + b, 0);
    const state = filters.status || "submitted";
    add(clear(tabs), STATES.map((s) => h("button", {
      type: "button", class: "tab", "aria-pressed": String(s === state),
      onclick: () => set({ status: s === "submitted" ? "" : s }),
    }, t(`q.tab_${s}`), " ", h("span", { class: "tab-n" }, String(s === "all" ? all : page.counts[s] || 0)))));
    count.textContent = shown < page.total ? t("q.total", { n: page.total, shown }) : t("q.total_all", { n: page.total });
    exports.hidden = page.total === 0;
    empty.hidden = page.total > 0;
    if (page.total > 0) return;
    const conditions = [state !== "all" && t("q.chip", { name: t("q.state"), value: t(`q.tab_${state}`) }), ...active().map(([, label]) => label)].filter(Boolean);
    if (all === 0 && active().length === 0) {
      add(clear(empty), h("p", {}, t("q.empty_none")));
      return;
    }
    add(clear(empty),
      h("p", {}, t("q.empty")),
      h("ul", {}, conditions.map((c) => h("li", {}, c))),
      state !== "all" && all > 0
        ? h("p", {}, t("q.empty_status", { n: all }), " ", h("button", { type: "button", class: "link", onclick: () => set({ status: "all" }) }, t("q.show_all")))
        : h("p", {}, t("q.empty_hint")),
      active().length ? h("p", {}, h("button", { type: "button", class: "btn", onclick: () => set(null) }, t("q.clear"))) : null);
  }

  const row = (a) => h("li", { class: "row" },
    h("a", { href: `#/a/${a.id}/result` },
      // Who is behind the account: the checked name, or the declared one flagged 未核验.
      a.enterprise.verified
        ? h("strong", {}, a.enterprise.verified_name || a.enterprise.name)
        : [h("strong", {}, t("staff.declared", { name: a.enterprise.name })), " ",
          h("span", { class: "badge" }, t("staff.unverified"))],
      a.late ? [" ", h("span", { class: "badge" }, t("q.late_yes"))] : null,
      a.red_flag_count ? [" ", h("span", { class: "badge" }, t("q.red_yes"))] : null,
      h("br"),
      h("span", { class: "meta" }, [
        a.enterprise.uscc,
        a.questionnaire.title,
        t(`status.${a.status}`),
        typeof a.overall === "number" ? t("staff.score", { score: a.overall.toFixed(1), level: a.maturity_level }) : null,
        a.submitted_at ? a.submitted_at.slice(0, 10) : null,
      ].filter(Boolean).join(" · "))));

  draw();
  await load(true);
}
