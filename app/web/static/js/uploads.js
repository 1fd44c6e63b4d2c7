// Evidence files on their way to the server. Kept in IndexedDB (a photo is too big for
// localStorage) under the signed-in user's name, sent one at a time, each with its own
// Idempotency-Key made once when it was chosen: a retry after a dropped connection answers the
// file the first attempt stored, never a second copy (docs/evidence.md, "Retries").

import { api, ApiError, NetworkError, newKey, session } from "./api.js";

const DB_NAME = "qa-uploads";
const STORE = "queue";
const BACKOFF_MS = [2000, 5000, 15000, 30000, 60000];
export const MAX_BYTES = 10 * 1024 * 1024;
export const TYPES = ["application/pdf", "image/jpeg", "image/png"];

export const uploads = new EventTarget();
let queue = []; // this user's files not yet stored by the server, oldest first
let timer = null;
let failures = 0;
let sending = false;
export let state = "idle"; // idle | sending | offline | retrying

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => {
      db.close();
      resolve(request ? request.result : undefined);
    };
    tx.onerror = () => {
      db.close();
      reject(tx.error);
    };
  });
}

function changed() {
  uploads.dispatchEvent(new Event("change"));
}

function setState(next) {
  state = next;
  changed();
}

// Read this user's queue from the device (at start, after signing in) and send what waits.
export async function loadQueue() {
  const user = session.get();
  if (!user || !window.indexedDB) {
    queue = [];
    return changed();
  }
  const all = (await transact("readonly", (store) => store.getAll())) || [];
  queue = all.filter((item) => item.user === user.username).sort((a, b) => a.created - b.created);
  changed();
  if (queue.length) schedule(0);
}

export const waiting = (assessmentId, question) =>
  queue.filter((i) => i.assessment === assessmentId && (!question || i.question === question));

// How many files on this device have not reached the server (counted with unsent answers).
export const unsentUploads = () => queue.length;

// Check what the phone can check, then keep the file and start sending it.
export async function enqueue(assessmentId, question, file) {
  if (!TYPES.includes(file.type)) return { refused: "type" };
  if (file.size > MAX_BYTES) return { refused: "size" };
  const item = {
    key: newKey(),
    user: session.get().username,
    assessment: assessmentId,
    question,
    filename: file.name || "photo.jpg",
    type: file.type,
    size: file.size,
    blob: file,
    created: Date.now(),
  };
  await transact("readwrite", (store) => store.put(item));
  queue.push(item);
  changed();
  schedule(0);
  return { item };
}

async function drop(key) {
  queue = queue.filter((i) => i.key !== key);
  await transact("readwrite", (store) => store.delete(key));
  changed();
}

// A file the user gives up before it was sent.
export const discard = (key) => drop(key);

// Signing out: the user's queued files leave the device with the rest of their data.
export async function forgetUploads(username) {
  if (!window.indexedDB) return;
  const all = (await transact("readonly", (store) => store.getAll())) || [];
  await transact("readwrite", (store) => {
    for (const item of all) if (item.user === username) store.delete(item.key);
  });
  queue = [];
  clearTimeout(timer);
  changed();
}

export function schedule(ms) {
  clearTimeout(timer);
  timer = setTimeout(send, ms);
}

async function send() {
  // Only the signed-in user's files, under their own session: another user of the phone (or
  // nobody, after an expiry) never sends them, and they wait on the device for their owner.
  const user = session.get();
  queue = queue.filter((i) => user && i.user === user.username);
  if (sending || !queue.length) return;
  sending = true;
  setState("sending");
  try {
    while (queue.length) {
      const item = queue[0];
      const query = new URLSearchParams({ question: item.question, filename: item.filename });
      try {
        const stored = await api(`/assessments/${item.assessment}/evidence?${query}`, {
          method: "POST",
          body: new Blob([item.blob], { type: item.type }),
          headers: { "Idempotency-Key": item.key },
        });
        failures = 0;
        await drop(item.key);
        uploads.dispatchEvent(new CustomEvent("stored", { detail: { item, stored } }));
      } catch (error) {
        const passing = error instanceof NetworkError
          || (error instanceof ApiError && (error.status >= 500 || [401, 408, 429].includes(error.status)));
        if (passing) {
          // Offline, or the server busy: try again later with the same key.
          const wait = BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)];
          setState(navigator.onLine ? "retrying" : "offline");
          return schedule(wait);
        }
        // Refused for good (a type, a limit, a closed draft): say so and stop carrying it.
        await drop(item.key);
        uploads.dispatchEvent(new CustomEvent("refused", { detail: { item, error } }));
      }
    }
    setState("idle");
  } finally {
    sending = false;
  }
}

window.addEventListener("online", () => schedule(0));
