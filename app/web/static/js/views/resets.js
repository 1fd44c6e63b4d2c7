// A regulator's (or the admin's) open password reset requests: call the company, issue a code.

import "../accounts_texts.js";
import { api, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";

const when = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" }) : "");

export async function render(main, _params, { notify }) {
  const list = h("ul", { class: "rows" });
  add(main,
    h("p", {}, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, t("resets.title")),
    h("p", { class: "lead" }, t("resets.lead")),
    list);

  async function load() {
    const page = await api("/password-resets?limit=200");
    clear(list);
    if (!page.items.length) add(list, h("li", { class: "hint" }, t("resets.empty")));
    list.append(...page.items.map(row));
  }

  function row(r) {
    const e = r.enterprise;
    const shown = h("p", { class: "note", role: "status", hidden: true });
    const button = h("button", { type: "button", class: "btn primary" },
      r.state === "issued" ? t("resets.reissue") : t("resets.issue"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const issued = await api(`/password-resets/${r.id}/code`, { method: "POST" });
        shown.textContent = t("resets.code", { code: issued.code, until: when(issued.expires_at) });
        shown.hidden = false;
        button.textContent = t("resets.reissue");
      } catch (err) {
        notify(errorText(err, t), { error: true });
      } finally {
        button.disabled = false;
      }
    });
    // Or by email, to the address given at registration: the code is never shown here.
    const mail = e.contact_email ? h("button", { type: "button", class: "btn" }, t("resets.email")) : null;
    if (mail) mail.addEventListener("click", async () => {
      mail.disabled = true;
      try {
        const sent = await api(`/password-resets/${r.id}/code`, { method: "POST", body: { channel: "email" } });
        shown.textContent = t("resets.emailed", { to: sent.sent_to, until: when(sent.expires_at) });
        shown.hidden = false;
      } catch (err) {
        notify(errorText(err, t), { error: true });
      } finally {
        mail.disabled = false;
      }
    });
    // Closing: the caller could not be reached or was not the company; a code given ends too.
    const close = h("button", { type: "button", class: "btn" }, t("resets.cancel"));
    close.addEventListener("click", async () => {
      if (!window.confirm(t("resets.cancel_confirm", { name: e.name }))) return;
      close.disabled = true;
      try {
        await api(`/password-resets/${r.id}/cancel`, { method: "POST" });
        notify(t("resets.cancelled", { name: e.name }));
        await load();
      } catch (err) {
        notify(errorText(err, t), { error: true });
        close.disabled = false;
      }
    });
    return h("li", { class: "row card-row" },
      h("strong", {}, e.name),
      h("br"),
      h("span", { class: "meta" }, [e.uscc, e.contact_name].filter(Boolean).join(" · "), " · ",
        h("a", { class: "inline", href: `tel:${e.contact_phone}` }, e.contact_phone)),
      h("p", { class: "hint" }, t("resets.requested", { at: when(r.requested_at) }),
        r.state === "issued" ? ` · ${t("resets.issued")}` : ""),
      h("div", { class: "actions" }, button, mail, close),
      shown);
  }

  await load();
}
