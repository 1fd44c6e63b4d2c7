// Answering one section at a time; every change is saved (or kept on the phone until it can be).

import { api } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { progress, visibleSections } from "../conditions.js";
import { loadDraft, questionText, resumeSection } from "./assessment.js";
import { loadQueue } from "../uploads.js";
import { evidenceField, loadEvidence } from "./evidence.js";
import { renderQuestion } from "./question.js";
import { saveStatus } from "./status.js";

export async function render(main, params, { navigate, notify }) {
  const id = Number(params.id);
  const { assessment, definition, draft, moved } = await loadDraft(id);
  if (moved) return navigate(`/a/${moved}${params.section ? `/s/${params.section}` : ""}`, { replace: true, notice: t("a.moved") });
  if (!draft) return navigate(`/a/${id}/result`, { replace: true });
  const sections = definition.sections;
  let index = params.section ? Number(params.section) - 1 : resumeSection(draft);
  if (index < 0 && !params.section) return navigate(`/a/${id}/review`, { replace: true });
  index = Math.min(Math.max(index, 0), sections.length - 1);
  // Only the sections with a question shown for this enterprise are listed and counted; the
  // address keeps the section's place in the questionnaire, so links stay valid.
  const listedNow = visibleSections(definition, draft.answers, draft.facts).map(([i]) => i);
  if (!listedNow.includes(index) && listedNow.length) {
    const next = listedNow.find((i) => i > index);
    if (next === undefined) return navigate(`/a/${id}/review`, { replace: true });
    return navigate(`/a/${id}/s/${next + 1}`, { replace: true });
  }
  const section = sections[index];
  const comments = (assessment.review && assessment.review.question_comments) || {};

  const bar = h("div", { class: "bar-fill" });
  const meter = h("div", { class: "meter", role: "progressbar", "aria-valuemin": "0", "aria-label": t("a.progress_label") }, bar);
  const counts = h("p", { class: "counts" });
  const missingNote = h("p", { class: "hint" });
  const status = saveStatus(draft);
  const emptyNote = h("p", { class: "note", hidden: true }, t("a.section_empty"));
  const lockedNote = h("div", { class: "banner warn", hidden: true },
    h("p", {}, t("a.locked")), h("a", { class: "btn", href: `#/a/${id}/result` }, t("home.result")));

  // Files on the questions that take them: the server's, and those still on the phone.
  const takesFiles = section.questions.some((q) => q.evidence);
  const files = takesFiles ? await loadEvidence(id) : null;
  if (takesFiles) loadQueue().catch(() => {});
  const attachments = [];
  const fields = section.questions.map((q) => {
    const attach = q.evidence ? evidenceField(q, id, { files, notify }) : null;
    if (attach) attachments.push(attach);
    const field = renderQuestion(q, {
      extra: attach && attach.el,
      value: draft.answers[q.id],
      comment: comments[q.id],
      error: draft.errors[q.id],
      onChange: (value) => {
        if (value !== undefined) draft.set(q.id, value);
      },
    });
    return { q, field };
  });

  const jump = h("select", { id: "section-jump", onchange: (e) => navigate(`/a/${id}/s/${Number(e.target.value) + 1}`) });
  const sectionOf = h("span", {});
  const pager = h("div", { class: "pager" });

  // The section list, its count and the pager follow the answers: an answer may hide or show
  // a later section.
  function drawSections(listed) {
    const position = listed.indexOf(index);
    clear(jump);
    add(jump, listed.map((i, n) => h("option", { value: String(i), selected: i === index }, `${n + 1}. ${sections[i].title}`)));
    sectionOf.textContent = t("a.section_of", { n: position + 1, total: listed.length });
    const before = listed.filter((i) => i < index);
    const after = listed.find((i) => i > index);
    clear(pager);
    add(pager,
      before.length ? h("a", { class: "btn", href: `#/a/${id}/s/${before[before.length - 1] + 1}` }, t("a.prev")) : null,
      h("a", { class: "btn primary", href: after === undefined ? `#/a/${id}/review` : `#/a/${id}/s/${after + 1}` },
        after === undefined ? t("a.to_review") : t("a.next")));
  }
  add(main, 
    h("p", { class: "crumb" }, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", {}, assessment.questionnaire.title),
    assessment.status === "returned" && assessment.review ? returnedBanner(assessment.review, definition, id) : null,
    lockedNote,
    h("div", { class: "progress-box" }, meter, h("div", { class: "progress-line" }, counts, status.el)),
    h("div", { class: "jump" }, h("label", { for: "section-jump" }, t("a.jump")), jump),
    h("section", { class: "section", "aria-labelledby": "section-title" },
      h("h2", { id: "section-title" }, sectionOf, h("br"), section.title),
      missingNote,
      emptyNote,
      fields.map((f) => f.field.el)),
    pager,
  );

  function refresh() {
    const answers = draft.answers;
    const p = progress(definition, answers, draft.facts);
    const shown = new Set(p.shown);
    for (const { q, field } of fields) {
      field.el.hidden = !shown.has(q.id);
      field.sync(answers[q.id]);
    }
    emptyNote.hidden = fields.some(({ q }) => shown.has(q.id));
    const listed = visibleSections(definition, answers, draft.facts).map(([i]) => i);
    drawSections(listed.includes(index) ? listed : [...listed, index].sort((a, b) => a - b));
    const pct = p.total ? Math.round((100 * p.answered) / p.total) : 0;
    bar.style.width = `${pct}%`;
    meter.setAttribute("aria-valuemax", String(p.total));
    meter.setAttribute("aria-valuenow", String(p.answered));
    meter.setAttribute("aria-valuetext", t("a.counts", { answered: p.answered, total: p.total }));
    counts.textContent = t("a.counts", { answered: p.answered, total: p.total });
    missingNote.textContent = p.missing.length ? t("a.missing_count", { n: p.missing.length }) : t("a.all_answered");
  }

  const onChange = () => refresh();
  const onMerged = (event) => {
    const { conflicts, lost } = event.detail;
    const name = (qid) => `“${questionText(definition, qid)}”`;
    const parts = [];
    if (conflicts.length) parts.push(t("a.conflict", { questions: conflicts.map(name).join("、") }));
    if (lost.length) parts.push(t("a.lost", { questions: lost.map(name).join("、") }));
    notify(parts.join(" "), { sticky: true });
  };
  const onInvalid = (event) => {
    for (const { q, field } of fields) field.setError(event.detail.errors[q.id] || "");
  };
  const onState = () => {
    if (draft.state === "locked") lockedNote.hidden = false;
  };
  const onMoved = (event) => toReopened(event.detail.id);
  // Back from another app or device: take what was saved elsewhere meanwhile.
  const onVisible = async () => {
    if (document.visibilityState !== "visible" || !navigator.onLine) return;
    try {
      draft.adopt(await api(`/assessments/${id}`, { cache: "no-store" }));
      if (draft.count()) draft.schedule(0);
    } catch {
      // Offline or signed out: the status line already says what matters.
    }
  };
  draft.addEventListener("change", onChange);
  draft.addEventListener("merged", onMerged);
  draft.addEventListener("invalid", onInvalid);
  draft.addEventListener("state", onState);
  draft.addEventListener("moved", onMoved);
  document.addEventListener("visibilitychange", onVisible);
  refresh();
  onState();

  const cleanup = () => {
    draft.removeEventListener("change", onChange);
    draft.removeEventListener("merged", onMerged);
    draft.removeEventListener("invalid", onInvalid);
    draft.removeEventListener("state", onState);
    draft.removeEventListener("moved", onMoved);
    document.removeEventListener("visibilitychange", onVisible);
    status.stop();
    for (const attach of attachments) attach.stop();
  };
  // The user stays on the section they were answering, now in the reopened assessment.
  function toReopened(reopenedId) {
    navigate(`/a/${reopenedId}/s/${index + 1}`, { replace: true, notice: t("a.moved") });
  }

  const target = params.focus && fields.find((f) => f.q.id === params.focus);
  return { cleanup, mounted: target ? () => target.field.focus() : null };
}

function returnedBanner(review, definition, id) {
  return h("div", { class: "banner warn", role: "note" },
    h("strong", {}, t("a.returned")),
    review.comment ? h("p", {}, review.comment) : null,
    rejectedFiles(review.rejected_evidence || [], definition, id));
}

// The files the return pointed at: which, on which question, why; each links to its question.
function rejectedFiles(items, definition, id) {
  if (!items.length) return null;
  const where = new Map();
  definition.sections.forEach((s, i) => s.questions.forEach((q) => where.set(q.id, { n: i + 1, text: q.text })));
  return h("div", { class: "rejected-evidence" },
    h("p", {}, t("a.rejected_files")),
    h("ul", {}, items.map((item) => {
      const place = where.get(item.question);
      return h("li", {},
        place ? h("a", { href: `#/a/${id}/s/${place.n}/q/${item.question}` }, item.filename) : item.filename,
        place ? h("span", { class: "hint" }, t("a.rejected_on", { question: place.text })) : null,
        item.reason ? h("span", {}, t("ev.reason", { reason: item.reason })) : null);
    })));
}
