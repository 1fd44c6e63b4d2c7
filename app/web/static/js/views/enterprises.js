// The regulator's unverified enterprises: verify one with the name checked, or refuse it.

import { api } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";

export async function render(main, _params, { notify }) {
  const filter = h("select", { id: "verification-filter" },
    ["unverified", "refused", "verified"].map((v) => h("option", { value: v }, t(`ent.${v}`))));
  const list = h("ul", { class: "rows" });
  add(main,
    h("h1", {}, t("ent.title")),
    h("p", { class: "lead" }, t("ent.lead")),
    h("div", { class: "field" }, h("label", { for: "verification-filter" }, t("ent.filter")), filter),
    list);

  async function load() {
    const page = await api(`/enterprises?verification=${filter.value}&limit=200`);
    clear(list);
    if (!page.items.length) add(list, h("li", { class: "hint" }, t("ent.empty")));
    list.append(...page.items.map(row));
  }

  function row(e) {
    const name = field({ name: "name", label: t("ent.checked_name"), required: true, value: e.verified_name || e.name });
    const note = field({ name: "note", label: t("ent.note"), hint: t("ent.note_hint"), required: true });
    const error = formError();
    const decide = (decision) => async (event) => {
      event.preventDefault();
      const body = { decision, note: note.value() };
      if (decision === "verify") body.name = name.value();
      try {
        await api(`/enterprises/${e.id}/verification`, { method: "POST", body });
        notify(t(decision === "verify" ? "ent.verified_done" : "ent.refused_done", { name: body.name || e.name }));
        await load();
      } catch (err) {
        showProblem({ name, note }, error, err, t);
      }
    };
    const form = h("form", { class: "stack", "aria-label": e.name, onsubmit: decide("verify") },
      name.el, note.el, error.el,
      h("div", { class: "actions" },
        h("button", { type: "submit", class: "btn primary" }, t("ent.verify")),
        h("button", { type: "button", class: "btn", onclick: decide("refuse") }, t("ent.refuse"))));
    return h("li", { class: "row" },
      h("strong", {}, e.verification === "verified" ? e.verified_name : t("staff.declared", { name: e.name })),
      h("br"),
      h("span", { class: "meta" }, [e.uscc, e.contact_name, e.contact_phone].filter(Boolean).join(" · ")),
      e.verification_note ? h("p", { class: "hint" }, e.verification_note) : null,
      form);
  }

  filter.addEventListener("change", load);
  await load();
}
