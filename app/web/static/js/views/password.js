// Change one's own password (every role); a temporary password must be changed here first.

import "../accounts_texts.js";
import { api, ApiError, errorText, session } from "../api.js";
import { add, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";

export function render(main, _params, { navigate, notify }) {
  const must = Boolean(session.get().must_change_password);
  const current = field({ name: "current_password", label: t("pw.current"), type: "password", autocomplete: "current-password", required: true });
  const next = field({ name: "new_password", label: t("pw.new"), hint: t("pw.rules"), type: "password", autocomplete: "new-password", required: true });
  const error = formError();
  const submit = h("button", { type: "submit", class: "btn primary wide" }, t("pw.submit"));
  add(main,
    must ? null : h("p", {}, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, t("pw.title")),
    h("p", { class: "lead" }, must ? t("pw.must") : t("pw.lead")),
    h("form", { novalidate: true, onsubmit: onSubmit }, current.el, next.el, error.el, submit));

  async function onSubmit(event) {
    event.preventDefault();
    error.set("");
    submit.disabled = true;
    try {
      // The answer carries this session's new tokens (the refresh token in its cookie).
      const tokens = await api("/me/password", {
        method: "POST",
        body: { current_password: current.value(), new_password: next.value() },
        headers: { "X-Refresh-Cookie": "1" },
      });
      session.set(tokens);
      navigate("/", { notice: t("pw.done") });
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) showProblem({ current_password: current, new_password: next }, error, err, t);
      else error.set(errorText(err, t));
    } finally {
      submit.disabled = false;
    }
  }
  void notify;
}
