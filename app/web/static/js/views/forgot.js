// Recovery without SMS: ask by USCC; then the code the region's regulator told, and a new password.

import "../accounts_texts.js";
import { api, ApiError, errorText } from "../api.js";
import { add, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";

export function render(main, _params, { navigate }) {
  const askUscc = field({ name: "uscc", label: t("forgot.uscc"), autocomplete: "username", required: true });
  const askError = formError();
  const answer = h("p", { class: "note", role: "status", hidden: true });
  const askForm = h("form", { novalidate: true, "aria-labelledby": "forgot-step1", onsubmit: ask },
    h("h2", { id: "forgot-step1" }, t("forgot.step1")),
    askUscc.el, askError.el, answer,
    h("button", { type: "submit", class: "btn primary" }, t("forgot.ask")));

  const uscc = field({ name: "uscc", label: t("forgot.uscc"), autocomplete: "username", required: true });
  const code = field({ name: "code", label: t("forgot.code"), hint: t("forgot.code_hint"), inputmode: "numeric", autocomplete: "one-time-code", required: true });
  const password = field({ name: "new_password", label: t("pw.new"), hint: t("pw.rules"), type: "password", autocomplete: "new-password", required: true });
  const resetError = formError();
  const resetForm = h("form", { novalidate: true, "aria-labelledby": "forgot-step2", onsubmit: reset },
    h("h2", { id: "forgot-step2" }, t("forgot.step2")),
    uscc.el, code.el, password.el, resetError.el,
    h("button", { type: "submit", class: "btn primary" }, t("forgot.reset")));

  add(main,
    h("p", {}, h("a", { href: "#/login" }, t("forgot.back"))),
    h("h1", {}, t("forgot.title")),
    h("p", { class: "lead" }, t("forgot.lead")),
    askForm, resetForm);

  async function ask(event) {
    event.preventDefault();
    askError.set("");
    try {
      const body = await api("/password-resets", { method: "POST", body: { uscc: askUscc.value() }, auth: false });
      answer.textContent = body.detail;
      answer.hidden = false;
      if (!uscc.value()) uscc.input.value = askUscc.value();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) showProblem({ uscc: askUscc }, askError, err, t);
      else askError.set(errorText(err, t));
    }
  }

  async function reset(event) {
    event.preventDefault();
    resetError.set("");
    const fields = { uscc, code, new_password: password };
    try {
      await api("/password-resets/redeem", {
        method: "POST",
        body: { uscc: uscc.value(), code: code.value(), new_password: password.value() },
        auth: false,
      });
      navigate("/login", { notice: t("forgot.done") });
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) showProblem(fields, resetError, err, t);
      else resetError.set(errorText(err, t));
    }
  }
}
