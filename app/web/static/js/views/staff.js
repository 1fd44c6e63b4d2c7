// Regulators see their review queue, associations their aggregates; both with export links.

import { api, ApiError, cachedJson, download, errorText, session } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";

export async function render(main, _params, ctx) {
  const role = session.get().role;
  const me = await cachedJson("/me", { personal: true }).catch(() => null);
  add(main, 
    h("h1", {}, role === "regulator" ? t("staff.queue") : role === "association" ? t("staff.aggregates") : t("staff.admin")),
    me ? h("p", { class: "lead" }, [me.display_name, me.jurisdiction_name].filter(Boolean).join(" · ")) : null,
  );
  if (role === "regulator") return queue(main, ctx);
  if (role === "association") return aggregates(main, ctx);
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
  add(main, 
    h("div", { class: "field" }, h("label", { for: "status-filter" }, t("staff.filter")), filter),
    exports, count, list, more);

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
      h("strong", {}, a.enterprise.name), h("br"),
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

async function aggregates(main, { notify }) {
  const list = await cachedJson("/questionnaires");
  const pick = h("select", { id: "agg-q" }, list.items.map((q) => h("option", { value: q.key }, q.title)));
  const out = h("div", { class: "aggregate", "aria-live": "polite" });
  add(main, h("div", { class: "field" }, h("label", { for: "agg-q" }, t("staff.questionnaire")), pick), out);

  async function load() {
    const key = pick.value;
    add(clear(out), h("div", { class: "actions" },
      fileLink(`/aggregates/export.csv?questionnaire=${key}`, `aggregates-${key}.csv`, t("staff.export_csv"), notify),
      fileLink(`/aggregates/export.xlsx?questionnaire=${key}`, `aggregates-${key}.xlsx`, t("staff.export_xlsx"), notify),
      fileLink(`/aggregates/report.pdf?questionnaire=${key}`, `aggregates-${key}.pdf`, t("staff.report_pdf"), notify)));
    try {
      add(out, renderAggregate(await api(`/aggregates?questionnaire=${encodeURIComponent(key)}`)));
    } catch (err) {
      const text = err instanceof ApiError && err.status === 404 ? t("staff.no_snapshot") : errorText(err, t);
      add(out, h("p", { class: "note" }, text));
    }
  }
  pick.addEventListener("change", load);
  await load();
}

// The aggregate document, shown plainly: the headline counts, then one table per list.
function renderAggregate(data) {
  const n = data.n ?? data.count ?? data.enterprises;
  const parts = [];
  if (n !== undefined) parts.push(h("p", {}, t("staff.n", { n })));
  if (data.suppressed) parts.push(h("p", { class: "hint" }, t("staff.suppressed")));
  for (const [key, value] of Object.entries(data)) {
    if (!Array.isArray(value) || !value.length || typeof value[0] !== "object") continue;
    const columns = Object.keys(value[0]).filter((c) => value.every((r) => typeof r[c] !== "object" || r[c] === null));
    parts.push(h("h2", {}, t(`agg.${key}`, {}, key)), h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, t(`agg.${c}`, {}, c))))),
      h("tbody", {}, value.map((r) => h("tr", {}, columns.map((c) => h("td", {}, r[c] === null ? t("staff.hidden_cell") : String(r[c])))))))));
  }
  return h("div", {}, parts);
}
