// The regulator's campaigns: list and create; one campaign's roll import, report and progress.

import "../notifications_texts.js";
import { api, cachedJson, download, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";

const STATES = ["not_started", "draft", "submitted", "returned", "approved"];

export async function render(main, params, ctx) {
  if (params.id) return campaign(main, Number(params.id), ctx);
  const [list, questionnaires] = await Promise.all([api("/campaigns"), cachedJson("/questionnaires")]);
  const rows = h("ul", { class: "rows" });
  add(main,
    h("p", {}, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, t("camp.title")),
    h("p", { class: "lead" }, t("camp.lead")),
    rows,
    createForm(questionnaires.items, ctx));
  if (!list.items.length) add(rows, h("li", { class: "hint" }, t("camp.empty")));
  rows.append(...list.items.map((c) => h("li", { class: "row" },
    h("a", { href: `#/campaigns/${c.id}` },
      h("strong", {}, c.name), h("br"),
      h("span", { class: "meta" }, [
        t(`camp.phase.${c.phase}`),
        t("camp.dates", { opens: c.opens_on, closes: c.closes_on }),
        t("camp.roll_size", { n: c.roll_size }),
      ].join(" · "))))));
}

function createForm(questionnaires, { navigate, notify }) {
  const year = new Date().getFullYear();
  const fields = {
    name: field({ name: "name", label: t("camp.name"), required: true, value: `${year}年度企业质量自评` }),
    year: field({ name: "year", label: t("camp.year"), type: "number", required: true, value: String(year), min: "2016", max: "2100" }),
    opens_on: field({ name: "opens_on", label: t("camp.opens_on"), type: "date", required: true }),
    closes_on: field({ name: "closes_on", label: t("camp.closes_on"), type: "date", required: true }),
    late_policy: field({ name: "late_policy", label: t("camp.late"), options: [["accept", t("camp.late_accept")], ["refuse", t("camp.late_refuse")]] }),
  };
  const boxes = questionnaires.map((q, i) => h("label", { class: "choice" },
    h("input", { type: "checkbox", name: "questionnaires", value: q.key, checked: i === 0 }), " ", q.title));
  const picked = h("fieldset", { class: "field" }, h("legend", {}, t("camp.questionnaires")), boxes);
  fields.questionnaires = { input: boxes[0]?.firstChild, setError: () => {} };
  const error = formError();
  const onsubmit = async (event) => {
    event.preventDefault();
    const body = {
      name: fields.name.value(),
      year: Number(fields.year.value()),
      questionnaires: boxes.map((b) => b.firstChild).filter((b) => b.checked).map((b) => b.value),
      opens_on: fields.opens_on.value(),
      closes_on: fields.closes_on.value(),
      late_policy: fields.late_policy.value(),
    };
    try {
      const created = await api("/campaigns", { method: "POST", body });
      navigate(`/campaigns/${created.id}`, { notice: t("camp.created", { name: created.name }) });
    } catch (err) {
      showProblem(fields, error, err, t);
      if (!err.errors) notify(errorText(err, t), { error: true });
    }
  };
  return h("form", { class: "stack card", "aria-labelledby": "new-campaign", onsubmit },
    h("h2", { id: "new-campaign" }, t("camp.new")),
    fields.name.el, fields.year.el, picked, fields.opens_on.el, fields.closes_on.el, fields.late_policy.el,
    error.el,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "btn primary" }, t("camp.create"))));
}

async function campaign(main, id, { notify }) {
  const c = await api(`/campaigns/${id}`);
  const report = h("div", { "aria-live": "polite" });
  const progressBox = h("section", { "aria-labelledby": "progress-title" });
  add(main,
    h("p", {}, h("a", { href: "#/campaigns" }, t("camp.back"))),
    h("h1", {}, c.name),
    h("p", { class: "lead" }, [t(`camp.phase.${c.phase}`), t("camp.dates", { opens: c.opens_on, closes: c.closes_on }),
      c.late_policy === "accept" ? t("camp.late_accept") : `${t("camp.late")}: ${t("camp.late_refuse")}`].join(" · ")),
    importForm(id, report, async () => showProgress(progressBox, id, notify)),
    report,
    progressBox,
    c.phase === "open" && reminders(id, notify));
  await showProgress(progressBox, id, notify);
}

// Reminders to the enterprises that have not submitted: in the app, and by email where the
// enterprise gave an address; the server sends each at most once a day.
function reminders(id, notify) {
  const result = h("p", { class: "note", role: "status" });
  const button = h("button", { type: "button", class: "btn primary" }, t("remind.send"));
  button.addEventListener("click", async () => {
    if (!window.confirm(t("remind.confirm"))) return;
    button.disabled = true;
    try {
      const r = await api(`/campaigns/${id}/reminders`, { method: "POST", body: {} });
      result.textContent = t("remind.done", { sent: r.sent, already: r.already_today, unregistered: r.not_registered, emailed: r.emailed });
    } catch (err) {
      notify(errorText(err, t), { error: true });
    } finally {
      button.disabled = false;
    }
  });
  return h("section", { class: "card", "aria-labelledby": "remind-title" },
    h("h2", { id: "remind-title" }, t("remind.title")),
    h("p", { class: "hint" }, t("remind.lead")),
    h("div", { class: "actions" }, button),
    result);
}

function importForm(id, reportBox, refresh) {
  const file = field({ name: "file", label: t("camp.file"), hint: t("camp.import_hint"), type: "file", accept: ".csv,.xlsx,text/csv" });
  const skip = h("input", { type: "checkbox", id: "skip-invalid" });
  const error = formError();
  const send = (dryRun) => async (event) => {
    event.preventDefault();
    const chosen = file.input.files[0];
    error.set("");
    if (!chosen) return error.set(t("camp.no_file"));
    const query = new URLSearchParams({ dry_run: String(dryRun), skip_invalid: String(skip.checked) });
    try {
      showReport(reportBox, await api(`/campaigns/${id}/roll?${query}`, { method: "POST", file: chosen }));
      if (!dryRun) await refresh();
    } catch (err) {
      if (err.problem && err.problem.report) showReport(reportBox, err.problem.report);
      error.set(errorText(err, t, { shown: err.problem && err.problem.report ? Object.keys(err.errors || {}) : [] }));
    }
  };
  return h("form", { class: "stack card", "aria-labelledby": "import-title", onsubmit: send(false) },
    h("h2", { id: "import-title" }, t("camp.import")),
    file.el,
    h("label", { class: "choice", for: "skip-invalid" }, skip, " ", t("camp.skip_invalid")),
    error.el,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "btn", onclick: send(true) }, t("camp.check")),
      h("button", { type: "submit", class: "btn primary" }, t("camp.do_import"))));
}

function showReport(box, r) {
  clear(box);
  add(box, h("section", { class: "card", "aria-labelledby": "report-title" },
    h("h2", { id: "report-title" }, t("camp.report_title")),
    h("p", { class: "card-state" }, t("camp.report", r)),
    r.errors.length ? h("ul", { class: "errors" }, r.errors.map((e) => h("li", {},
      h("strong", {}, t("camp.row", { row: e.row })), ` · ${t(`field.${e.field}`, {}, e.field)} · `,
      e.value ? h("code", {}, e.value) : null, e.value ? " " : null, e.message))) : null,
    r.errors_truncated ? h("p", { class: "hint" }, t("camp.more_errors")) : null));
}

async function showProgress(box, id, notify) {
  const p = await api(`/campaigns/${id}/progress`);
  clear(box);
  // A wide table scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
  const table = (caption, head, groups) => h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption }, h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, [head, t("camp.total"), t("camp.not_responded"), ...STATES.slice(2).map((s) => t(`camp.state.${s}`))]
      .map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, groups.map((g) => h("tr", {},
      h("th", { scope: "row" }, g.name ? `${g.name} ${g.code}` : g.code),
      h("td", {}, g.total), h("td", {}, g.by_state.not_started + g.by_state.draft),
      STATES.slice(2).map((s) => h("td", {}, g.by_state[s])))))));
  add(box,
    h("h2", { id: "progress-title" }, t("camp.progress")),
    h("p", {}, t("camp.enterprises", { n: p.enterprises, total: p.total, late: p.late })),
    h("div", { class: "table-wrap" }, h("table", {},
      h("caption", {}, t("camp.progress")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("camp.state")), h("th", { scope: "col" }, t("camp.count")))),
      h("tbody", {}, STATES.map((s) => h("tr", {}, h("th", { scope: "row" }, t(`camp.state.${s}`)), h("td", {}, p.by_state[s])))))),
    table(t("camp.by_county"), t("camp.area"), p.by_county),
    table(t("camp.by_industry"), t("camp.industry"), p.by_industry),
    h("div", { class: "actions" }, h("a", {
      class: "btn", href: `/api/v1/campaigns/${id}/non-responders.csv`,
      onclick: async (event) => {
        event.preventDefault();
        try {
          await download(`/campaigns/${id}/non-responders.csv`, `non-responders-${id}.csv`);
        } catch (err) {
          notify(errorText(err, t), { error: true });
        }
      },
    }, t("camp.non_responders"))));
}
