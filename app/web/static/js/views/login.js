// Sign in with a USCC (enterprises) or a staff username.

import { api, ApiError, errorText, session } from "../api.js";
import { add, h } from "../dom.js";
import "../accounts_texts.js";
import { t } from "../i18n.js";
import { field, formError, showErrors, showProblem } from "./form.js";

// The refresh token comes back as an HttpOnly cookie (X-Refresh-Cookie), never to this script.
export async function signIn(username, password) {
  const tokens = await api("/auth/login", {
    method: "POST",
    body: { username, password },
    headers: { "X-Refresh-Cookie": "1" },
    auth: false,
  });
  session.set({ ...tokens, username: tokens.username || username });
}

export function render(main, _params, { navigate }) {
  const username = field({ name: "username", label: t("login.username"), hint: t("login.username_hint"), autocomplete: "username", required: true });
  const password = field({ name: "password", label: t("login.password"), type: "password", autocomplete: "current-password", required: true });
  const error = formError();
  const submit = h("button", { type: "submit", class: "btn primary wide" }, t("login.submit"));
  const form = h("form", { novalidate: true, onsubmit: onSubmit }, username.el, password.el, error.el, submit);

  add(main, 
    h("h1", {}, t("login.title")),
    h("p", { class: "lead" }, t("login.lead")),
    form,
    h("p", { class: "alt" }, h("a", { href: "#/forgot" }, t("forgot.link"))),
    h("p", { class: "alt" }, t("login.no_account"), " ", h("a", { href: "#/register" }, t("login.register"))),
  );

  async function onSubmit(event) {
    event.preventDefault();
    error.set("");
    const fields = { username, password };
    const empty = Object.entries(fields).filter(([, f]) => !f.value().trim());
    if (empty.length) {
      showErrors(fields, Object.fromEntries(empty.map(([name]) => [name, [t("form.required")]])));
      return;
    }
    submit.disabled = true;
    try {
      await signIn(username.value().trim(), password.value());
      // Where a shared link pointed before signing in (main.js), once.
      const next = sessionStorage.getItem("qa.after_login");
      sessionStorage.removeItem("qa.after_login");
      navigate(next || "/");
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        showProblem(fields, error, err, t);
      } else {
        error.set(errorText(err, t));
      }
    } finally {
      submit.disabled = false;
    }
  }
}
