// Background exports (POST /exports): start one with the screen's filters, follow its progress,
// download the finished file. Past exports stay listed until they expire (docs/exports.md).

import { api, download, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";

const POLL_MS = 1500;
// Beijing time, as "2026-12-06 17:55" (the server sends UTC instants).
const BEIJING = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
});

// A direct download of path (the Authorization header cannot ride on a plain link).
export const fileLink = (path, filename, label, notify) => h("a", {
  class: "btn", href: `/api/v1${path}`,
  onclick: async (event) => {
    event.preventDefault();
    try {
      await download(path, filename);
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  },
}, label);

// filters() gives the screen's current filters when a button is pressed.
export function exportPanel({ kind, filters, notify }) {
  const list = h("ul", { class: "export-jobs", "aria-live": "polite" });
  const start = (format) => h("button", {
    type: "button", class: "btn",
    onclick: async () => {
      try {
        await api("/exports", { method: "POST", body: { kind, format, filters: filters() } });
        await refresh();
      } catch (err) {
        notify(errorText(err, t), { error: true });
      }
    },
  }, t(`exports.start_${format}`));
  const panel = h("section", { class: "card exports-panel", "aria-labelledby": `exports-${kind}` },
    h("h2", { id: `exports-${kind}` }, t("exports.title")),
    h("p", { class: "hint" }, t("exports.hint")),
    h("div", { class: "actions" }, start("csv"), start("xlsx")),
    list);

  let timer = null;
  async function refresh() {
    clearTimeout(timer);
    let jobs;
    try {
      jobs = (await api("/exports")).items.filter((job) => job.kind === kind);
    } catch (err) {
      notify(errorText(err, t), { error: true });
      return;
    }
    add(clear(list), jobs.slice(0, 5).map((job) => row(job, notify)));
    if (jobs.some((job) => job.state === "queued" || job.state === "running") && panel.isConnected) {
      timer = setTimeout(refresh, POLL_MS);
    }
  }
  refresh();
  return panel;
}

function row(job, notify) {
  const when = BEIJING.format(new Date(job.created_at));
  const label = `${job.format.toUpperCase()} · ${when}`;
  const parts = [h("strong", {}, label), h("br")];
  if (job.state === "done") {
    const name = `${job.kind}-${when.replace(/[: ]/g, "")}.${job.format}`;
    parts.push(h("span", { class: "meta" }, t("exports.done", { n: job.rows_written })), " ",
      h("button", {
        type: "button", class: "btn",
        onclick: () => download(job.download.replace(/^\/api\/v1/, ""), name).catch((err) => notify(errorText(err, t), { error: true })),
      }, t("exports.download")));
  } else if (job.state === "failed") {
    parts.push(h("span", { class: "meta error" }, t("exports.failed", { reason: job.error || "" })));
  } else {
    const total = job.rows_estimated || 0;
    parts.push(
      h("progress", { max: String(total || 1), value: String(total ? job.rows_written : 0), "aria-label": label }),
      " ",
      h("span", { class: "meta" }, total
        ? t("exports.progress", { n: job.rows_written, total })
        : t(`exports.${job.state}`)));
  }
  return h("li", {}, parts);
}
