// Evidence files: attaching them to a question of the draft (photo or PDF, queued on the phone
// until sent), and the list a regulator opens and marks verified or rejected.

import { api, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { discard, enqueue, uploads, waiting } from "../uploads.js";

const kb = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

// The files by question and, for a submitted revision, how much of its score they back
// ("verified"); null offline (queued files still show).
export async function loadListing(assessmentId, revision) {
  const query = revision ? `?revision=${revision}` : "";
  try {
    return await api(`/assessments/${assessmentId}/evidence${query}`);
  } catch {
    return null;
  }
}

export async function loadEvidence(assessmentId, revision) {
  const listing = await loadListing(assessmentId, revision);
  return listing ? listing.items : null;
}

// Open a stored file in a new tab: fetched with the session, shown from memory.
async function openFile(item, notify) {
  try {
    const response = await api(`${item.href.replace("/api/v1", "")}?disposition=inline`, { raw: true, headers: { Accept: "*/*" } });
    const url = URL.createObjectURL(await response.blob());
    const link = h("a", { href: url, target: "_blank", rel: "noopener" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    notify(errorText(err, t), { error: true });
  }
}

function verdict(item) {
  const v = item.verification;
  const text = t(`ev.${v.status}`) + (v.reason ? t("ev.reason", { reason: v.reason }) : "");
  return h("span", { class: `badge ev-${v.status}` }, text);
}

// Under a question that takes evidence: its hint, its files, the queued ones, "attach".
export function evidenceField(q, assessmentId, { files, notify }) {
  const inputId = `ev-${q.id}`;
  const list = h("ul", { class: "ev-list" });
  const problem = h("p", { class: "field-error", role: "alert", hidden: true });
  const input = h("input", {
    id: inputId, type: "file", class: "ev-input", accept: "image/jpeg,image/png,application/pdf",
    onchange: async () => {
      problem.hidden = true;
      for (const file of input.files) {
        const { refused } = await enqueue(assessmentId, q.id, file);
        if (refused) {
          problem.textContent = t(refused === "type" ? "ev.bad_type" : "ev.too_big", { name: file.name });
          problem.hidden = false;
        }
      }
      input.value = "";
    },
  });
  let stored = (files || []).filter((f) => f.question === q.id);

  function draw() {
    clear(list);
    for (const item of stored) {
      add(list, h("li", { class: "ev-item" },
        h("button", { type: "button", class: "link", onclick: () => openFile(item, notify) }, item.filename),
        h("span", { class: "hint" }, ` ${kb(item.size)} `), verdict(item),
        h("button", {
          type: "button", class: "link small", "aria-label": t("ev.remove_named", { name: item.filename }),
          onclick: () => remove(item),
        }, t("ev.remove")),
        // A rejected file stays until replaced: say what to do with it.
        item.verification.status === "rejected" ? h("p", { class: "ev-replace" }, t("ev.replace")) : null));
    }
    for (const item of waiting(assessmentId, q.id)) {
      add(list, h("li", { class: "ev-item ev-waiting" },
        h("span", {}, item.filename), h("span", { class: "hint" }, ` ${kb(item.size)} `),
        h("span", { class: "badge" }, t("ev.waiting")),
        h("button", {
          type: "button", class: "link small", "aria-label": t("ev.cancel_named", { name: item.filename }),
          onclick: () => discard(item.key),
        }, t("ev.cancel"))));
    }
  }

  async function remove(item) {
    try {
      await api(`/assessments/${assessmentId}/evidence/${item.id}`, { method: "DELETE" });
      stored = stored.filter((f) => f.id !== item.id);
      draw();
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  }

  const onChange = () => draw();
  const onStored = (event) => {
    if (event.detail.item.question !== q.id || event.detail.item.assessment !== assessmentId) return;
    stored = [...stored.filter((f) => f.id !== event.detail.stored.id), event.detail.stored];
    draw();
  };
  const onRefused = (event) => {
    if (event.detail.item.question !== q.id) return;
    problem.textContent = `${event.detail.item.filename}: ${errorText(event.detail.error, t)}`;
    problem.hidden = false;
  };
  uploads.addEventListener("change", onChange);
  uploads.addEventListener("stored", onStored);
  uploads.addEventListener("refused", onRefused);
  draw();

  const el = h("div", { class: "evidence" },
    h("p", { class: "ev-title" }, q.evidence.expected ? t("ev.expected") : t("ev.optional")),
    q.evidence.hint ? h("p", { class: "hint" }, q.evidence.hint) : null,
    list,
    input,
    h("label", { for: inputId, class: "btn ev-add" }, t("ev.add")),
    problem);
  return {
    el,
    stop() {
      uploads.removeEventListener("change", onChange);
      uploads.removeEventListener("stored", onStored);
      uploads.removeEventListener("refused", onRefused);
    },
  };
}

// A submitted revision's files by question, for the result page; a regulator decides on each.
export function evidencePanel(assessment, definition, files, { regulator, notify }) {
  const texts = new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.id, q.text])));
  const section = h("section", { class: "card evidence-panel", "aria-labelledby": "ev-heading" },
    h("h2", { id: "ev-heading" }, t("ev.heading")));
  if (!files.length) return add(section, h("p", { class: "hint" }, t("ev.none")));
  const byQuestion = new Map();
  for (const f of files) byQuestion.set(f.question, [...(byQuestion.get(f.question) || []), f]);
  for (const [question, items] of byQuestion) {
    add(section, h("h3", {}, texts.get(question) || question),
      h("ul", { class: "ev-list" }, items.map((item) => fileRow(assessment, item, { regulator, notify }))));
  }
  return section;
}

function fileRow(assessment, item, { regulator, notify }) {
  const badge = h("span", {});
  const reasonId = `ev-reason-${item.id}`;
  const reason = h("input", { id: reasonId, type: "text", maxlength: "500", class: "ev-reason" });
  const show = () => add(clear(badge), verdict(item));
  const decide = (status) => async () => {
    try {
      const body = status === "rejected" ? { status, reason: reason.value } : { status };
      item = await api(`/assessments/${assessment.id}/evidence/${item.id}/verification`, { method: "PUT", body });
      show();
      notify(t(status === "verified" ? "ev.verified_done" : "ev.rejected_done", { name: item.filename }));
    } catch (err) {
      notify(errorText(err, t), { error: true });
    }
  };
  show();
  return h("li", { class: "ev-item" },
    h("button", { type: "button", class: "link", onclick: () => openFile(item, notify) }, item.filename),
    h("span", { class: "hint" }, ` ${kb(item.size)} `), badge,
    regulator
      ? h("div", { class: "ev-decide" },
        h("button", { type: "button", class: "btn small", onclick: decide("verified") }, t("ev.verify")),
        h("label", { for: reasonId }, t("ev.reason_label")), reason,
        h("button", { type: "button", class: "btn small", onclick: decide("rejected") }, t("ev.reject")))
      : null);
}
