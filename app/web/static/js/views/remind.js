// Reminders from the campaign screen: to every non-responder, or to the firms ticked in the
// list; and the history of what was sent (to whom, when, by hand or on the schedule, how).

import { api, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";

const when = (iso) => new Date(iso).toLocaleString(document.documentElement.lang, { dateStyle: "short", timeStyle: "short" });

export function remindPanel(campaign, selection, notify) {
  const id = campaign.id;
  const result = h("p", { class: "note", role: "status" });
  const all = h("button", { type: "button", class: "btn primary" }, t("remind.send"));
  const ticked = h("button", { type: "button", class: "btn" });
  const history = historyBox(id, notify);

  const send = async (button, usccs) => {
    const question = usccs ? t("remind.confirm_ticked", { n: usccs.length }) : t("remind.confirm");
    if (!window.confirm(question)) return;
    button.disabled = true;
    try {
      const r = await api(`/campaigns/${id}/reminders`, { method: "POST", body: usccs ? { usccs } : {} });
      result.textContent = t("remind.done", { sent: r.sent, already: r.already_today, unregistered: r.not_registered, emailed: r.emailed });
      await history.load();
    } catch (err) {
      notify(errorText(err, t), { error: true });
    } finally {
      button.disabled = false;
      refresh();
    }
  };
  all.addEventListener("click", () => send(all, null));
  ticked.addEventListener("click", () => send(ticked, [...selection]));
  // The ticked firms' count is on the button; none ticked, nothing to send.
  const refresh = () => {
    ticked.textContent = t("remind.send_ticked", { n: selection.size });
    ticked.disabled = !selection.size;
  };
  refresh();

  const open = campaign.phase === "open";
  const el = h("section", { class: "card remind", "aria-labelledby": "remind-title" },
    h("h2", { id: "remind-title" }, t("remind.title")),
    h("p", { class: "hint" }, t(campaign.read_only ? "remind.lead_part" : "remind.lead")),
    open
      ? [h("p", { class: "hint" }, t("remind.ticked_hint")), h("div", { class: "actions" }, all, ticked), result]
      : h("p", { class: "note" }, t(campaign.phase === "closed" ? "remind.closed" : "remind.upcoming")),
    history.el);
  return { el, refresh, load: history.load };
}

// A list rather than a table: four columns do not fit a phone, and each entry reads as a line.
function historyBox(id, notify) {
  const list = h("ul", { class: "remind-entries", hidden: true });
  const more = h("button", { type: "button", class: "btn", hidden: true }, t("roll.more"));
  const empty = h("p", { class: "hint", hidden: true }, t("remind.none"));
  let cursor = null;
  const entry = (r) => h("li", {},
    h("strong", {}, r.name), " ", h("span", { class: "meta" }, r.uscc), h("br"),
    h("span", { class: "meta" }, [
      h("time", { datetime: r.sent_at }, when(r.sent_at)),
      " · ",
      r.trigger === "schedule" ? t("remind.by_schedule") : t("remind.by_hand", { who: r.sent_by_name || "—" }),
      " · ",
      r.channels.map((c) => t(`remind.channel.${c}`)).join("、"),
    ]));
  async function load(append = false) {
    more.disabled = true;
    try {
      const page = await api(`/campaigns/${id}/reminders${append && cursor ? `?cursor=${cursor}` : ""}`);
      if (!append) clear(list);
      add(list, page.items.map(entry));
      empty.hidden = Boolean(list.firstChild);
      list.hidden = !list.firstChild;
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (err) {
      notify(errorText(err, t), { error: true });
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", () => load(true));
  const el = h("section", { class: "remind-history", "aria-labelledby": "remind-history-title" },
    h("h3", { id: "remind-history-title" }, t("remind.history")), empty, list, h("div", { class: "actions" }, more));
  return { el, load };
}
