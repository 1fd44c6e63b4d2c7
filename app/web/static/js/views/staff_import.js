// The administrator's bulk staff accounts: a file of offices, checked row by row, created all or
// nothing; each account's temporary password shown once, and offered as a CSV to hand out.

import { saveCsv } from "../csv.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { importForm } from "./import.js";

export function staffImport(refresh) {
  const reportBox = h("div", { "aria-live": "polite" });
  const createdBox = h("div");
  const form = importForm({
    id: "staff", path: "/accounts/import", reportBox, inline: true,
    texts: { title: t("imp.title"), file: t("imp.file"), hint: t("imp.hint") },
    onReport: async (report, dryRun) => {
      clear(createdBox);
      if (dryRun || !report.created.length) return;
      add(createdBox, created(report.created));
      await refresh();
    },
  });
  return h("details", { class: "card" }, h("summary", {}, t("imp.title")), form, reportBox, createdBox);
}

function created(rows) {
  const download = h("button", { type: "button", class: "btn primary" }, t("imp.download"));
  download.addEventListener("click", () => saveList(rows));
  return h("section", { class: "card", "aria-labelledby": "imp-created" },
    h("h2", { id: "imp-created" }, t("imp.created", { n: rows.length })),
    h("p", { class: "note" }, t("imp.once")),
    h("div", { class: "actions" }, download),
    // Four columns scroll sideways on a phone: focusable, so a keyboard can scroll it too.
    h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("imp.password") }, h("table", {},
      h("caption", {}, t("imp.created", { n: rows.length })),
      h("thead", {}, h("tr", {}, [t("imp.row"), t("field.username"), t("imp.name"), t("imp.password")]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {},
        h("td", {}, r.row), h("th", { scope: "row" }, r.account.username), h("td", {}, r.account.display_name),
        h("td", {}, h("code", { class: "secret" }, r.temporary_password))))))));
}

// Built here, never stored on the server: the passwords exist only in this answer.
function saveList(rows) {
  saveCsv(`staff-accounts-${new Date().toISOString().slice(0, 10)}.csv`,
    [t("field.username"), t("imp.name"), t("imp.role"), t("imp.password")],
    rows.map((r) => [r.account.username, r.account.display_name, t(`acc.role_${r.account.role}`), r.temporary_password]));
}
