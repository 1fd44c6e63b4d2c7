// The administrator's integrations: webhooks (register, disable, delete, delivery log,
// redeliver) and service tokens (issue, revoke). Secrets are shown once, where they were made.

import "../integrations_texts.js";
import { api, ApiError, cachedJson, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";

const SCOPES = ["assessments:read", "aggregates:read", "exports:read"];
const when = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" }) : "");

export async function render(main, _params, { notify }) {
  const regions = await cachedJson("/reference/regions").catch(() => ({ province: null, units: [] }));
  const hooks = h("ul", { class: "rows", "aria-label": t("int.hooks") });
  const tokens = h("ul", { class: "rows", "aria-label": t("int.tokens") });
  const names = Object.fromEntries([["130000", t("acc.province")], ...regions.units.map((u) => [u.code, u.name])]);
  let events = [];

  async function loadHooks() {
    const answer = await api("/webhooks");
    events = answer.events;
    clear(hooks);
    if (!answer.items.length) add(hooks, h("li", { class: "hint" }, t("int.hooks_empty")));
    hooks.append(...answer.items.map((w) => hookRow(w, notify, loadHooks)));
  }
  async function loadTokens() {
    const answer = await api("/service-tokens");
    clear(tokens);
    if (!answer.items.length) add(tokens, h("li", { class: "hint" }, t("int.tokens_empty")));
    tokens.append(...answer.items.map((s) => tokenRow(s, notify, loadTokens, names)));
  }
  try {
    await Promise.all([loadHooks(), loadTokens()]);
  } catch (err) {
    notify(errorText(err, t), { error: true });
  }
  add(main,
    h("p", {}, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, t("int.title")),
    h("p", { class: "lead" }, t("int.lead")),
    h("section", { "aria-labelledby": "int-hooks" },
      h("h2", { id: "int-hooks" }, t("int.hooks")),
      h("p", { class: "hint" }, t("int.hooks_lead")),
      hookForm(events, notify, loadHooks),
      hooks),
    h("section", { "aria-labelledby": "int-tokens" },
      h("h2", { id: "int-tokens" }, t("int.tokens")),
      h("p", { class: "hint" }, t("int.tokens_lead")),
      tokenForm(regions, notify, loadTokens),
      tokens));
}

// Checkboxes in a fieldset; `field` gives showProblem a place for the list's errors.
function choices(name, legend, values, label) {
  const boxes = values.map((value) => h("label", { class: "choice" },
    h("input", { type: "checkbox", name, value }), " ", label(value)));
  const errorEl = h("p", { class: "field-error", hidden: true });
  const el = h("fieldset", { class: "field" }, h("legend", {}, legend), ...boxes, errorEl);
  const checked = () => boxes.map((b) => b.firstChild).filter((b) => b.checked).map((b) => b.value);
  return {
    el,
    checked,
    input: boxes[0] && boxes[0].firstChild,
    setError(messages) {
      errorEl.textContent = messages || "";
      errorEl.hidden = !messages;
    },
  };
}

// A secret shown once, with a button to copy it (or select it where the clipboard is refused).
function secretNote(text, secret, hint) {
  const code = h("code", { class: "secret long" }, secret);
  const copy = h("button", { type: "button", class: "btn small" }, t("acc.copy"));
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(secret);
      copy.textContent = t("acc.copied");
    } catch {
      getSelection().selectAllChildren(code);
    }
  });
  return h("div", { class: "note", role: "status" }, text, code, copy, h("p", { class: "hint" }, hint));
}

function hookForm(events, notify, reload) {
  const name = field({ name: "name", label: t("int.hook_name"), required: true, autocomplete: "off" });
  const url = field({ name: "url", label: t("int.hook_url"), hint: t("int.hook_url_hint"), required: true, type: "url", autocomplete: "off", placeholder: "https://" });
  const picked = choices("events", t("int.hook_events"), events, (e) => t(`int.event_${e}`));
  const error = formError();
  const created = h("div");
  const fields = { name, url, events: picked };
  async function submit(event) {
    event.preventDefault();
    error.set("");
    clear(created);
    for (const f of Object.values(fields)) f.setError(null);
    try {
      const answer = await api("/webhooks", { method: "POST", body: { name: name.value().trim(), url: url.value().trim(), events: picked.checked() } });
      add(created, secretNote(t("int.hook_created", { name: answer.name }), answer.secret, t("int.secret_hint")));
      name.input.value = "";
      url.input.value = "";
      await reload();
    } catch (err) {
      if (err instanceof ApiError && [409, 422].includes(err.status)) showProblem(fields, error, err, t);
      else notify(errorText(err, t), { error: true });
    }
  }
  return h("div", {},
    h("details", { class: "card" },
      h("summary", {}, t("int.hook_create")),
      h("form", { novalidate: true, "aria-label": t("int.hook_create"), onsubmit: submit },
        name.el, url.el, picked.el, error.el,
        h("button", { type: "submit", class: "btn primary" }, t("int.hook_submit")))),
    created);
}

function hookRow(w, notify, reload) {
  const badge = h("span", { class: "badge", hidden: w.active }, t("int.inactive"));
  const toggle = h("button", { type: "button", class: "btn small", "aria-label": `${w.active ? t("int.disable") : t("int.enable")} ${w.name}` },
    w.active ? t("int.disable") : t("int.enable"));
  toggle.addEventListener("click", async () => {
    toggle.disabled = true;
    try {
      const changed = await api(`/webhooks/${w.id}/${w.active ? "disable" : "enable"}`, { method: "POST" });
      notify(t(changed.active ? "int.enabled_done" : "int.disabled_done", { name: w.name }));
      await reload();
    } catch (err) {
      notify(errorText(err, t), { error: true });
      toggle.disabled = false;
    }
  });
  const remove = h("button", { type: "button", class: "btn small", "aria-label": `${t("int.delete")} ${w.name}` }, t("int.delete"));
  remove.addEventListener("click", async () => {
    if (!window.confirm(t("int.delete_confirm", { name: w.name }))) return;
    try {
      await api(`/webhooks/${w.id}`, { method: "DELETE" });
      notify(t("int.deleted", { name: w.name }));
      await reload();
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  });
  // A new secret, shown once in the row; the old one signs beside it until the overlap ends.
  const rotated = h("div", {});
  const overlap = h("p", { class: "meta overlap", hidden: !w.previous_secret_until },
    w.previous_secret_until ? t("int.overlap", { until: when(w.previous_secret_until) }) : "");
  const rotate = h("button", { type: "button", class: "btn small", "aria-label": `${t("int.rotate")} ${w.name}` }, t("int.rotate"));
  rotate.addEventListener("click", async () => {
    if (!window.confirm(t("int.rotate_confirm", { name: w.name }))) return;
    rotate.disabled = true;
    try {
      const answer = await api(`/webhooks/${w.id}/rotate-secret`, { method: "POST" });
      const until = when(answer.previous_secret_until);
      clear(rotated);
      add(rotated, secretNote(t("int.rotated", { name: w.name, until }), answer.secret, t("int.rotate_hint")));
      overlap.textContent = t("int.overlap", { until });
      overlap.hidden = false;
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
    rotate.disabled = false;
  });
  const d = w.deliveries;
  const counts = t("int.counts", { delivered: d.delivered || 0, pending: (d.pending || 0) + (d.sending || 0), failed: d.failed || 0 });
  return h("li", { class: "row card-row webhook" },
    h("strong", {}, w.name), " ", badge,
    h("br"),
    h("span", { class: "meta url" }, w.url),
    h("br"),
    h("span", { class: "meta" }, w.events.map((e) => t(`int.event_${e}`)).join("、")),
    h("br"),
    h("span", { class: "meta" }, counts),
    overlap,
    rotated,
    deliveryLog(w, notify),
    h("div", { class: "actions" }, toggle, rotate, remove));
}

// The webhook's latest deliveries with every attempt, fetched when the reader opens them.
function deliveryLog(w, notify) {
  const list = h("ul", { class: "sign-ins deliveries" });
  const box = h("details", {}, h("summary", {}, t("int.log")), list);
  async function load() {
    const { items } = await api(`/webhooks/${w.id}/deliveries?limit=20`);
    clear(list);
    if (!items.length) add(list, h("li", {}, t("int.log_empty")));
    list.append(...items.map((d) => delivery(w, d)));
  }
  function delivery(webhook, d) {
    const attempts = d.attempts.map((a) => h("li", {}, t("int.attempt", {
      n: a.number, ms: a.duration_ms,
      outcome: t(`int.outcome_${a.outcome}`, { status: a.status }),
    })));
    const again = h("button", { type: "button", class: "btn small", "aria-label": `${t("int.redeliver")} #${d.id}` }, t("int.redeliver"));
    again.addEventListener("click", async () => {
      again.disabled = true;
      try {
        await api(`/webhooks/${webhook.id}/deliveries/${d.id}/redeliver`, { method: "POST" });
        notify(t("int.redelivered"));
        await load();
      } catch (err) {
        notify(errorText(err, t), { error: true });
        again.disabled = false;
      }
    });
    const subject = d.payload.assessment_id ? ` · ${t("int.subject", { id: d.payload.assessment_id })}` : "";
    return h("li", {},
      h("span", {}, `${when(d.created_at)} · ${t(`int.event_${d.event}`)}${subject} · `, h("strong", {}, t(`int.state_${d.state}`))),
      d.state === "pending" && d.next_attempt_at ? h("span", { class: "meta" }, ` · ${t("int.next", { at: when(d.next_attempt_at) })}`) : null,
      attempts.length ? h("ol", { class: "attempts" }, attempts) : null,
      webhook.active && ["delivered", "failed"].includes(d.state) ? again : null);
  }
  box.addEventListener("toggle", async () => {
    if (!box.open) return;
    try {
      await load();
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  });
  return box;
}

function tokenForm(regions, notify, reload) {
  const name = field({ name: "name", label: t("int.token_name"), hint: t("int.token_name_hint"), required: true, autocomplete: "off" });
  const scopes = choices("scopes", t("int.token_scopes"), SCOPES, (s) => t(`int.scope_${s}`));
  const units = [[regions.province ? regions.province.code : "130000", t("acc.province")], ...regions.units.map((u) => [u.code, u.name])];
  const jurisdiction = field({ name: "jurisdiction", label: t("int.token_region"), required: true, options: units });
  const days = field({ name: "days", label: t("int.token_days"), hint: t("int.token_days_hint"), type: "number", min: "1", max: "3650", inputmode: "numeric" });
  const error = formError();
  const created = h("div");
  const fields = { name, scopes, jurisdiction, days };
  async function submit(event) {
    event.preventDefault();
    error.set("");
    clear(created);
    for (const f of Object.values(fields)) f.setError(null);
    const body = { name: name.value().trim(), scopes: scopes.checked(), jurisdiction: jurisdiction.value() };
    if (days.value().trim()) body.days = Number(days.value());
    try {
      const answer = await api("/service-tokens", { method: "POST", body });
      add(created, secretNote(t("int.token_created", { name: answer.name }), answer.token, t("int.token_hint")));
      name.input.value = "";
      await reload();
    } catch (err) {
      if (err instanceof ApiError && [409, 422].includes(err.status)) showProblem(fields, error, err, t);
      else notify(errorText(err, t), { error: true });
    }
  }
  return h("div", {},
    h("details", { class: "card" },
      h("summary", {}, t("int.token_create")),
      h("form", { novalidate: true, "aria-label": t("int.token_create"), onsubmit: submit },
        name.el, scopes.el, jurisdiction.el, days.el, error.el,
        h("button", { type: "submit", class: "btn primary" }, t("int.token_submit")))),
    created);
}

function tokenRow(s, notify, reload, names) {
  const revoke = s.state === "revoked" ? null
    : h("button", { type: "button", class: "btn small", "aria-label": `${t("int.revoke")} ${s.name}` }, t("int.revoke"));
  if (revoke) revoke.addEventListener("click", async () => {
    if (!window.confirm(t("int.revoke_confirm", { name: s.name }))) return;
    try {
      await api(`/service-tokens/${s.id}`, { method: "DELETE" });
      notify(t("int.revoked", { name: s.name }));
      await reload();
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  });
  return h("li", { class: "row card-row service-token" },
    h("strong", {}, s.name), " ",
    h("span", { class: "badge", hidden: s.state === "active" }, t(`int.token_state_${s.state}`)),
    h("br"),
    h("span", { class: "meta" }, [s.scopes.map((x) => t(`int.scope_${x}`)).join("、"), names[s.jurisdiction] || s.jurisdiction,
      s.expires_at ? t("int.token_expires", { at: s.expires_at.slice(0, 10) }) : t("int.token_forever")].join(" · ")),
    revoke ? h("div", { class: "actions" }, revoke) : null);
}
