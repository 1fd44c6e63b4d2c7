// Before submitting: what is still missing (with a link to each), then submit once.

import { api, ApiError, errorText, newKey, readJSON, userKey, writeJSON } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { progress, visibleSections } from "../conditions.js";
import { forgetDraft } from "../store.js";
import { loadQueue, waiting } from "../uploads.js";
import { loadDraft } from "./assessment.js";
import { saveStatus } from "./status.js";

export async function render(main, params, { navigate }) {
  const id = Number(params.id);
  const { assessment, definition, draft, moved } = await loadDraft(id);
  if (moved) {
    return navigate(`/a/${moved}`, { replace: true, notice: t("a.moved") });
  }
  if (!draft) return navigate(`/a/${id}/result`, { replace: true });

  const summary = h("div", { class: "review" });
  const status = saveStatus(draft);
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "button", class: "btn primary wide", onclick: onSubmit }, t("r.submit"));
  add(main, 
    h("p", { class: "crumb" }, h("a", { href: `#/a/${id}` }, t("r.back"))),
    h("h1", {}, t("r.title")),
    h("p", { class: "lead" }, assessment.questionnaire.title),
    status.el,
    summary,
    error,
    submit,
  );

  function draw(serverMissing) {
    const p = progress(definition, draft.answers, draft.facts);
    const missing = serverMissing || p.missing;
    clear(summary);
    add(summary, h("p", { class: "counts" }, t("a.counts", { answered: p.answered, total: p.total })));
    if (!missing.length) {
      add(summary, h("p", { class: "ok-note" }, t("r.complete")));
    } else {
      add(summary, h("h2", {}, t("r.missing", { n: missing.length })));
      const missingSet = new Set(missing);
      // Numbered as listed: only the sections with a question shown for this enterprise.
      visibleSections(definition, draft.answers, draft.facts).forEach(([i, section], n) => {
        const items = section.questions.filter((q) => missingSet.has(q.id));
        if (!items.length) return;
        add(summary, 
          h("h3", {}, `${n + 1}. ${section.title}`),
          h("ul", { class: "missing" }, items.map((q) => h("li", {}, h("a", { href: `#/a/${id}/s/${i + 1}/q/${q.id}` }, q.text)))),
        );
      });
    }
    missingCount = missing.length;
    submit.disabled = missingCount > 0;
  }
  let missingCount = 0;
  const onChange = () => draw();
  draft.addEventListener("change", onChange);
  draw();

  async function onSubmit() {
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = t("r.submitting");
    try {
      if (!(await draft.settle())) {
        error.textContent = navigator.onLine ? t("r.unsent") : t("r.offline");
        error.hidden = false;
        return;
      }
      // A file still on the phone would miss the submission, and the closed draft refuse it.
      await loadQueue().catch(() => {});
      if (waiting(id).length) {
        error.textContent = t("r.files_unsent", { n: waiting(id).length });
        error.hidden = false;
        return;
      }
      // The same key for every retry of this submission, so a lost reply cannot submit twice.
      const keyName = userKey(`submit.${id}`);
      let stored = readJSON(keyName);
      if (!stored || stored.version !== draft.server.version) {
        stored = { version: draft.server.version, key: newKey() };
        writeJSON(keyName, stored);
      }
      await api(`/assessments/${id}/submit`, { method: "POST", headers: { "Idempotency-Key": stored.key } });
      localStorage.removeItem(keyName);
      forgetDraft(id);
      navigate(`/a/${id}/result`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && Array.isArray(err.problem.missing)) {
        draw(err.problem.missing);
        error.textContent = t("r.server_missing");
      } else if (err instanceof ApiError && err.status === 409) {
        forgetDraft(id);
        navigate(`/a/${id}/result`);
        return;
      } else {
        error.textContent = errorText(err, t);
      }
      error.hidden = false;
    } finally {
      submit.textContent = t("r.submit");
      submit.disabled = missingCount > 0;
    }
  }

  return () => {
    status.stop();
    draft.removeEventListener("change", onChange);
  };
}
