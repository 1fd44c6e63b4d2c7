// The enterprise profile: answered once, before the questionnaires; its red lines cap them all.

import { api, cachedJson, errorText, fieldErrors } from "../api.js";
import { add, h } from "../dom.js";
import { t } from "../i18n.js";
import { renderQuestion } from "./question.js";

// The profile's one condition form (app/profiles/definition.py): {field, contains_any | in}.
function holds(condition, answers) {
  if (!condition) return true;
  const value = answers[condition.field];
  if (condition.contains_any) return Array.isArray(value) && value.some((v) => condition.contains_any.includes(v));
  return (condition.in || []).includes(value);
}

const given = (v) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length);

export async function render(main, _params, { navigate }) {
  const [definition, profile] = await Promise.all([cachedJson("/profile/definition"), api("/profile")]);
  const answers = { ...profile.answers };
  const controls = {};
  const errorBox = h("p", { class: "form-error", role: "alert", hidden: true });

  // The answers of the fields shown, in file order (what the server keeps).
  function visible() {
    const seen = {};
    for (const f of definition.fields) {
      if (holds(f.condition, seen) && given(answers[f.id])) seen[f.id] = answers[f.id];
    }
    return seen;
  }

  function toggle() {
    const seen = visible();
    const shown = {};
    for (const f of definition.fields) {
      controls[f.id].el.hidden = !holds(f.condition, shown);
      if (f.id in seen) shown[f.id] = seen[f.id];
    }
  }

  for (const f of definition.fields) {
    controls[f.id] = renderQuestion(
      { ...f, integer: f.type === "number" },
      { value: answers[f.id], onChange: (value) => { answers[f.id] = value; toggle(); } },
    );
  }

  async function save(event) {
    event.preventDefault();
    errorBox.hidden = true;
    for (const c of Object.values(controls)) c.setError("");
    try {
      const saved = await api("/profile", { method: "PUT", body: { answers: visible() } });
      if (saved.complete) return navigate("/", { notice: t("profile.saved") });
      for (const id of saved.missing) controls[id].setError(t("profile.missing"));
      errorBox.textContent = t("profile.incomplete");
      errorBox.hidden = false;
      controls[saved.missing[0]].focus();
    } catch (err) {
      const byField = Object.fromEntries(fieldErrors(err.errors || {}));
      for (const [id, message] of Object.entries(byField)) if (controls[id]) controls[id].setError(message);
      errorBox.textContent = errorText(err, t, { shown: Object.keys(controls) });
      errorBox.hidden = false;
    }
  }

  add(main,
    h("p", { class: "crumb" }, h("a", { href: "#/" }, t("profile.back"))),
    h("h1", {}, t("profile.title")),
    h("p", { class: "lead" }, t("profile.lead")),
    h("form", { novalidate: true, onsubmit: save },
      definition.fields.map((f) => controls[f.id].el),
      errorBox,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "btn primary" }, t("profile.save")))),
  );
  toggle();
}

// The card on the start page: fill the profile first; red lines it states, said plainly.
export function profileCard(profile) {
  const complete = profile.complete;
  return h("li", { class: "card", "aria-labelledby": "card-profile" },
    h("h2", { id: "card-profile" }, t("profile.title")),
    h("p", { class: "card-state" }, complete ? t("profile.done") : t("profile.needed")),
    profile.red_lines.length
      ? h("ul", { class: "red-lines" }, profile.red_lines.map((r) => h("li", {}, r.text)))
      : null,
    profile.red_lines.length ? h("p", { class: "meta" }, t("profile.capped")) : null,
    h("div", { class: "actions" },
      h("a", { class: complete ? "btn" : "btn primary", href: "#/profile" }, complete ? t("profile.edit") : t("profile.fill"))));
}
