// The user's notifications: newest first, unread marked, each linking to what it tells of.

import "../notifications_texts.js";
import { api, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";

const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });

// Where a notice leads: the enterprise edits a returned assessment and sees results and reports
// on the result screen, where a regulator decides too; a reminder leads to the home screen's
// campaign card.
export function target(notice) {
  const id = notice.assessment_id;
  if (notice.kind === "reminder" || !id) return "#/";
  if (notice.kind === "returned") return `#/a/${id}`;
  return `#/a/${id}/result`;
}

export async function render(main, _params, { notify }) {
  let unreadOnly = false;
  let next = null;
  const list = h("ul", { class: "rows notices" });
  const more = h("button", { type: "button", class: "btn wide", hidden: true }, t("notif.more"));
  const markAll = h("button", { type: "button", class: "btn" }, t("notif.mark_all"));
  const filters = ["all", "unread"].map((name) => h("button", {
    type: "button",
    class: "btn filter",
    "aria-pressed": String(name === "all"),
    onclick: () => {
      unreadOnly = name === "unread";
      filters.forEach((b, i) => b.setAttribute("aria-pressed", String((i === 1) === unreadOnly)));
      load(true);
    },
  }, t(`notif.${name}`)));

  add(main,
    h("p", {}, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, t("notif.title")),
    h("p", { class: "lead" }, t("notif.lead")),
    h("div", { class: "actions", role: "group", "aria-label": t("notif.filter") }, filters, markAll),
    list,
    more);

  async function load(fresh) {
    const query = new URLSearchParams({ limit: "20" });
    if (unreadOnly) query.set("unread", "true");
    const page = await api(fresh || !next ? `/notifications?${query}` : next.replace(/^\/api\/v1/, ""));
    if (fresh) clear(list);
    if (fresh && !page.items.length) {
      add(list, h("li", { class: "hint" }, t(unreadOnly ? "notif.empty_unread" : "notif.empty")));
    }
    list.append(...page.items.map(row));
    next = page.next;
    more.hidden = !next;
    markAll.disabled = page.unread === 0;
    setBadge(page.unread);
  }

  async function markRead(notice, item) {
    await api(`/notifications/${notice.id}/read`, { method: "POST" });
    item.classList.remove("unread");
    item.querySelector(".badge")?.remove();
    item.querySelector(".mark")?.remove();
    refreshBadge();
  }

  function row(notice) {
    const item = h("li", { class: `row card-row${notice.read_at ? "" : " unread"}` });
    const open = h("a", {
      class: "btn primary",
      href: target(notice),
      onclick: () => { if (!notice.read_at) markRead(notice, item).catch(() => {}); },
    }, t(`notif.open.${notice.kind}`));
    const mark = !notice.read_at && h("button", {
      type: "button",
      class: "btn mark",
      onclick: () => markRead(notice, item).catch((err) => notify(errorText(err, t), { error: true })),
    }, t("notif.mark_one"));
    return add(item,
      h("h2", { class: "notice-title" }, notice.title, " ",
        !notice.read_at && h("span", { class: "badge" }, t("notif.new"))),
      h("p", {}, notice.text),
      h("p", { class: "meta" }, h("time", { datetime: notice.created_at }, when(notice.created_at))),
      h("div", { class: "actions" }, open, mark));
  }

  markAll.addEventListener("click", async () => {
    markAll.disabled = true;
    try {
      await api("/notifications/read", { method: "POST" });
      notify(t("notif.marked"));
      await load(true);
    } catch (err) {
      notify(errorText(err, t), { error: true });
      markAll.disabled = false;
    }
  });
  more.addEventListener("click", () => load(false).catch((err) => notify(errorText(err, t), { error: true })));
  await load(true);
}

// The header's link shows the unread count; the list updates it as notices are read.
let badgeLink = null;

// The header's link (drawn by main.js): its count is kept up to date from now on.
export function watchBadge(link) {
  badgeLink = link;
  refreshBadge();
}

export function setBadge(n) {
  if (!badgeLink) return;
  const count = badgeLink.querySelector(".count");
  count.textContent = n > 99 ? "99+" : String(n);
  count.hidden = !n;
  if (n) badgeLink.setAttribute("aria-label", t("notif.link_unread", { n }));
  else badgeLink.removeAttribute("aria-label");
}

export async function refreshBadge() {
  try {
    const { unread } = await api("/notifications/unread-count");
    setBadge(unread);
  } catch {
    // The badge is a hint: a failed count leaves the last one shown.
  }
}
