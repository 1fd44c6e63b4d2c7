// A campaign's roll as a list of firms: each with its filings' states, filtered (the filter lives
// in the URL, so a link shares it), 50 at a time; tick firms to remind, take a firm off the roll.

import { api, errorText } from "../api.js";
import { add, clear, h, uid } from "../dom.js";
import { t } from "../i18n.js";

export const STATES = ["not_started", "draft", "submitted", "returned", "approved"];
const FILTERS = ["state", "late", "county", "industry", "q"];

// The filter of the URL's query (#/campaigns/<id>?state=draft&county=130102): only known keys.
export function filterOf(query) {
  const wanted = new URLSearchParams();
  for (const key of FILTERS) for (const value of query?.getAll(key) || []) if (value) wanted.append(key, value);
  return wanted;
}

export const filterLink = (id, filter) => `#/campaigns/${id}${filter.toString() ? `?${filter}` : ""}`;

// What a filter says, in words: "未开始或填写中 · 长安区".
function describe(filter, progress) {
  const parts = [];
  const states = filter.getAll("state");
  if (states.length) parts.push(states.map((s) => t(`camp.state.${s}`)).join(t("roll.or")));
  if (filter.get("late") === "true") parts.push(t("camp.late_mark"));
  const county = filter.get("county");
  if (county) parts.push(progress.by_county.find((c) => c.code === county)?.name || county);
  const industry = filter.get("industry");
  if (industry) parts.push(progress.by_industry.find((c) => c.code === industry)?.name || industry);
  if (filter.get("q")) parts.push(`“${filter.get("q")}”`);
  return parts.join(" · ");
}

// The list section. onFilter(filter) is called when the user changes the filter here;
// selection is the Set of ticked USCCs, shared with the reminders panel.
export function rollList({ campaign, progress, filter, selection, onSelect, onRemoved, notify }) {
  const id = campaign.id;
  const box = h("section", { class: "roll-list", "aria-labelledby": "firms-title" });
  const summary = h("p", { role: "status", class: "roll-summary" });
  const list = h("ul", { class: "roll-firms" });
  const more = h("button", { type: "button", class: "btn", hidden: true }, t("roll.more"));
  let cursor = null;
  let current = filter;

  let form = filterForm(progress, () => current, (next) => apply(next));
  add(box, h("h2", { id: "firms-title", tabindex: "-1" }, t("roll.title")), form.el, summary, list, h("div", { class: "actions" }, more));

  async function load(append) {
    const query = new URLSearchParams(current);
    if (append && cursor) query.set("cursor", cursor);
    more.disabled = true;
    try {
      const page = await api(`/campaigns/${id}/roll?${query}`);
      if (!append) clear(list);
      const words = describe(current, progress);
      summary.textContent = words ? t("roll.count_filtered", { n: page.total, filter: words }) : t("roll.count", { n: page.total });
      list.append(...page.items.map(firmRow));
      if (!page.items.length && !append) list.append(h("li", { class: "hint" }, t("roll.empty")));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (err) {
      notify(errorText(err, t), { error: true });
    } finally {
      more.disabled = false;
    }
  }

  function apply(next) {
    current = next;
    form.show(next);
    // The URL says what is shown, without redrawing the screen (no hashchange).
    history.replaceState(null, "", filterLink(id, next));
    return load(false);
  }

  function firmRow(firm) {
    const tick = h("input", {
      type: "checkbox", id: uid("tick"), checked: selection.has(firm.uscc),
      onchange: () => { tick.checked ? selection.add(firm.uscc) : selection.delete(firm.uscc); onSelect(); },
    });
    const filings = h("ul", { class: "roll-filings" }, firm.filings.map((f) => h("li", {},
      campaign.questionnaires.length > 1 ? `${f.questionnaire}: ` : null,
      h("span", { class: `roll-state st-${f.state}` }, t(`camp.state.${f.state}`)),
      f.late ? h("span", { class: "badge" }, t("camp.late_mark")) : null,
      f.assessment_id ? [" ", h("a", { href: `#/a/${f.assessment_id}/review`, "aria-label": t("roll.open_named", { name: firm.name }) }, t("roll.open"))] : null)));
    const row = h("li", { class: "roll-firm" },
      h("div", { class: "roll-head" },
        tick,
        h("label", { for: tick.id }, h("strong", {}, firm.name), h("span", { class: "visually-hidden" }, ` ${t("roll.tick")}`))),
      h("p", { class: "meta" }, [firm.uscc, firm.county_name || firm.county, firm.industry,
        firm.registered ? (firm.verified ? t("roll.verified") : t("roll.registered")) : t("roll.unregistered")].join(" · ")),
      firm.contact_name || firm.contact_phone ? h("p", { class: "meta" }, [firm.contact_name, firm.contact_phone].filter(Boolean).join(" ")) : null,
      filings);
    if (!campaign.read_only) {
      row.append(h("div", { class: "actions" }, h("button", {
        type: "button", class: "btn", "aria-label": t("roll.remove_named", { name: firm.name }),
        onclick: async (event) => {
          if (!window.confirm(t("roll.remove_confirm", { name: firm.name, uscc: firm.uscc }))) return;
          event.target.disabled = true;
          try {
            await api(`/campaigns/${id}/roll/${encodeURIComponent(firm.uscc)}`, { method: "DELETE" });
            selection.delete(firm.uscc);
            onSelect();
            notify(t("roll.removed", { name: firm.name }));
            await onRemoved();
          } catch (err) {
            event.target.disabled = false;
            notify(errorText(err, t), { error: true });
          }
        },
      }, t("roll.remove"))));
    }
    return row;
  }

  // After an import the roll may hold new counties and industries: the choices follow.
  function setProgress(next) {
    progress = next;
    const fresh = filterForm(progress, () => current, (f) => apply(f));
    form.el.replaceWith(fresh.el);
    form = fresh;
  }

  more.addEventListener("click", () => load(true));
  return { el: box, load: () => load(false), apply, setProgress, filter: () => current };
}

// State, county, industry and a search box; the progress answer says which counties and
// industries the roll has.
function filterForm(progress, currentFilter, onApply) {
  const select = (name, label, options) => {
    const sid = uid(name);
    const input = h("select", { id: sid, name }, h("option", { value: "" }, t("roll.any")),
      options.map(([value, text]) => h("option", { value }, text)));
    return { input, el: h("div", { class: "field" }, h("label", { for: sid }, label), input) };
  };
  const state = select("state", t("camp.state"), [
    ["not_responded", t("camp.not_responded")],
    ...STATES.map((s) => [s, t(`camp.state.${s}`)]),
    ["late", t("roll.late")],
  ]);
  const county = select("county", t("camp.area"), progress.by_county.map((c) => [c.code, c.name || c.code]));
  const industry = select("industry", t("camp.industry"), progress.by_industry.map((c) => [c.code, c.name ? `${c.code} ${c.name}` : c.code]));
  const qid = uid("q");
  const q = h("input", { id: qid, name: "q", type: "search", maxlength: "100" });
  const el = h("form", { class: "roll-filter", role: "search", "aria-label": t("roll.filter"), onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    const s = state.input.value;
    if (s === "not_responded") ["not_started", "draft"].forEach((v) => next.append("state", v));
    else if (s === "late") next.set("late", "true");
    else if (s) next.set("state", s);
    if (county.input.value) next.set("county", county.input.value);
    if (industry.input.value) next.set("industry", industry.input.value);
    if (q.value.trim()) next.set("q", q.value.trim());
    onApply(next);
  } },
  state.el, county.el, industry.el,
  h("div", { class: "field" }, h("label", { for: qid }, t("roll.search")), q),
  h("div", { class: "actions" },
    h("button", { type: "submit", class: "btn primary" }, t("roll.apply")),
    h("button", { type: "button", class: "btn", onclick: () => onApply(new URLSearchParams()) }, t("roll.clear"))));
  const show = (filter) => {
    const states = filter.getAll("state");
    state.input.value = filter.get("late") === "true" ? "late"
      : states.length === 2 && states.includes("not_started") && states.includes("draft") ? "not_responded"
        : states.length === 1 ? states[0] : "";
    county.input.value = filter.get("county") || "";
    industry.input.value = filter.get("industry") || "";
    q.value = filter.get("q") || "";
  };
  show(currentFilter());
  return { el, show };
}
