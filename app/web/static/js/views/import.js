// A file import through app/tabular (a campaign's roll, staff accounts): check, import, report.

import { api, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError } from "./form.js";

// path: the endpoint; texts: {title, file, hint}; onReport(report, dryRun) after every answer.
// inline: no card or heading of its own (inside a <details> whose summary names it).
export function importForm({ id, path, texts, reportBox, onReport = async () => {}, inline = false }) {
  const file = field({ name: `${id}-file`, label: texts.file, hint: texts.hint, type: "file", accept: ".csv,.xlsx,text/csv" });
  const skip = h("input", { type: "checkbox", id: `${id}-skip-invalid` });
  const error = formError();
  const send = (dryRun) => async (event) => {
    event.preventDefault();
    const chosen = file.input.files[0];
    error.set("");
    if (!chosen) return error.set(t("camp.no_file"));
    const query = new URLSearchParams({ dry_run: String(dryRun), skip_invalid: String(skip.checked) });
    try {
      const report = await api(`${path}?${query}`, { method: "POST", file: chosen });
      showReport(reportBox, report);
      await onReport(report, dryRun);
    } catch (err) {
      if (err.problem && err.problem.report) showReport(reportBox, err.problem.report);
      error.set(errorText(err, t, { shown: err.problem && err.problem.report ? Object.keys(err.errors || {}) : [] }));
    }
  };
  const named = inline ? { class: "stack", "aria-label": texts.title } : { class: "stack card", "aria-labelledby": `${id}-title` };
  return h("form", { ...named, onsubmit: send(false) },
    inline ? null : h("h2", { id: `${id}-title` }, texts.title),
    file.el,
    h("label", { class: "choice", for: `${id}-skip-invalid` }, skip, " ", t("camp.skip_invalid")),
    error.el,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "btn", onclick: send(true) }, t("camp.check")),
      h("button", { type: "submit", class: "btn primary" }, t("camp.do_import"))));
}

// The per-row report: counts, then each bad row with its field, value and what is wrong.
export function showReport(box, r) {
  clear(box);
  add(box, h("section", { class: "card", "aria-labelledby": "report-title" },
    h("h2", { id: "report-title" }, t("camp.report_title")),
    h("p", { class: "card-state" }, t("camp.report", r)),
    r.errors.length ? h("ul", { class: "errors" }, r.errors.map((e) => h("li", {},
      h("strong", {}, t("camp.row", { row: e.row })), ` · ${t(`field.${e.field}`, {}, e.field)} · `,
      e.value ? h("code", {}, e.value) : null, e.value ? " " : null, e.message))) : null,
    r.errors_truncated ? h("p", { class: "hint" }, t("camp.more_errors")) : null));
}
