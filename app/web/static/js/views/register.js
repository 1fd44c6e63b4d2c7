// Enterprise self-registration, with the USCC checked character by character as it is typed.

import { api, ApiError, cachedJson, errorText } from "../api.js";
import { add, clear, h, uid } from "../dom.js";
import { lang, t } from "../i18n.js";
import { checkAsTyped, MESSAGES, unitForDivision } from "../uscc.js";
import { field, formError, showErrors, showProblem } from "./form.js";
import { signIn } from "./login.js";

const SIZES = ["large", "medium", "small", "micro"];

export async function render(main, _params, { navigate }) {
  const [industries, regions] = await Promise.all([
    cachedJson("/reference/industries"),
    cachedJson("/reference/regions"),
  ]);
  const unitName = (code) => {
    const unit = regions.units.find((u) => u.code === code);
    return unit ? (lang() === "en" ? unit.name_en : unit.name) : code;
  };

  const uscc = field({
    name: "uscc", label: t("reg.uscc"), hint: t("reg.uscc_hint"), required: true,
    autocomplete: "off", autocapitalize: "characters", spellcheck: "false", maxlength: "40",
  });
  const usccStatus = h("p", { class: "check", "aria-live": "polite", id: uid("uscc-status") });
  uscc.el.insertBefore(usccStatus, uscc.el.querySelector(".field-error"));
  const name = field({ name: "name", label: t("reg.name"), required: true, autocomplete: "organization", maxlength: "100" });
  const industry = industryPicker(industries.items);
  const size = sizeChoice();
  const region = field({
    name: "region", label: t("reg.region"), hint: t("reg.region_hint"), required: true,
    options: [["", t("reg.region_choose")], ...regions.units.map((u) => [u.code, lang() === "en" ? u.name_en : u.name])],
  });
  region.el.hidden = true;
  const derived = h("p", { class: "derived", hidden: true });
  const contactName = field({ name: "contact_name", label: t("reg.contact_name"), required: true, autocomplete: "name", maxlength: "50" });
  const phone = field({ name: "contact_phone", label: t("reg.contact_phone"), type: "tel", required: true, autocomplete: "tel", inputmode: "tel" });
  const email = field({ name: "contact_email", label: t("reg.contact_email"), type: "email", autocomplete: "email", inputmode: "email" });
  const password = field({ name: "password", label: t("reg.password"), hint: t("reg.password_hint"), type: "password", required: true, autocomplete: "new-password" });
  const show = h("label", { class: "inline" }, h("input", {
    type: "checkbox",
    onchange: (e) => (password.input.type = e.target.checked ? "text" : "password"),
  }), t("reg.show_password"));
  password.el.append(show);

  const fields = { uscc, name, industry, size, region, contact_name: contactName, contact_phone: phone, contact_email: email, password };
  const error = formError();
  const submit = h("button", { type: "submit", class: "btn primary wide" }, t("reg.submit"));
  add(main, 
    h("h1", {}, t("reg.title")),
    h("p", { class: "lead" }, t("reg.lead")),
    h("form", { novalidate: true, onsubmit: onSubmit },
      uscc.el, derived, name.el, industry.el, size.el, region.el,
      h("h2", { class: "sub" }, t("reg.contact")), contactName.el, phone.el, email.el,
      h("h2", { class: "sub" }, t("reg.account")), password.el,
      error.el, submit),
    h("p", { class: "alt" }, t("reg.have_account"), " ", h("a", { href: "#/login" }, t("reg.login"))),
  );

  let regionNeeded = false;
  // Instant feedback: an error as soon as one is certain; where the code says it was registered.
  function checkUscc({ final = false } = {}) {
    const result = checkAsTyped(uscc.value());
    const message = (key) => MESSAGES[key][lang() === "en" ? "en" : "zh"];
    usccStatus.className = "check";
    derived.hidden = true;
    regionNeeded = false;
    if (result.state === "error") {
      usccStatus.textContent = "";
      uscc.setError(message(result.error));
    } else if (result.state === "incomplete") {
      uscc.setError(final ? message("length") : "");
      usccStatus.textContent = t("reg.uscc_count", { n: result.count });
    } else if (result.state === "ok") {
      uscc.setError("");
      usccStatus.className = "check ok";
      usccStatus.textContent = t("reg.uscc_ok");
      const unit = unitForDivision(result.division, regions);
      if (unit) {
        derived.textContent = t("reg.region_derived", { region: unitName(unit) });
        derived.hidden = false;
      } else {
        regionNeeded = true;
      }
    } else {
      uscc.setError(final ? t("form.required") : "");
      usccStatus.textContent = "";
    }
    region.el.hidden = !regionNeeded;
    return result;
  }
  uscc.input.addEventListener("input", () => checkUscc());
  uscc.input.addEventListener("blur", () => uscc.value() && checkUscc({ final: true }));

  async function onSubmit(event) {
    event.preventDefault();
    error.set("");
    const local = {};
    const code = checkUscc({ final: true });
    if (code.state === "error") local.uscc = [MESSAGES[code.error][lang() === "en" ? "en" : "zh"]];
    else if (code.state === "incomplete") local.uscc = [MESSAGES.length[lang() === "en" ? "en" : "zh"]];
    else if (code.state === "empty") local.uscc = [t("form.required")];
    for (const [key, f] of Object.entries({ name, contact_name: contactName, contact_phone: phone, password })) {
      if (!f.value().trim()) local[key] = [t("form.required")];
    }
    if (!industry.value()) local.industry = [t("reg.industry_required")];
    if (!size.value()) local.size = [t("reg.size_required")];
    if (regionNeeded && !region.value()) local.region = [t("reg.region_required")];
    if (password.value() && password.value().length < 10) local.password = [t("reg.password_short")];
    if (Object.keys(local).length) {
      showErrors(fields, local);
      return;
    }
    showErrors(fields, {});
    const body = {
      uscc: code.code,
      name: name.value().trim(),
      industry: industry.value(),
      size: size.value(),
      contact_name: contactName.value().trim(),
      contact_phone: phone.value().trim(),
      password: password.value(),
    };
    if (email.value().trim()) body.contact_email = email.value().trim();
    if (regionNeeded) body.region = region.value();
    submit.disabled = true;
    try {
      await api("/auth/register", { method: "POST", body, auth: false });
      await signIn(body.uscc, body.password);
      navigate("/");
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        showProblem(fields, error, err, t);
      } else if (err instanceof ApiError && err.status === 409) {
        showErrors(fields, { uscc: [t("reg.uscc_taken")] });
      } else {
        error.set(errorText(err, t));
      }
    } finally {
      submit.disabled = false;
    }
  }
}

function sizeChoice() {
  const id = uid("size");
  const errorEl = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const radios = SIZES.map((s) => h("input", { type: "radio", name: "size", value: s, "aria-describedby": `${id}-hint ${id}-error` }));
  const el = h("fieldset", { class: "field choice", id },
    h("legend", {}, t("reg.size"), h("span", { class: "req", "aria-hidden": "true" }, " *")),
    h("p", { class: "hint", id: `${id}-hint` }, t("reg.size_hint")),
    h("div", { class: "options cols2" }, SIZES.map((s, i) => h("label", { class: "opt" }, radios[i], h("span", {}, t(`size.${s}`))))),
    errorEl);
  return {
    el,
    input: radios[0],
    value: () => (radios.find((r) => r.checked) || {}).value || "",
    setError(messages) {
      const message = messages ? [].concat(messages).join(" ") : "";
      errorEl.textContent = message;
      errorEl.hidden = !message;
      radios.forEach((r) => (message ? r.setAttribute("aria-invalid", "true") : r.removeAttribute("aria-invalid")));
    },
  };
}

// Search the GB/T 4754-2017 classes by code or by words from the class or any level above it.
function industryPicker(entries) {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const path = (e) => {
    const chain = [];
    for (let x = e; x; x = x.parent ? byCode.get(x.parent) : null) chain.unshift(x);
    return chain;
  };
  const classes = entries.filter((e) => e.level === "class").map((e) => ({
    entry: e,
    hay: path(e).map((x) => x.name).join(" ").toLowerCase(),
  }));

  const id = uid("industry");
  let chosen = "";
  const search = h("input", {
    id, type: "search", autocomplete: "off", "aria-describedby": `${id}-hint ${id}-error`,
    "aria-controls": `${id}-results`, placeholder: t("reg.industry_placeholder"),
  });
  const results = h("div", { id: `${id}-results`, class: "results" });
  const summary = h("p", { class: "chosen", "aria-live": "polite" });
  const errorEl = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const el = h("div", { class: "field" },
    h("label", { for: id }, t("reg.industry"), h("span", { class: "req", "aria-hidden": "true" }, " *")),
    h("p", { class: "hint", id: `${id}-hint` }, t("reg.industry_hint")),
    search, results, summary, errorEl);

  function choose(entry) {
    chosen = entry.code;
    summary.textContent = t("reg.industry_chosen", { code: entry.code, name: path(entry).slice(1).map((x) => x.name).join(" › ") });
    clear(results);
    search.value = "";
    errorEl.hidden = true;
    search.removeAttribute("aria-invalid");
  }

  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase().normalize("NFKC");
    clear(results);
    if (!q) return;
    const digits = q.replace(/^[a-t]/, "");
    const hits = classes
      .map((c) => {
        const code = c.entry.code.toLowerCase();
        let rank = -1;
        if (code.startsWith(q) || (/^\d+$/.test(digits) && code.slice(1).startsWith(digits))) rank = 0;
        else if (c.entry.name.toLowerCase().includes(q)) rank = 1;
        else if (c.hay.includes(q)) rank = 2;
        return { c, rank };
      })
      .filter((x) => x.rank >= 0)
      .sort((a, b) => a.rank - b.rank || a.c.entry.code.localeCompare(b.c.entry.code));
    const shown = hits.slice(0, 12);
    add(results, 
      h("p", { class: "hint", role: "status" }, hits.length ? t("reg.industry_hits", { n: hits.length, shown: shown.length }) : t("reg.industry_none")),
      h("ul", { class: "picks" }, shown.map(({ c }) => h("li", {}, h("button", {
        type: "button", class: "pick", onclick: () => { choose(c.entry); search.focus(); },
      }, h("span", { class: "code" }, c.entry.code), " ", c.entry.name)))),
    );
  });

  return {
    el,
    input: search,
    value: () => chosen,
    setError(messages) {
      const message = messages ? [].concat(messages).join(" ") : "";
      errorEl.textContent = message;
      errorEl.hidden = !message;
      if (message) search.setAttribute("aria-invalid", "true");
      else search.removeAttribute("aria-invalid");
    },
  };
}
