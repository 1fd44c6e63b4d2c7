// The app shell for offline starts: the page and this version's files, kept in the Cache API.
// The page is fetched from the network first (so a release shows at once) and from the cache
// when there is no network; versioned files never change, so the cache answers them first.
// The API is never touched here: answers wait in localStorage (js/store.js), not in this cache.
const CACHE = "qa-shell-{{ version }}";
const SHELL = {{ shell | tojson }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("qa-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/app/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (request.mode === "navigate" && url.pathname === "/") {
    event.respondWith(fetch(request).catch(() => caches.match("/", { ignoreSearch: true })));
  }
});
