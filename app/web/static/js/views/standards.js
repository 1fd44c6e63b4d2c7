// The answer to a standard_list question: the standards the enterprise applies, one card each.
// Code patterns follow app/questionnaires/standard_entries.py.

import { h, clear } from "../dom.js";
import { t } from "../i18n.js";

const NUM = "\\d+(?:\\.\\d+)*";
const TAIL = "[-—–](?:19|20)\\d{2}";
const PATTERNS = [
  new RegExp(`^GB(?:/[TZ])? ?${NUM}${TAIL}$`),
  new RegExp(`^DB\\d{2}(?:/T)? ?${NUM}${TAIL}$`),
  new RegExp(`^T/[A-Z][A-Z0-9]{1,15} ?${NUM}${TAIL}$`),
  new RegExp(`^Q/[A-Z0-9]{1,20} ?[A-Z0-9]+(?:\\.[A-Z0-9]+)*${TAIL}$`),
  new RegExp(`^(?!GB|DB)[A-Z]{2}(?:/[TZ])? ?${NUM}${TAIL}$`),
];
const FLAGS = ["disclosed", "indicators_disclosed", "test_methods_disclosed", "below_recommended", "below_recommended_declared"];
const ENTERPRISE_ONLY = ["indicators_disclosed", "test_methods_disclosed"];

const codeOk = (code) => PATTERNS.some((p) => p.test(code));
const isEnterprise = (code) => /^Q\//.test(code);
const blank = () => ({ code: "", name: "", ...Object.fromEntries(FLAGS.map((f) => [f, false])) });

export function standardList(q, { id, describedBy, onChange, uid }) {
  let entries = [];
  const list = h("ol", { class: "standards" });
  const status = h("p", { class: "hint", "aria-live": "polite" });
  const add = h("button", { type: "button", class: "btn", id: `${id}-add` }, t("std.add"));

  // Only complete, well-formed entries are saved; the others wait with a hint on their card.
  function commit() {
    const ready = entries
      .map((e) => ({ ...e, code: e.code.normalize("NFKC").trim().toUpperCase(), name: e.name.trim() }))
      .filter((e) => e.code && e.name && codeOk(e.code));
    onChange(ready.length ? ready : entries.length ? undefined : null);
    status.textContent = entries.length > ready.length ? t("std.incomplete", { n: entries.length - ready.length }) : "";
  }

  function card(entry, index) {
    const codeId = uid("std-code");
    const codeHint = h("p", { class: "field-error", hidden: true, id: `${codeId}-error` });
    const code = h("input", {
      id: codeId, type: "text", value: entry.code, autocomplete: "off", autocapitalize: "characters",
      spellcheck: "false", placeholder: "GB/T 19001-2016", "aria-describedby": `${codeId}-error`,
    });
    const nameId = uid("std-name");
    const name = h("input", { id: nameId, type: "text", value: entry.name, maxlength: "200" });
    const flags = FLAGS.map((flag) => {
      const box = h("input", { type: "checkbox", checked: entry[flag], onchange: (e) => { entry[flag] = e.target.checked; commit(); } });
      const label = h("label", { class: "opt", dataset: { flag } }, box, h("span", {}, t(`std.${flag}`)));
      return label;
    });
    const showFlags = () => {
      for (const label of flags) {
        if (ENTERPRISE_ONLY.includes(label.dataset.flag)) label.hidden = !isEnterprise(entry.code.trim().toUpperCase());
        if (label.dataset.flag === "below_recommended_declared") label.hidden = !entry.below_recommended;
      }
    };
    code.addEventListener("input", () => {
      entry.code = code.value;
      showFlags();
      commit();
    });
    code.addEventListener("blur", () => {
      const value = code.value.normalize("NFKC").trim().toUpperCase();
      const bad = value && !codeOk(value);
      codeHint.textContent = bad ? t("std.bad_code") : "";
      codeHint.hidden = !bad;
      if (bad) code.setAttribute("aria-invalid", "true");
      else code.removeAttribute("aria-invalid");
    });
    name.addEventListener("input", () => {
      entry.name = name.value;
      commit();
    });
    flags.forEach((label) => label.querySelector("input").addEventListener("change", showFlags));
    showFlags();
    return h("li", { class: "standard" },
      h("fieldset", {},
        h("legend", {}, t("std.entry", { n: index + 1 })),
        h("div", { class: "field" }, h("label", { for: codeId }, t("std.code")), code, codeHint),
        h("div", { class: "field" }, h("label", { for: nameId }, t("std.name")), name),
        h("div", { class: "options" }, flags),
        h("button", {
          type: "button", class: "link small",
          onclick: () => { entries.splice(index, 1); draw(); commit(); add.focus(); },
        }, t("std.remove", { n: index + 1 }))));
  }

  function draw() {
    clear(list).append(...entries.map(card));
    add.disabled = entries.length >= 50;
  }

  add.addEventListener("click", () => {
    entries.push(blank());
    draw();
    list.lastElementChild.querySelector("input").focus();
  });

  return {
    group: true,
    el: h("div", { "aria-describedby": describedBy }, list, status, add),
    sync(value) {
      if (list.contains(document.activeElement)) return;
      entries = Array.isArray(value) ? value.map((e) => ({ ...blank(), ...e })) : [];
      draw();
    },
  };
}
