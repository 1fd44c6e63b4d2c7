// One question as a form control: radios, checkboxes, a number, a text, a list of standards.
// Each returns {el, sync(value), setError(message), focus()}; changes go to onChange(value).

import { h, uid } from "../dom.js";
import { t } from "../i18n.js";
import { standardList } from "./standards.js";

export function renderQuestion(q, { value, onChange, comment, error, extra }) {
  const id = `q-${q.id}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const errorEl = h("p", { class: "field-error", id: errorId, hidden: true });
  const describedBy = [q.help ? helpId : null, errorId].filter(Boolean).join(" ");
  const badge = q.required ? h("span", { class: "badge" }, t("q.required")) : h("span", { class: "badge optional" }, t("q.optional"));
  const help = q.help ? helpBlock(q.help, helpId) : null;
  const clause = q.clause && q.clause.length
    ? h("p", { class: "clause" }, t("q.clause", { clause: q.clause.join("、") }))
    : null;
  const note = comment ? h("p", { class: "review-note", role: "note" }, t("q.reviewer"), comment) : null;

  const control = CONTROLS[q.type](q, { id, describedBy, onChange });
  const heading = [q.text, " ", badge];
  const el = control.group
    ? h("fieldset", { class: "q", id, dataset: { q: q.id } }, h("legend", {}, heading), note, help, control.el, extra, clause, errorEl)
    : h("div", { class: "q", id, dataset: { q: q.id } }, h("label", { for: control.inputId, class: "qtext" }, heading), note, help, control.el, extra, clause, errorEl);

  const api = {
    el,
    sync: control.sync,
    setError(message) {
      errorEl.textContent = message || "";
      errorEl.hidden = !message;
      el.classList.toggle("invalid", Boolean(message));
      for (const input of el.querySelectorAll("input, textarea")) {
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    },
    focus() {
      const first = el.querySelector("input:checked, input, textarea, button");
      el.scrollIntoView({ block: "start" });
      if (first) first.focus({ preventScroll: true });
    },
  };
  control.report = (message) => api.setError(message);
  control.sync(value);
  if (error) api.setError(error);
  return api;
}

function helpBlock(text, id) {
  // Long explanations fold away so the question and its answers stay on the first screen.
  if (text.length <= 80) return h("p", { class: "help", id }, text);
  return h("details", { class: "help" }, h("summary", {}, t("q.help")), h("p", { id }, text));
}

const CONTROLS = {
  single(q, { id, describedBy, onChange }) {
    const inputs = q.options.map((o) => h("input", {
      type: "radio", name: id, value: o.id, "aria-describedby": describedBy,
      onchange: () => onChange(o.id),
    }));
    const clearButton = !q.required
      ? h("button", { type: "button", class: "link small", onclick: () => { inputs.forEach((i) => (i.checked = false)); onChange(null); } }, t("q.clear"))
      : null;
    return {
      group: true,
      el: h("div", { class: "options" }, q.options.map((o, i) => h("label", { class: "opt" }, inputs[i], h("span", {}, o.text))), clearButton),
      sync(value) {
        for (const input of inputs) input.checked = input.value === value;
      },
    };
  },

  multiple(q, { id, describedBy, onChange }) {
    const exclusive = new Set(q.options.filter((o) => o.exclusive).map((o) => o.id));
    const inputs = q.options.map((o) => h("input", {
      type: "checkbox", name: id, value: o.id, "aria-describedby": describedBy,
      onchange: (event) => {
        // "None of these" and the others exclude each other, as the server insists.
        if (event.target.checked) {
          for (const other of inputs) {
            if (other !== event.target && (exclusive.has(o.id) || exclusive.has(other.value))) other.checked = false;
          }
        }
        onChange(inputs.filter((i) => i.checked).map((i) => i.value));
      },
    }));
    return {
      group: true,
      el: h("div", { class: "options" }, q.options.map((o, i) => h("label", { class: "opt" + (o.exclusive ? " exclusive" : "") }, inputs[i], h("span", {}, o.text)))),
      sync(value) {
        const chosen = new Set(Array.isArray(value) ? value : []);
        for (const input of inputs) input.checked = chosen.has(input.value);
      },
    };
  },

  number(q, { id, describedBy, onChange }) {
    const inputId = `${id}-input`;
    const hintId = `${id}-range`;
    const range = q.max === null || q.max === undefined
      ? t("q.range_min", { min: q.min })
      : t("q.range", { min: q.min, max: q.max });
    const input = h("input", {
      id: inputId, type: "text", inputmode: q.integer ? "numeric" : "decimal", autocomplete: "off",
      "aria-describedby": `${hintId} ${describedBy}`,
    });
    const control = {
      inputId,
      el: h("div", { class: "number" },
        h("div", { class: "with-unit" }, input, q.unit ? h("span", { class: "unit" }, q.unit) : null),
        h("p", { class: "hint", id: hintId }, range + (q.integer ? t("q.whole") : ""))),
      sync(value) {
        if (document.activeElement === input) return; // never overwrite what is being typed
        input.value = typeof value === "number" ? String(value) : "";
      },
    };
    input.addEventListener("input", () => {
      const raw = input.value.normalize("NFKC").trim().replace(/,/g, ".");
      if (!raw) {
        control.report("");
        return onChange(null);
      }
      const n = Number(raw);
      let problem = "";
      if (!/^-?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n)) problem = t("q.not_number");
      else if (q.integer && !Number.isInteger(n)) problem = t("q.not_whole");
      else if (n < q.min) problem = t("q.below_min", { min: q.min });
      else if (q.max !== null && q.max !== undefined && n > q.max) problem = t("q.above_max", { max: q.max });
      control.report(problem);
      if (!problem) onChange(n);
    });
    return control;
  },

  text(q, { id, describedBy, onChange }) {
    const inputId = `${id}-input`;
    const limit = q.max_length || 2000;
    const counter = h("p", { class: "hint counter", "aria-live": "off" });
    const area = h("textarea", { id: inputId, rows: 4, maxlength: String(limit), "aria-describedby": describedBy });
    const count = () => (counter.textContent = t("q.chars", { n: area.value.length, max: limit }));
    area.addEventListener("input", () => {
      count();
      onChange(area.value.trim() ? area.value : null);
    });
    return {
      inputId,
      el: h("div", {}, area, counter),
      sync(value) {
        if (document.activeElement !== area) area.value = typeof value === "string" ? value : "";
        count();
      },
    };
  },

  standard_list(q, ctx) {
    return standardList(q, { ...ctx, inputId: `${ctx.id}-add`, uid });
  },
};
