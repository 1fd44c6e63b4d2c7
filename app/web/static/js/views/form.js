// Labelled form fields whose hints and errors screen readers read with the field.

import { errorText, fieldErrors } from "../api.js";
import { h, uid } from "../dom.js";

const text = (messages) => fieldErrors({ m: messages })[0][1];

export function field({ name, label, hint, type = "text", required = false, options, ...attrs }) {
  const id = uid(name);
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const errorEl = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const describedBy = [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(" ");
  const common = { id, name, "aria-describedby": describedBy, "aria-required": required ? "true" : null, ...attrs };
  const input = options
    ? h("select", common, options.map(([value, labelText]) => h("option", { value }, labelText)))
    : h("input", { type, ...common });
  const el = h(
    "div",
    { class: "field" },
    h("label", { for: id }, label, required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : null),
    hintEl,
    input,
    errorEl,
  );
  return {
    el,
    input,
    hintEl,
    value: () => input.value,
    setError(messages) {
      const message = messages ? text(messages) : "";
      errorEl.textContent = message;
      errorEl.hidden = !message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    },
  };
}

export function formError() {
  const el = h("p", { class: "form-error", role: "alert", hidden: true });
  return {
    el,
    set(message) {
      el.textContent = message || "";
      el.hidden = !message;
    },
  };
}

// Put each error under its field and focus the first; returns the errors no field took.
export function showErrors(fields, errors) {
  const rest = {};
  let first = null;
  const byField = Object.fromEntries(fieldErrors(errors));
  for (const [name, f] of Object.entries(fields)) f.setError(byField[name]);
  for (const [name, message] of Object.entries(byField)) {
    if (fields[name]) first ||= fields[name].input;
    else rest[name] = message;
  }
  if (first) first.focus();
  return rest;
}

// A failed request in a form: field errors beside their fields, the rest (the detail and
// "field: message" for fields the form lacks) in the form's error box.
export function showProblem(fields, errorBox, err, t) {
  showErrors(fields, err.errors || {});
  errorBox.set(errorText(err, t, { shown: Object.keys(fields) }));
}
