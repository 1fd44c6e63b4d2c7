// The administrator's questionnaire versions: upload a file (checked line by line), and every
// questionnaire's versions with their state and the assessments on each.

import "../qversions_texts.js";
import { api, ApiError, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError } from "./form.js";

export const day = (iso) => (iso ? iso.slice(0, 10) : "");

export async function render(main, _params, { navigate, notify }) {
  add(main,
    h("p", { class: "crumb" }, h("a", { href: "#/" }, t("nav.home"))),
    h("h1", { tabindex: "-1" }, t("qv.title")),
    h("p", { class: "lead" }, t("qv.lead")),
    uploadForm(navigate));
  const list = h("div", { class: "qv-list" });
  add(main, list);
  try {
    const { items } = await api("/questionnaire-versions");
    if (!items.length) add(list, h("p", {}, t("qv.empty")));
    for (const q of items) add(list, questionnaireCard(q));
  } catch (err) {
    notify(errorText(err, t), { error: true });
  }
}

function questionnaireCard(q) {
  return h("section", { class: "card qv-card", "aria-labelledby": `qv-${q.key}` },
    h("h2", { id: `qv-${q.key}` }, q.title, " ", h("span", { class: "meta" }, q.key)),
    h("ul", { class: "rows" }, q.versions.map((v) => h("li", { class: "row qv-version", dataset: { state: v.state } },
      // The whole row opens the version: its changes, preview, publish or retire.
      h("a", { href: `#/questionnaires/${q.key}/${v.version}` },
        h("strong", {}, t("qv.version", { version: v.version })), " ", stateBadge(v),
        h("br"),
        h("span", { class: "meta" }, versionMeta(v)))))));
}

export function stateBadge(v) {
  return h("span", { class: `badge qv-${v.state}` }, t(`qv.state_${v.state}`), v.current ? ` · ${t("qv.current")}` : "");
}

export function versionMeta(v) {
  const when = v.state === "retired" ? t("qv.retired_at", { at: day(v.retired_at) })
    : v.state === "published" ? t("qv.published_at", { at: day(v.published_at) })
      : t("qv.created_at", { at: day(v.created_at) });
  return [t("qv.counts", { questions: v.question_count, drafts: v.drafts, submissions: v.submissions }), v.published_at || v.created_at ? when : null]
    .filter(Boolean).join(" · ");
}

function uploadForm(navigate) {
  const file = field({ name: "file", label: t("qv.file"), hint: t("qv.file_hint"), type: "file", accept: ".yaml,.yml,text/yaml", required: true });
  const error = formError();
  const result = h("div", { class: "qv-result", role: "status" });
  const problems = h("div", { class: "qv-problems", hidden: true });
  async function send(path) {
    error.set("");
    file.setError(null);
    problems.hidden = true;
    clear(result);
    const chosen = file.input.files[0];
    if (!chosen) {
      file.setError(t("qv.file_missing"));
      file.input.focus();
      return null;
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await chosen.arrayBuffer());
    } catch {
      file.setError(t("qv.file_unreadable"));
      return null;
    }
    try {
      return await api(path, { method: "POST", body: { text, filename: chosen.name } });
    } catch (err) {
      if (err instanceof ApiError && err.problem.problems) showProblems(problems, err.problem);
      else error.set(errorText(err, t));
      return null;
    }
  }
  const check = h("button", { type: "button", class: "btn", onclick: async () => {
    const answer = await send("/questionnaire-versions/check");
    if (answer) add(result, h("p", { class: "ok-note" }, t("qv.checked", { title: answer.title, count: answer.question_count })));
  } }, t("qv.check"));
  async function save(event) {
    event.preventDefault();
    const answer = await send("/questionnaire-versions");
    if (!answer) return;
    // 200: the same content is stored already, as this version (of any state).
    const notice = answer.created
      ? t("qv.saved", { version: answer.version })
      : t("qv.same", { version: answer.version, state: t(`qv.state_${answer.state}`) });
    navigate(`/questionnaires/${answer.key}/${answer.version}`, { notice });
  }
  return h("section", { class: "card", "aria-labelledby": "qv-upload" },
    h("h2", { id: "qv-upload" }, t("qv.upload")),
    h("form", { novalidate: true, "aria-labelledby": "qv-upload", onsubmit: save },
      file.el, error.el, problems,
      h("div", { class: "actions" }, check, h("button", { type: "submit", class: "btn primary" }, t("qv.save")))),
    result);
}

// The 422's problems, one line each: where (line, question, field) and what.
function showProblems(box, problem) {
  clear(box);
  add(box,
    h("p", { class: "form-error", role: "alert" }, problem.detail),
    h("h3", {}, t("qv.problems")),
    h("ol", { class: "problems" }, problem.problems.map((p) => h("li", {},
      h("strong", {}, p.line ? t("qv.line", { line: p.line }) : t("qv.no_line")), " ",
      h("code", {}, [p.question !== "-" ? p.question : null, p.field !== "-" ? p.field : null].filter(Boolean).join(" · ")),
      h("br"),
      p.message))));
  box.hidden = false;
}
