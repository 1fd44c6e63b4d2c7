// One draft's answers on this device: unsent changes kept in localStorage and sent a few at a
// time (PATCH with If-Match); offline they wait for the network; a 412 merges the server's
// version with ours without losing either.

import { api, ApiError, NetworkError, readJSON, userKey, writeJSON } from "./api.js";
import { hasAnswer, visibleQuestions } from "./conditions.js";

const DEBOUNCE_MS = 700;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000, 60000];
const EDITABLE = ["draft", "returned"];

// Under the signed-in user's name (api.js userKey): another user of the phone never sees them.
const pendingKey = (id) => userKey(`pending.${id}`);
const serverKey = (id) => userKey(`assessment.${id}`);

// Equal answers, whatever order an object's keys come back in (PostgreSQL's jsonb reorders them).
const canonical = (value) =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === "object"
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]))
      : value;
export const same = (a, b) => JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));

const drafts = new Map();

// The draft for this assessment, created once per page and fed every fresh server copy.
export function openDraft(assessment, definition) {
  let draft = drafts.get(assessment.id);
  if (!draft) {
    draft = new Draft(assessment, definition);
    drafts.set(assessment.id, draft);
  } else {
    draft.adopt(assessment);
    if (draft.count()) draft.schedule(0); // e.g. back from signing in again
  }
  return draft;
}

// The last server copy this device saw, for opening a draft while offline.
export const cachedAssessment = (id) => readJSON(serverKey(id));

// How many answers on this device have not reached the server yet (all open drafts).
export function unsentCount() {
  let count = 0;
  for (const draft of drafts.values()) count += draft.count();
  return count;
}

// Try once more to send everything unsent; true when nothing is left.
export async function sendAll() {
  const results = await Promise.all([...drafts.values()].map((draft) => draft.settle()));
  return results.every(Boolean);
}

// Signed out or expired: no draft keeps running for a user who is gone.
export function stopAllDrafts() {
  for (const draft of drafts.values()) draft.close();
  drafts.clear();
}

export function forgetDraft(id) {
  drafts.get(id)?.stop();
  drafts.delete(id);
  localStorage.removeItem(pendingKey(id));
  localStorage.removeItem(serverKey(id));
}

// A draft folded into a returned assessment of its questionnaire (docs/review.md, "Decisions"):
// its unsent answers move to that assessment, where they win over what it holds.
export async function followSuperseded(id, questionnaireKey) {
  const reopened = await api("/assessments", { method: "POST", body: { questionnaire: questionnaireKey } });
  const mine = readJSON(pendingKey(id));
  if (reopened.id !== id && mine && Object.keys(mine.answers || {}).length) {
    const theirs = readJSON(pendingKey(reopened.id));
    const answers = { ...((theirs && theirs.answers) || {}), ...mine.answers };
    writeJSON(pendingKey(reopened.id), { base: reopened.version, answers });
    localStorage.removeItem(serverKey(reopened.id)); // merge against the copy just fetched
  }
  forgetDraft(id);
  return reopened;
}

export class Draft extends EventTarget {
  constructor(assessment, definition) {
    super();
    this.id = assessment.id;
    this.definition = definition;
    // The server's facts (registration and profile) when it sent them; a copy cached before
    // they were sent has the registration only.
    this.facts = assessment.facts || { industry: assessment.enterprise.industry, size: assessment.enterprise.size };
    this.questions = {};
    for (const section of definition.sections) for (const q of section.questions) this.questions[q.id] = q;
    // Fixed now: an answer typed by this user is kept under this user, whatever happens later.
    this.pendingKey = pendingKey(this.id);
    this.serverKey = serverKey(this.id);
    this.inflight = null;
    this.errors = {}; // question id → message the server gave (422); those values are not sent
    this.retries = 0;
    this.state = "saved";
    const saved = readJSON(this.pendingKey);
    const base = readJSON(this.serverKey);
    this.pending = (saved && saved.answers) || {};
    // Merge against the copy the unsent answers were made on, so a change made meanwhile on
    // another device is told apart from one made here.
    this.server = saved && base && base.version === saved.base ? base : assessment;
    this.adopt(assessment);
    this.onOnline = () => {
      this.retries = 0;
      this.flush();
    };
    window.addEventListener("online", this.onOnline);
    if (this.count()) this.schedule(0);
  }

  stop() {
    clearTimeout(this.timer);
    window.removeEventListener("online", this.onOnline);
  }

  // Signed out or expired: nothing more is written or sent for this user from this page.
  close() {
    this.stopped = true;
    this.stop();
  }

  get status() {
    return this.server.status;
  }

  get editable() {
    return EDITABLE.includes(this.server.status);
  }

  // The answers as the user sees them: the server's, overlaid by what is unsent.
  get answers() {
    const merged = { ...this.server.answers, ...(this.inflight || {}), ...this.pending };
    for (const [id, value] of Object.entries(merged)) if (!hasAnswer(value)) delete merged[id];
    return merged;
  }

  visible() {
    return visibleQuestions(this.definition, this.answers, this.facts);
  }

  count() {
    return Object.keys(this.pending).length + Object.keys(this.inflight || {}).length;
  }

  set(questionId, value) {
    this.pending[questionId] = hasAnswer(value) ? value : null;
    delete this.errors[questionId];
    this.dropHidden();
    this.persist();
    this.setState(navigator.onLine ? "pending" : "offline");
    this.emit("change");
    this.schedule(DEBOUNCE_MS);
  }

  // Answers to questions a change has hidden are cleared, as the server would drop them.
  dropHidden() {
    const shown = new Set(this.visible());
    const dropped = [];
    for (const id of Object.keys(this.answers)) {
      if (shown.has(id)) continue;
      dropped.push(id);
      const known = hasAnswer(this.server.answers[id]) || (this.inflight && id in this.inflight);
      if (known) this.pending[id] = null;
      else delete this.pending[id];
    }
    return dropped;
  }

  // Take a fresh server copy of the assessment (a reload, a 412, a save): keep every unsent
  // answer. `sent` is what this device just saved, so its own change is not taken for another's.
  adopt(current, sent = {}) {
    const base = { ...(this.server.answers || {}), ...sent };
    const theirs = current.answers || {};
    const conflicts = [];
    for (const [id, mine] of Object.entries(this.pending)) {
      if (same(theirs[id], mine)) {
        delete this.pending[id]; // the server already has it
      } else if (!same(base[id], theirs[id])) {
        conflicts.push(id); // changed on both sides: ours wins, and the user is told
      }
    }
    const pendingBefore = { ...this.pending };
    this.server = current;
    if (current.facts) this.facts = current.facts; // the profile may have changed meanwhile
    if (!this.stopped) writeJSON(this.serverKey, current);
    const lost = this.dropHidden().filter((id) => id in pendingBefore && hasAnswer(pendingBefore[id]));
    this.persist();
    if (conflicts.length || lost.length) this.emit("merged", { conflicts, lost });
    this.emit("change");
  }

  persist() {
    if (this.stopped) return;
    const unsent = { ...(this.inflight || {}), ...this.pending };
    if (Object.keys(unsent).length) writeJSON(this.pendingKey, { base: this.server.version, answers: unsent });
    else localStorage.removeItem(this.pendingKey);
  }

  schedule(delay) {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => this.flush(), delay);
  }

  // Resolves once nothing is unsent (or sending has stopped for a reason the user must see).
  async settle() {
    clearTimeout(this.timer);
    for (let i = 0; i < 20 && this.count(); i++) {
      if (!(await this.flush())) break;
    }
    return this.count() === 0;
  }

  // Send what is pending; true when the attempt reached the server and may be repeated.
  async flush() {
    if (this.inflight) return this.inflightDone;
    if (!Object.keys(this.pending).length) {
      this.setState("saved");
      return false;
    }
    if (!this.editable) {
      if (this.status === "superseded") return this.moveOn();
      this.setState("locked");
      return false;
    }
    if (!navigator.onLine) {
      this.setState("offline");
      return false;
    }
    const batch = this.pending;
    this.inflight = batch;
    this.pending = {};
    this.setState("saving");
    let resolve;
    this.inflightDone = new Promise((r) => (resolve = r));
    let again = false;
    try {
      const saved = await api(`/assessments/${this.id}/answers`, {
        method: "PATCH",
        body: { answers: batch },
        headers: { "If-Match": `"${this.server.version}"` },
      });
      this.inflight = null;
      this.retries = 0;
      this.adopt(saved, batch);
      again = true;
    } catch (error) {
      this.pending = { ...batch, ...this.pending };
      this.inflight = null;
      again = await this.failed(error);
    } finally {
      this.persist();
      resolve(again);
    }
    if (!Object.keys(this.pending).length) this.setState("saved");
    else if (again) this.schedule(0);
    return again;
  }

  async failed(error) {
    if (error instanceof ApiError && error.status === 412) {
      let current = error.problem.current;
      if (!current || typeof current !== "object") {
        try {
          current = await api(`/assessments/${this.id}`, { cache: "no-store" });
        } catch {
          return this.backoff();
        }
      }
      this.adopt(current);
      return this.retries++ < 5 || this.backoff();
    }
    if (error instanceof ApiError && error.status === 422 && Object.keys(error.errors).some((id) => id in this.pending)) {
      for (const [id, messages] of Object.entries(error.errors)) {
        if (!(id in this.pending)) continue;
        this.errors[id] = messages.map((m) => (typeof m === "string" ? m : m.zh || m.en)).join(" ");
        delete this.pending[id];
      }
      this.emit("invalid", { errors: { ...this.errors } });
      return true;
    }
    if (error instanceof ApiError && error.status === 409) {
      this.server = { ...this.server, status: error.problem.current_status || "submitted" };
      if (this.status === "superseded") return this.moveOn();
      this.setState("locked");
      return false;
    }
    if (error instanceof ApiError && error.status === 401) {
      this.setState("signed-out");
      return false;
    }
    if (error instanceof NetworkError && !navigator.onLine) {
      this.setState("offline");
      return false;
    }
    return this.backoff();
  }

  // Carry the unsent answers to the reopened assessment; the view follows the "moved" event.
  async moveOn() {
    this.persist();
    try {
      const reopened = await followSuperseded(this.id, this.server.questionnaire.key);
      this.pending = {};
      this.inflight = null;
      this.setState("moved");
      this.emit("moved", { id: reopened.id });
    } catch {
      return this.backoff(); // they stay on this device meanwhile
    }
    return false;
  }

  backoff() {
    const delay = BACKOFF_MS[Math.min(this.retries, BACKOFF_MS.length - 1)];
    this.retries += 1;
    this.retryAt = Date.now() + delay;
    this.setState("retrying");
    this.schedule(delay * (0.8 + Math.random() * 0.4));
    return false;
  }

  setState(state) {
    const changed = state !== this.state;
    this.state = state;
    this.emit("state", { state, changed });
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
