// The app shell: routes (#/…), the header, notices; views are loaded when first needed.

import { session } from "./api.js";
import { add, clear, h } from "./dom.js";
import { lang, setLang, t } from "./i18n.js";
import "./accounts_texts.js";

const AFTER_LOGIN = "qa.after_login";
const main = document.getElementById("main");
const noticeBox = document.getElementById("notice");
const alertBox = document.getElementById("alert");

const views = {
  login: () => import("./views/login.js"),
  register: () => import("./views/register.js"),
  home: () => import("./views/home.js"),
  profile: () => import("./views/profile.js"),
  answer: () => import("./views/answer.js"),
  review: () => import("./views/review.js"),
  result: () => import("./views/result.js"),
  staff: () => import("./views/staff.js"),
  enterprises: () => import("./views/enterprises.js"),
  password: () => import("./views/password.js"),
  forgot: () => import("./views/forgot.js"),
  resets: () => import("./views/resets.js"),
  campaigns: () => import("./views/campaigns.js"),
  qversions: () => import("./views/qversions.js"),
  qversion: () => import("./views/qversion.js"),
  integrations: () => import("./views/integrations.js"),
  dashboard: () => import("./views/dashboard.js"),
  notifications: () => import("./views/notifications.js"),
};

const ROUTES = [
  [/^\/login$/, "login", false],
  [/^\/register$/, "register", false],
  [/^\/?$/, "home", true],
  [/^\/profile$/, "profile", true],
  [/^\/a\/(\d+)(?:\/s\/(\d+))?(?:\/q\/([a-z0-9_]+))?$/, "answer", true, ["id", "section", "focus"]],
  [/^\/a\/(\d+)\/review$/, "review", true, ["id"]],
  [/^\/a\/(\d+)\/result$/, "result", true, ["id"]],
  [/^\/enterprises$/, "enterprises", true],
  [/^\/password$/, "password", true],
  [/^\/forgot$/, "forgot", false],
  [/^\/resets$/, "resets", true],
  [/^\/campaigns(?:\/(\d+))?$/, "campaigns", true, ["id"]],
  [/^\/questionnaires$/, "qversions", true],
  [/^\/questionnaires\/([a-z0-9_]+)\/(\d+)$/, "qversion", true, ["key", "version"]],
  [/^\/integrations$/, "integrations", true],
  [/^\/dashboard$/, "dashboard", true],
  [/^\/notifications$/, "notifications", true],
];

// `notice`: a message for the page we go to (the notices are cleared on every screen change).
export function navigate(path, { replace = false, notice = null } = {}) {
  if (notice) carriedNotice = notice;
  // A redirect (replace) is not the user moving on: the messages on screen stay.
  keepMessages = replace;
  const hash = `#${path}`;
  if (location.hash === hash) return route();
  if (replace) location.replace(hash);
  else location.hash = hash;
}

let noticeTimer;
// A message in the polite live region (errors: the assertive one), with a button to close it.
// Messages last until closed or until the user moves to another screen.
export function notify(text, { error = false, sticky = false } = {}) {
  const box = error ? alertBox : noticeBox;
  clear(box);
  box.hidden = !text;
  if (text) {
    add(box, h("span", {}, text), " ",
      h("button", { type: "button", class: "link small", onclick: () => hide(box) }, t("action.close")));
    if (!error && !sticky) {
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => hide(box), 10000);
    }
  }
  makeRoom();
}

function hide(box) {
  box.hidden = true;
  makeRoom();
}

// Room below the page's end for the messages, so the last buttons can be scrolled above them.
function makeRoom() {
  const height = document.getElementById("toasts").offsetHeight;
  document.body.style.paddingBottom = height ? `${height + 16}px` : "";
}

let cleanup = null;
let generation = 0;
let carried = null; // an error to show on the page we are going to
let carriedNotice = null; // and a notice
let keepMessages = false;

async function route() {
  // A screen's own state after "?" (the queue's filters): kept in the URL, so a link shares it.
  const [path, search = ""] = (location.hash.replace(/^#/, "") || "/").split(/\?(.*)/s);
  const query = new URLSearchParams(search);
  const match = ROUTES.map(([re, name, needsAuth, names = []]) => {
    const m = (path || "/").match(re);
    return m && { name, needsAuth, params: { ...Object.fromEntries(names.map((n, i) => [n, m[i + 1]])), query } };
  }).find(Boolean);
  if (!match) return navigate("/", { replace: true });
  const user = session.get();
  if (match.needsAuth && !user) {
    // A shared link to a filtered queue opens it after signing in (views/login.js).
    if (match.name === "home" && search) sessionStorage.setItem(AFTER_LOGIN, `/?${search}`);
    return navigate("/login", { replace: true });
  }
  if (!match.needsAuth && user && match.name === "login") return navigate("/", { replace: true });
  if (user && user.must_change_password && match.name !== "password") return navigate("/password", { replace: true });
  let name = match.name;
  if (name === "home" && user && user.role !== "enterprise") name = "staff";

  const mine = ++generation;
  if (cleanup) cleanup();
  cleanup = null;
  if (!keepMessages) {
    notify("", { error: true });
    notify("");
  }
  keepMessages = false;
  if (carried) notify(carried, { error: true });
  if (carriedNotice) notify(carriedNotice, { sticky: true });
  carried = null;
  carriedNotice = null;
  renderHeader();
  main.setAttribute("aria-busy", "true");
  // The view draws off-screen and replaces the old one when ready: no blank page meanwhile.
  const next = h("div");
  let mounted = null;
  try {
    const view = await views[name]();
    const result = await view.render(next, match.params, { navigate, notify });
    const done = typeof result === "function" ? { cleanup: result } : result || {};
    if (mine !== generation) {
      if (done.cleanup) done.cleanup(); // the user moved on while this one loaded
      return;
    }
    cleanup = done.cleanup || null;
    mounted = done.mounted || null;
  } catch (error) {
    if (mine !== generation) return;
    console.error(error);
    add(clear(next),
      h("h1", {}, t("error.title")),
      h("p", {}, t("error.view")),
      h("p", {}, h("button", { type: "button", class: "btn", onclick: () => route() }, t("action.retry"))),
    );
  }
  main.replaceChildren(...next.childNodes);
  main.removeAttribute("aria-busy");
  main.dataset.route = location.hash || "#/";
  window.scrollTo(0, 0);
  if (mounted) {
    mounted();
    return;
  }
  // Move focus to the new content so screen readers announce the new page.
  const heading = main.querySelector("h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

let bell = null;
// The notifications link, drawn at once and kept from screen to screen (with its count) for the
// same user and language. Drawn only after its module loaded, it came a moment after the rest of
// the header, and on a phone the header then grew a row and pushed the screen down under a tap.
function bellFor(user) {
  const key = `${user.username} ${lang()}`;
  if (!bell || bell.dataset.key !== key) {
    bell = h("a", { class: "link bell", href: "#/notifications", "data-key": key }, t("notif.link"),
      h("span", { class: "count", hidden: true, "aria-hidden": "true" }));
  }
  const link = bell;
  import("./views/notifications.js").then((m) => m.watchBadge(link)); // the count, fresh on each screen
  return link;
}

function renderHeader() {
  const user = session.get();
  const bar = document.getElementById("bar-actions");
  // Enterprises and regulators are told of what happened to their filings: a link with a count.
  const told = user && !user.must_change_password && ["enterprise", "regulator"].includes(user.role);
  add(clear(bar), told ? bellFor(user) : null,
    h("button", {
      type: "button",
      class: "link",
      lang: lang() === "zh" ? "en" : "zh",
      onclick: () => {
        setLang(lang() === "zh" ? "en" : "zh");
        route();
      },
    }, lang() === "zh" ? "English" : "中文"),
    user && !user.must_change_password && h("a", { class: "link", href: "#/password" }, t("pw.link")),
    user && h("button", { type: "button", class: "link", onclick: logout }, t("action.logout")),
  );
  document.getElementById("brand").textContent = t("app.name");
  document.title = t("app.name");
}

// Signing out leaves nothing of the user on the device; unsent answers are sent first, or
// dropped only when the user says so (docs/web-client.md, "A shared phone").
async function logout() {
  const { api } = await import("./api.js");
  const store = await import("./store.js");
  const files = await import("./uploads.js");
  const answersLeft = store.unsentCount() && !(await store.sendAll());
  if (answersLeft || files.unsentUploads()) {
    const n = store.unsentCount() + files.unsentUploads();
    if (!window.confirm(t("logout.unsent", { n }))) return;
  }
  store.stopAllDrafts();
  const { username } = session.get() || {};
  if (username) await files.forgetUploads(username).catch(() => {});
  try {
    await api("/auth/logout", { method: "POST", headers: { "X-Refresh-Cookie": "1" } });
  } catch {
    // Signing out on this device is what matters; the session ends on the server by itself.
  }
  session.clear();
  navigate("/login");
}

session.onLost(async () => {
  (await import("./store.js")).stopAllDrafts();
  carried = t("auth.expired");
  navigate("/login");
});

window.addEventListener("hashchange", route);
// The unread count, again every minute while the page is shown.
setInterval(() => {
  if (document.hidden || !document.querySelector(".bell")) return;
  import("./views/notifications.js").then((m) => m.refreshBadge());
}, 60000);
setLang(lang());
route();

// Keep the app itself on the phone, so it opens without a network (https or localhost only).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => navigator.serviceWorker.register("/sw.js").catch(() => {}));
}
