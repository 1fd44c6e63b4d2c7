// The administrator's console: find accounts, create staff with a temporary password, disable,
// give a staff account a new temporary password.

import "../accounts_texts.js";
import { api, ApiError, cachedJson, errorText, session } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";
import { staffImport } from "./staff_import.js";

const ROLES = ["enterprise", "regulator", "association", "admin"];
const STATES = ["active", "disabled", "password_change"];
const day = (iso) => (iso ? iso.slice(0, 10) : "");

export async function render(main, { notify }) {
  const regions = await cachedJson("/reference/regions").catch(() => ({ province: null, units: [] }));
  const names = Object.fromEntries(regions.units.map((u) => [u.code, u.name]));
  const q = field({ name: "q", label: t("acc.q"), type: "search" });
  const role = field({ name: "role", label: t("acc.role"), options: [["", t("acc.any")], ...ROLES.map((r) => [r, t(`acc.role_${r}`)])] });
  const state = field({ name: "state", label: t("acc.state"), options: [["", t("acc.any")], ...STATES.map((s) => [s, t(`acc.state_${s}`)])] });
  const units = [["130000", t("acc.province")], ...regions.units.map((u) => [u.code, u.name])];
  const region = field({ name: "region", label: t("acc.region"), options: [["", t("acc.any")], ...units] });
  const idle = field({ name: "idle", label: t("acc.idle"), options: [["", t("acc.any")], ["never", t("acc.never")], ["30", t("acc.idle_days", { n: 30 })], ["90", t("acc.idle_days", { n: 90 })]] });
  const search = h("form", { class: "filters", role: "search", "aria-label": t("acc.search"), onsubmit: (e) => { e.preventDefault(); load(true); } },
    q.el, role.el, state.el, region.el, idle.el, h("button", { type: "submit", class: "btn" }, t("acc.search")));
  const count = h("p", { class: "hint", role: "status" });
  const list = h("ul", { class: "rows" });
  const more = h("button", { type: "button", class: "btn", hidden: true, onclick: () => load(false) }, t("acc.more"));
  add(main,
    h("p", {}, h("a", { href: "#/resets" }, t("acc.resets")), " · ", h("a", { href: "#/questionnaires" }, t("acc.questionnaires"))),
    h("h2", {}, t("acc.title")),
    h("p", { class: "lead" }, t("acc.lead")),
    createForm(regions, notify, () => load(true)),
    staffImport(() => load(true)),
    h("h2", {}, t("acc.search")),
    search, count, list, more);
  for (const f of [role, state, region, idle]) f.input.addEventListener("change", () => load(true));

  let cursor = null;
  let shown = 0;
  let latest = 0; // filters changed quickly: only the last search's answer is shown
  async function load(reset) {
    const mine = ++latest;
    const query = new URLSearchParams({ limit: "20" });
    for (const [name, f] of Object.entries({ q, role, state, region })) if (f.value().trim()) query.set(name, f.value().trim());
    // Not signed in for N days: the last sign-in is before today − N (or there was none).
    if (idle.value() === "never") query.set("never_signed_in", "true");
    else if (idle.value()) query.set("signed_in_to", new Date(Date.now() - Number(idle.value()) * 864e5).toISOString().slice(0, 10));
    if (!reset && cursor) query.set("cursor", cursor);
    try {
      const page = await api(`/accounts?${query}`);
      if (mine !== latest) return;
      if (reset) {
        clear(list);
        shown = 0;
      }
      cursor = page.next_cursor;
      shown += page.items.length;
      list.append(...page.items.map((a) => row(a, notify, names)));
      more.hidden = !cursor;
      count.textContent = shown ? "" : t("acc.empty");
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  }
  await load(true);
}

function scope(a, names) {
  if (a.enterprise) return [names[a.enterprise.region] || a.enterprise.region, a.enterprise.industry];
  if (a.jurisdiction_name) return [a.jurisdiction_name];
  return [(a.industries || []).join(", ")];
}

function row(a, notify, names) {
  const badge = h("span", { class: "badge" }, t(`acc.state_${a.state}`));
  const toggle = h("button", { type: "button", class: "btn small" });
  const paint = (account) => {
    badge.textContent = t(`acc.state_${account.state}`);
    badge.hidden = account.state === "active";
    toggle.textContent = account.state === "disabled" ? t("acc.enable") : t("acc.disable");
    toggle.setAttribute("aria-label", `${toggle.textContent} ${account.display_name}`);
  };
  paint(a);
  const own = a.username === session.get().username;
  const temporary = own || a.role === "enterprise" ? null : temporaryPassword(a, notify, paint);
  toggle.addEventListener("click", async () => {
    const action = a.state === "disabled" ? "enable" : "disable";
    toggle.disabled = true;
    try {
      a = await api(`/accounts/${a.id}/${action}`, { method: "POST" });
      paint(a);
      notify(t(action === "disable" ? "acc.disabled_done" : "acc.enabled_done", { name: a.display_name }));
    } catch (err) {
      notify(errorText(err, t), { error: true });
    } finally {
      toggle.disabled = false;
    }
  });
  return h("li", { class: "row card-row account" },
    h("strong", {}, a.display_name), " ", badge,
    h("br"),
    h("span", { class: "meta" }, [a.username, t(`acc.role_${a.role}`), ...scope(a, names)].filter(Boolean).join(" · ")),
    h("br"),
    h("span", { class: "meta" }, a.last_sign_in_at ? t("acc.last", { at: day(a.last_sign_in_at) }) : t("acc.never")),
    signIns(a),
    // One's own account is never disabled here (the API refuses it too).
    own ? null : h("div", { class: "actions" }, toggle, temporary && temporary.button),
    temporary && temporary.shown);
}

// A staff account's new temporary password, shown once in the row. Enterprises recover through
// a reset code instead (the API refuses them), so they get no button.
function temporaryPassword(a, notify, paint) {
  const shown = h("div", { class: "note", role: "status", hidden: true });
  const button = h("button", { type: "button", class: "btn small", "aria-label": `${t("acc.temporary")} ${a.display_name}` }, t("acc.temporary"));
  button.addEventListener("click", async () => {
    if (!window.confirm(t("acc.temporary_confirm", { name: a.display_name }))) return;
    button.disabled = true;
    try {
      const answer = await api(`/accounts/${a.id}/temporary-password`, { method: "POST" });
      paint(answer.account);
      const secret = h("code", { class: "secret" }, answer.temporary_password);
      const copy = h("button", { type: "button", class: "btn small" }, t("acc.copy"));
      copy.addEventListener("click", async () => {
        // Clipboard needs a secure context; otherwise the text is selected for Ctrl+C.
        try {
          await navigator.clipboard.writeText(answer.temporary_password);
          copy.textContent = t("acc.copied");
        } catch {
          getSelection().selectAllChildren(secret);
        }
      });
      clear(shown);
      add(shown, t("acc.temporary_done", { name: answer.account.display_name }), h("br"), secret, " ", copy, h("br"), t("acc.temporary_hint"));
      shown.hidden = false;
    } catch (err) {
      notify(errorText(err, t), { error: true });
    } finally {
      button.disabled = false;
    }
  });
  return { button, shown };
}

// The account's latest sign-in attempts, fetched when the reader opens them.
function signIns(a) {
  const list = h("ul", { class: "sign-ins" });
  const box = h("details", {}, h("summary", {}, t("acc.sign_ins")), list);
  box.addEventListener("toggle", async () => {
    if (!box.open || list.childElementCount) return;
    try {
      const { items } = await api(`/accounts/${a.id}/sign-ins`);
      if (!items.length) add(list, h("li", {}, t("acc.never")));
      list.append(...items.map((s) => h("li", {},
        [new Date(s.at).toLocaleString(), t(s.status === 200 ? "acc.signed_in" : s.status === 429 ? "acc.limited" : "acc.failed"), s.address].filter(Boolean).join(" · "))));
    } catch (err) {
      add(list, h("li", {}, errorText(err, t)));
    }
  });
  return box;
}

function createForm(regions, notify, reload) {
  const role = field({ name: "role", label: t("acc.role"), required: true, options: ["regulator", "association", "admin"].map((r) => [r, t(`acc.role_${r}`)]) });
  const username = field({ name: "username", label: t("acc.username"), hint: t("acc.username_hint"), required: true, autocomplete: "off" });
  const name = field({ name: "display_name", label: t("acc.display_name") });
  const jurisdiction = jurisdictionPicker(regions);
  const industries = field({ name: "industries", label: t("acc.industries"), hint: t("acc.industries_hint"), required: true });
  const error = formError();
  const created = h("p", { class: "note", role: "status", hidden: true });
  const fields = { role, username, display_name: name, jurisdiction, industries };
  const showFor = () => {
    jurisdiction.el.hidden = role.value() !== "regulator";
    industries.el.hidden = role.value() !== "association";
  };
  role.input.addEventListener("change", showFor);
  showFor();
  async function submit(event) {
    event.preventDefault();
    error.set("");
    const body = { role: role.value(), username: username.value() };
    if (name.value().trim()) body.display_name = name.value().trim();
    if (body.role === "regulator") body.jurisdiction = jurisdiction.code();
    if (body.role === "association") body.industries = industries.value().split(/[,，\s]+/).filter(Boolean);
    try {
      const answer = await api("/accounts", { method: "POST", body });
      created.textContent = t("acc.created", { name: answer.account.display_name, password: answer.temporary_password });
      created.hidden = false;
      username.input.value = "";
      name.input.value = "";
      reload();
    } catch (err) {
      if (err instanceof ApiError && [409, 422].includes(err.status)) showProblem(fields, error, err, t);
      else notify(errorText(err, t), { error: true });
    }
  }
  return h("details", { class: "card" },
    h("summary", {}, t("acc.create")),
    h("form", { novalidate: true, "aria-label": t("acc.create"), onsubmit: submit },
      role.el, username.el, name.el, jurisdiction.el, industries.el, error.el,
      h("button", { type: "submit", class: "btn primary" }, t("acc.create_submit"))),
    created);
}

// A regulator's jurisdiction from the region tree: the province or a city-level unit, then (for
// a city or 雄安) one of its counties or the whole unit. The county list is the reference data's
// current county-level codes of the unit (辛集 and 定州 are counties themselves: no second step).
function jurisdictionPicker(regions) {
  const province = regions.province ? regions.province.code : "130000";
  const units = [[province, t("acc.province")], ...regions.units.map((u) => [u.code, u.name])];
  const unit = field({ name: "jurisdiction", label: t("acc.jurisdiction"), required: true, options: units });
  const county = field({ name: "county", label: t("acc.county"), hint: t("acc.county_hint"), options: [] });
  const countiesOf = (code) => (regions.divisions || [])
    .filter((d) => d.unit === code && d.status === "current" && d.code !== code)
    .map((d) => [d.code, d.name]);
  const fill = () => {
    const found = unit.value() === province ? [] : countiesOf(unit.value());
    clear(county.input);
    add(county.input, ...[["", t("acc.county_whole")], ...found].map(([value, text]) => h("option", { value }, text)));
    county.el.hidden = !found.length;
  };
  unit.input.addEventListener("change", fill);
  fill();
  return { ...unit, el: h("div", { class: "jurisdiction-picker" }, unit.el, county.el), code: () => county.value() || unit.value() };
}
