// The regulator's campaigns: list and create; one campaign's roll import, report, progress,
// its firms (views/roll.js) and reminders (views/remind.js).

import "../notifications_texts.js";
import "../campaigns_texts.js";
import { api, cachedJson, download, errorText } from "../api.js";
import { saveCsv } from "../csv.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";
import { importForm } from "./import.js";
import { remindPanel } from "./remind.js";
import { STATES, filterLink, filterOf, rollList } from "./roll.js";

export async function render(main, params, ctx) {
  if (params.id) return campaign(main, Number(params.id), params.query, ctx);
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
        c.read_only ? t("camp.part_size", { n: c.roll_size }) : t("camp.roll_size", { n: c.roll_size }),
      ].join(" · ")),
      c.read_only ? [h("br"), h("span", { class: "badge optional" }, t("camp.wider"))] : null))));
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

// Change the name, dates or late policy (an extension of the closing date is the usual one).
function editForm(c, { navigate, notify }) {
  const fields = {
    name: field({ name: "edit-name", label: t("camp.name"), required: true, value: c.name }),
    opens_on: field({ name: "edit-opens", label: t("camp.opens_on"), type: "date", required: true, value: c.opens_on }),
    closes_on: field({ name: "edit-closes", label: t("camp.closes_on"), type: "date", required: true, value: c.closes_on }),
    late_policy: field({ name: "edit-late", label: t("camp.late"), options: [["accept", t("camp.late_accept")], ["refuse", t("camp.late_refuse")]] }),
  };
  fields.late_policy.input.value = c.late_policy;
  const error = formError();
  const onsubmit = async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value()]));
    try {
      const changed = await api(`/campaigns/${c.id}`, { method: "PATCH", body });
      navigate(`/campaigns/${c.id}`, { notice: t("camp.changed", { name: changed.name }) });
    } catch (err) {
      showProblem(fields, error, err, t);
      if (!err.errors) notify(errorText(err, t), { error: true });
    }
  };
  return h("details", { class: "card" },
    h("summary", {}, t("camp.edit")),
    h("form", { class: "stack", "aria-label": t("camp.edit"), novalidate: true, onsubmit },
      fields.name.el, fields.opens_on.el, fields.closes_on.el, fields.late_policy.el, error.el,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "btn primary" }, t("camp.save")))));
}

async function campaign(main, id, query, { navigate, notify }) {
  const [c, p] = await Promise.all([api(`/campaigns/${id}`), api(`/campaigns/${id}/progress`)]);
  const report = h("div", { "aria-live": "polite" });
  const progressBox = h("section", { "aria-labelledby": "progress-title" });
  // Firms ticked in the list, for the reminders; kept while the filter changes.
  const selection = new Set();
  const reminders = remindPanel(c, selection, notify);
  const list = rollList({
    campaign: c, progress: p, filter: filterOf(query), selection, notify,
    onSelect: reminders.refresh,
    onRemoved: () => refresh(),
  });
  // After an import or a removal: the counts, the filter's choices and the list, anew.
  const refresh = async () => {
    const [fresh] = await Promise.all([showProgress(progressBox, id, notify, showFiltered), list.load()]);
    list.setProgress(fresh);
  };
  // A count in the progress tables filters the list below it, and brings it into view.
  const showFiltered = (filter) => {
    list.apply(filter);
    const title = document.getElementById("firms-title");
    title.scrollIntoView({ block: "start" });
    title.focus({ preventScroll: true });
  };
  add(main,
    h("p", {}, h("a", { href: "#/campaigns" }, t("camp.back"))),
    h("h1", {}, c.name),
    h("p", { class: "lead" }, [t(`camp.phase.${c.phase}`), t("camp.dates", { opens: c.opens_on, closes: c.closes_on }),
      c.late_policy === "accept" ? t("camp.late_accept") : `${t("camp.late")}: ${t("camp.late_refuse")}`].join(" · ")),
    c.read_only ? h("p", { class: "note" }, t("camp.part_note", { part: c.part_name || c.part })) : null,
    c.read_only ? null : editForm(c, { navigate, notify }),
    c.read_only ? null : importForm({
      id: "roll", path: `/campaigns/${id}/roll`, reportBox: report,
      texts: { title: t("camp.import"), file: t("camp.file"), hint: t("camp.import_hint") },
      onReport: async (_report, dryRun) => {
        if (!dryRun) await refresh();
      },
    }),
    report,
    progressBox,
    list.el,
    reminders.el,
    c.read_only ? null : invitations(c, notify));
  drawProgress(progressBox, id, p, notify, showFiltered);
  await Promise.all([list.load(), reminders.load()]);
}

// Letters with a one-time code for each firm of the roll not yet verified; the codes are shown
// (as a CSV for the mail merge) this once, and a new batch replaces the earlier letters' codes.
function invitations(c, notify) {
  const button = h("button", { type: "button", class: "btn" }, t("camp.invite"));
  const done = h("p", { class: "hint", role: "status" });
  button.addEventListener("click", async () => {
    if (!window.confirm(t("camp.invite_confirm"))) return;
    button.disabled = true;
    try {
      const { items } = await api(`/campaigns/${c.id}/invitations`, { method: "POST", body: {} });
      saveCsv(`invitations-${c.id}.csv`,
        [t("field.uscc"), t("camp.firm"), t("camp.contact"), t("camp.phone"), t("camp.code"), t("camp.valid_until")],
        items.map((i) => [i.uscc, i.name, i.contact_name, i.contact_phone, i.code, i.expires_at.slice(0, 10)]));
      done.textContent = t("camp.invited", { n: items.length });
    } catch (err) {
      notify(errorText(err, t), { error: true });
    } finally {
      button.disabled = false;
    }
  });
  return h("section", { class: "card", "aria-labelledby": "invite-title" },
    h("h2", { id: "invite-title" }, t("camp.invitations")),
    h("p", {}, t("camp.invite_lead")),
    h("div", { class: "actions" }, button),
    done);
}

async function showProgress(box, id, notify, showFiltered) {
  const p = await api(`/campaigns/${id}/progress`);
  drawProgress(box, id, p, notify, showFiltered);
  return p;
}

// The counts; each one is a link to the list of the firms it counts.
function drawProgress(box, id, p, notify, showFiltered) {
  clear(box);
  const count = (n, pairs) => {
    if (!n) return String(n);
    const filter = new URLSearchParams(pairs);
    return h("a", { href: filterLink(id, filter), onclick: (event) => { event.preventDefault(); showFiltered(filter); } }, String(n));
  };
  const NOT_RESPONDED = [["state", "not_started"], ["state", "draft"]];
  // Wide tables scroll sideways on a phone: focusable, so a keyboard can scroll them too.
  const wrap = (caption) => ({ class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption });
  const table = (caption, head, key, groups) => h("div", wrap(caption), h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, [head, t("camp.total"), t("camp.not_responded"), ...STATES.slice(2).map((s) => t(`camp.state.${s}`))]
      .map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, groups.map((g) => h("tr", {},
      h("th", { scope: "row" }, g.name ? `${g.name} ${g.code}` : g.code),
      h("td", {}, count(g.total, [[key, g.code]])),
      h("td", {}, count(g.by_state.not_started + g.by_state.draft, [[key, g.code], ...NOT_RESPONDED])),
      STATES.slice(2).map((s) => h("td", {}, count(g.by_state[s], [[key, g.code], ["state", s]]))))))));
  add(box,
    h("h2", { id: "progress-title" }, t("camp.progress")),
    h("p", {}, t("camp.enterprises", { n: p.enterprises, total: p.total, late: p.late })),
    h("p", { class: "hint" }, t("camp.counts_link")),
    h("div", wrap(t("camp.progress")), h("table", {},
      h("caption", {}, t("camp.progress")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("camp.state")), h("th", { scope: "col" }, t("camp.count")))),
      h("tbody", {},
        STATES.map((s) => h("tr", {}, h("th", { scope: "row" }, t(`camp.state.${s}`)), h("td", {}, count(p.by_state[s], [["state", s]])))),
        h("tr", {}, h("th", { scope: "row" }, t("roll.late")), h("td", {}, count(p.late, [["late", "true"]])))))),
    table(t("camp.by_county"), t("camp.area"), "county", p.by_county),
    table(t("camp.by_industry"), t("camp.industry"), "industry", p.by_industry),
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
