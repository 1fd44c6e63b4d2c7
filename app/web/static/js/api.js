// Talking to /api/v1: tokens, refresh on 401, problem+json errors, ETag-cached definitions.

import { lang } from "./i18n.js";

const BASE = "/api/v1";
const AUTH_KEY = "qa.auth";

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
    for (const k of Object.keys(localStorage)) if (k.startsWith("qa.cache.")) localStorage.removeItem(k);
    try {
      localStorage.setItem(key, text);
      return true;
    } catch {
      return false;
    }
  }
}

let auth = readJSON(AUTH_KEY);
const authListeners = new Set();

export const session = {
  get: () => auth,
  set(value) {
    auth = value;
    writeJSON(AUTH_KEY, value);
  },
  clear() {
    auth = null;
    localStorage.removeItem(AUTH_KEY);
    for (const k of Object.keys(localStorage)) if (k.startsWith("qa.cache.u.")) localStorage.removeItem(k);
  },
  onLost(fn) {
    authListeners.add(fn);
  },
};

// Another tab signing in or out changes our session too.
window.addEventListener("storage", (event) => {
  if (event.key === AUTH_KEY) auth = readJSON(AUTH_KEY);
});

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return { status: response.status };
  }
}

let refreshing = null;

// Swap the refresh token for a new pair (rotation); false when the session is over.
function refresh() {
  refreshing ||= (async () => {
    const stored = readJSON(AUTH_KEY);
    if (stored && auth && stored.refresh_token !== auth.refresh_token) {
      auth = stored; // another tab already rotated the pair
      return true;
    }
    if (!auth || !auth.refresh_token) return false;
    let response;
    try {
      response = await fetch(`${BASE}/auth/refresh`, {
        method: "POST",
        headers: { Accept: "application/json", Authorization: `Bearer ${auth.refresh_token}` },
        cache: "no-store",
      });
    } catch (error) {
      throw new NetworkError(error.message);
    }
    if (response.ok) {
      session.set({ ...auth, ...(await response.json()) });
      return true;
    }
    if (response.status >= 500 || response.status === 429) {
      throw new ApiError(response.status, await problemOf(response));
    }
    return false;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export async function api(path, { method = "GET", body, headers = {}, auth: useAuth = true, raw = false, cache = "no-cache" } = {}) {
  for (let attempt = 0; ; attempt++) {
    const sent = {
      Accept: "application/json, application/problem+json",
      "Accept-Language": lang(),
      ...headers,
    };
    if (body !== undefined) sent["Content-Type"] = "application/json";
    if (useAuth && auth) sent.Authorization = `Bearer ${auth.access_token}`;
    let response;
    try {
      response = await fetch(BASE + path, {
        method,
        headers: sent,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache,
      });
    } catch (error) {
      throw new NetworkError(error.message);
    }
    if (response.status === 401 && useAuth && auth && attempt === 0) {
      if (await refresh()) continue;
      const problem = await problemOf(response);
      session.clear();
      for (const fn of authListeners) fn();
      throw new ApiError(401, problem);
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
  const owner = personal ? `u.${auth ? auth.username : "-"}` : "all";
  const key = `qa.cache.${owner}.${lang()}.${path}`;
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
