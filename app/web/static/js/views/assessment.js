// Loading an assessment and its questionnaire version, from the network or from this device.

import { api, cachedJson, errorText, NetworkError } from "../api.js";
import { t } from "../i18n.js";
import { cachedAssessment, followSuperseded, openDraft } from "../store.js";

export const EDITABLE = ["draft", "returned"];

// Open a new draft of a questionnaire (or the open one, as it is) and go to it. `carry`: the new
// draft starts from the enterprise's last submitted answers (next year's filing, docs/api.md).
export async function startDraft(key, { carry = false, navigate, notify }) {
  try {
    const body = carry ? { questionnaire: key, start_from: "last" } : { questionnaire: key };
    const draft = await api("/assessments", { method: "POST", body });
    // Version 1 = nothing saved since the draft was made: the answers in it were carried over.
    const carried = carry && draft.version === 1 && draft.progress && draft.progress.answered > 0;
    // Carried answers open at the first section, to be walked through, not straight at "submit".
    if (carried) navigate(`/a/${draft.id}/s/1`, { notice: t("a.carried") });
    else navigate(`/a/${draft.id}`);
  } catch (err) {
    notify(errorText(err, t), { error: true });
  }
}

export async function loadAssessment(id) {
  try {
    return await api(`/assessments/${id}`, { cache: "no-store" });
  } catch (error) {
    const cached = cachedAssessment(id);
    if (error instanceof NetworkError && cached) return cached;
    throw error;
  }
}

export function loadDefinition(assessment) {
  const { key, version } = assessment.questionnaire;
  return cachedJson(`/questionnaires/${key}/versions/${version}`, { immutable: true });
}

export async function loadDraft(id) {
  let assessment = await loadAssessment(id);
  if (assessment.status === "superseded") {
    // Folded into the returned assessment: open that one, with anything unsent carried over.
    assessment = await followSuperseded(id, assessment.questionnaire.key);
    return { moved: assessment.id };
  }
  const definition = await loadDefinition(assessment);
  const draft = EDITABLE.includes(assessment.status) ? openDraft(assessment, definition) : null;
  return { assessment, definition, draft };
}

// Where the user left off: the first section with a shown question still unanswered.
export function resumeSection(draft) {
  const answers = draft.answers;
  const shown = new Set(draft.visible());
  const sections = draft.definition.sections;
  const index = sections.findIndex((s) => s.questions.some((q) => shown.has(q.id) && !(q.id in answers)));
  return index;
}

export function questionText(definition, id) {
  for (const section of definition.sections) {
    for (const q of section.questions) if (q.id === id) return q.text;
  }
  return id;
}
