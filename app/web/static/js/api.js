// Talking to /api/v1: the session, refresh on 401, problem+json errors, ETag-cached definitions.

import { lang } from "./i18n.js";

const BASE = "/api/v1";
const USER_KEY = "qa.user";
const LEGACY_AUTH_KEY = "qa.auth"; // tokens, as clients before the refresh cookie kept them

export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.errors = problem.errors || {};
  }
}

// The request never reached the server (offline, DNS, connection reset).
export class NetworkError extends Error {}

export function readJSON(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

// Returns false when storage is full even after dropping cached definitions.
export function writeJSON(key, value) {
  const text = JSON.stringify(value);
  try {
    localStorage.setItem(key, text);
    return true;
  } catch {
    for (const k of Object.keys(localStorage)) if (isCache(k)) localStorage.removeItem(k);
    try {
      localStorage.setItem(key, text);
      return true;
    } catch {
      return false;
    }
  }
}

const isCache = (k) => k.startsWith("qa.cache.") || /^qa\.u\.[^.]+\.cache\./.test(k);

// Who is signed in on this device (username and role, never a token). The access token lives in
// this page's memory only, the refresh token in an HttpOnly cookie the scripts cannot read
// (docs/accounts.md, "Sessions"): a page that starts without one refreshes first.
let user = readJSON(USER_KEY);
let accessToken = null;
const authListeners = new Set();

// Everything of one user on this device lives under qa.u.<username>.: drafts, unsent answers,
// submit keys, cached personal JSON. Nothing is read from another user's keys.
export const userKey = (name) => `qa.u.${user ? user.username : "-"}.${name}`;

function forget(username, keep = () => false) {
  const prefix = `qa.u.${username}.`;
  for (const k of Object.keys(localStorage)) {
    if (k.startsWith(prefix) && !keep(k.slice(prefix.length))) localStorage.removeItem(k);
  }
}

// Copies written by clients before per-user keys: the signed-in user's move under their name;
// without one nobody can tell whose they are, so they go (they were what a sign-out left behind).
(function adoptUnscopedCopies() {
  const legacy = readJSON(LEGACY_AUTH_KEY);
  localStorage.removeItem(LEGACY_AUTH_KEY);
  if (legacy && legacy.username && !user) {
    user = { username: legacy.username, role: legacy.role };
    writeJSON(USER_KEY, user);
  }
  for (const k of Object.keys(localStorage)) {
    const m = k.match(/^qa\.(assessment|pending|submit)\.(\d+)$/);
    if (m && user) localStorage.setItem(userKey(`${m[1]}.${m[2]}`), localStorage.getItem(k));
    if (m || k.startsWith("qa.cache.u.")) localStorage.removeItem(k);
  }
})();

export const session = {
  get: () => user,
  set(tokens) {
    accessToken = tokens.access_token;
    // A temporary password: the app shows nothing but the change-password screen (main.js).
    user = { username: tokens.username, role: tokens.role, must_change_password: Boolean(tokens.must_change_password) };
    writeJSON(USER_KEY, user);
  },
  // Signing out: every copy of this user's data leaves the device.
  clear() {
    if (user) forget(user.username);
    end();
  },
  // The session ended by itself: unsent answers (and their submit keys) wait, under the user's
  // name, for the same user's next sign-in; the rest goes.
  expire() {
    if (user) forget(user.username, keepUnsent);
    end();
  },
  onLost(fn) {
    authListeners.add(fn);
  },
};

const keepUnsent = (name) => name.startsWith("pending.") || name.startsWith("submit.");

function end() {
  user = null;
  accessToken = null;
  localStorage.removeItem(USER_KEY);
}

// Another tab signing in as someone else, or out: this page's memory belongs to the old user.
window.addEventListener("storage", (event) => {
  if (event.key !== USER_KEY && event.key !== null) return;
  const now = readJSON(USER_KEY);
  if ((now && now.username) !== (user && user.username)) location.reload();
});

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return { status: response.status };
  }
}

let refreshing = null;

// One tab at a time: two tabs rotating the same cookie at once would look like a stolen token.
const oneTabAtATime = (fn) => (navigator.locks ? navigator.locks.request("qa.refresh", fn) : fn());

// Swap the refresh cookie for a new access token (and cookie); false when the session is over.
function refresh() {
  refreshing ||= oneTabAtATime(async () => {
    if (!user) return false;
    let response;
    try {
      response = await fetch(`${BASE}/auth/refresh`, {
        method: "POST",
        headers: { Accept: "application/json", "X-Refresh-Cookie": "1" },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      throw new NetworkError(error.message);
    }
    if (response.ok) {
      const tokens = await response.json();
      accessToken = tokens.access_token;
      return true;
    }
    if (response.status >= 500 || response.status === 429) {
      throw new ApiError(response.status, await problemOf(response));
    }
    return false;
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function lost(problem) {
  session.expire();
  for (const fn of authListeners) fn();
  return new ApiError(401, problem);
}

// `file`: a File or Blob sent as the raw body with its own type (an import), instead of JSON.
export async function api(path, { method = "GET", body, file, headers = {}, auth: useAuth = true, raw = false, cache = "no-cache" } = {}) {
  // A page just opened (or reloaded) holds no access token yet.
  if (useAuth && user && !accessToken && !(await refresh())) throw lost({ status: 401 });
  for (let attempt = 0; ; attempt++) {
    const sent = {
      Accept: "application/json, application/problem+json",
      "Accept-Language": lang(),
      ...headers,
    };
    // A file goes as it is (a roll as `file`, an evidence upload as a Blob body); the rest as JSON.
    const upload = file || (body instanceof Blob ? body : undefined);
    if (upload) sent["Content-Type"] = upload.type || "application/octet-stream";
    else if (body !== undefined) sent["Content-Type"] = "application/json";
    if (useAuth && accessToken) sent.Authorization = `Bearer ${accessToken}`;
    let response;
    try {
      response = await fetch(BASE + path, {
        method,
        headers: sent,
        body: upload || (body === undefined ? undefined : JSON.stringify(body)),
        cache,
      });
    } catch (error) {
      throw new NetworkError(error.message);
    }
    if (response.status === 401 && useAuth && user && attempt === 0) {
      if (await refresh()) continue;
      throw lost(await problemOf(response));
    }
    if (raw && (response.ok || response.status === 304)) return response;
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    if (response.status === 204) return null;
    return response.json();
  }
}

// GET a JSON document kept in localStorage with its ETag: revalidated with If-None-Match when
// online, served from storage when offline. `immutable` documents (published versions) are
// not revalidated at all.
export async function cachedJson(path, { immutable = false, personal = false } = {}) {
  // A signed-in user's own data is kept under their name, and dropped when they sign out.
  const key = personal ? userKey(`cache.${lang()}.${path}`) : `qa.cache.all.${lang()}.${path}`;
  const stored = readJSON(key);
  if (stored && immutable) return stored.body;
  try {
    const response = await api(path, {
      raw: true,
      cache: "no-store", // we do the revalidation, so the 304 must reach us
      headers: stored && stored.etag ? { "If-None-Match": stored.etag } : {},
    });
    if (response.status === 304 && stored) return stored.body;
    const body = await response.json();
    writeJSON(key, { etag: response.headers.get("ETag"), body });
    return body;
  } catch (error) {
    if (error instanceof NetworkError && stored) return stored.body;
    // Offline after switching language: the other language's copy beats no screen at all.
    const other = readJSON(key.replace(`.${lang()}.`, `.${lang() === "zh" ? "en" : "zh"}.`));
    if (error instanceof NetworkError && other) return other.body;
    throw error;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Fetch an authenticated file and hand it to the browser as a download. A report still being
// rendered answers 202 with Retry-After: wait (telling onWait how long) and ask again.
export async function download(path, filename, { onWait } = {}) {
  let response;
  for (let attempt = 0; ; attempt++) {
    response = await api(path, { raw: true, headers: { Accept: "*/*" } });
    if (response.status !== 202) break;
    if (attempt >= 10) throw new ApiError(503, await problemOf(response));
    const seconds = Math.min(30, Math.max(1, Number(response.headers.get("Retry-After")) || 3));
    if (onWait) onWait(seconds);
    await sleep(seconds * 1000);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filenameOf(response) || filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// The name the server gives the file (Content-Disposition), if any.
function filenameOf(response) {
  const header = response.headers.get("Content-Disposition") || "";
  const star = header.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain form
    }
  }
  const plain = header.match(/filename="?([^";]+)"?/i);
  return plain ? plain[1] : null;
}

export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Not a secure context (plain http on a LAN address): build a v4 UUID by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// A message as the API gives it: a string, or {zh, en} from older servers.
const messageText = (m) => (m && typeof m === "object" ? m[lang()] || m.zh || m.en : String(m));

// The field errors of a problem+json as [[field, "message"], …]: nested objects are flattened
// to dotted names ("question_comments.cqo"), a field's messages joined.
export function fieldErrors(errors, prefix = "") {
  const out = [];
  for (const [name, value] of Object.entries(errors || {})) {
    const field = prefix ? `${prefix}.${name}` : name;
    if (value && typeof value === "object" && !Array.isArray(value) && !("zh" in value || "en" in value)) {
      out.push(...fieldErrors(value, field));
    } else {
      out.push([field, (Array.isArray(value) ? value : [value]).map(messageText).join(" ")]);
    }
  }
  return out;
}

// The message to show for a failed request: the problem's detail, then one "field: message"
// line for each field error not already shown beside its field (`shown`: those field names).
// Every view uses this, so no field's message is hidden behind a generic detail.
export function errorText(error, t, { shown = [] } = {}) {
  if (error instanceof NetworkError) return t("error.network");
  if (!(error instanceof ApiError)) return t("error.generic");
  const lines = fieldErrors(error.errors)
    .filter(([field]) => !shown.includes(field))
    .map(([field, message]) => `${t(`field.${field}`, {}, field)}: ${message}`);
  const detail = error.problem.detail || error.problem.title || t("error.generic");
  return [detail, ...lines].join("\n");
}
