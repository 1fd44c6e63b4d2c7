// One questionnaire version for the administrator: what changed since the current version,
// publish or retire it (after confirming), and preview it as an enterprise would (nothing saved).

import "../qversions_texts.js";
import { api, errorText } from "../api.js";
import { visibleQuestions } from "../conditions.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field } from "./form.js";
import { renderQuestion } from "./question.js";
import { stateBadge, versionMeta } from "./qversions.js";

const SIZES = ["large", "medium", "small", "micro"];

export async function render(main, { key, version }, { notify, navigate }) {
  const [listed, definition, changes] = await Promise.all([
    api("/questionnaire-versions"),
    api(`/questionnaire-versions/${key}/${version}`),
    api(`/questionnaire-versions/${key}/${version}/changes`),
  ]);
  const entry = listed.items.find((q) => q.key === key);
  const v = entry.versions.find((x) => String(x.version) === String(version));
  add(main,
    h("p", { class: "crumb" }, h("a", { href: "#/questionnaires" }, t("qv.back"))),
    h("h1", {}, t("qv.heading", { title: definition.title, version })),
    h("p", {}, stateBadge(v)),
    h("p", { class: "meta" }, versionMeta(v), h("br"), t("qv.source", { file: v.source_file })),
    changesBlock(changes),
    // After the changes: what is published is read first.
    actions(v, { notify, navigate }),
    preview(definition));
}

function actions(v, { notify, navigate }) {
  const box = h("div", { class: "actions" });
  const step = (action, label, confirmKey, doneKey) => h("button", {
    type: "button",
    class: action === "publish" ? "btn primary" : "btn",
    onclick: async (event) => {
      if (!window.confirm(t(confirmKey, { version: v.version }))) return;
      event.currentTarget.disabled = true;
      try {
        await api(`/questionnaire-versions/${v.key}/${v.version}/${action}`, { method: "POST" });
        navigate(`/questionnaires/${v.key}/${v.version}`, { notice: t(doneKey, { version: v.version }) });
      } catch (err) {
        notify(errorText(err, t), { error: true });
        event.target.disabled = false;
      }
    },
  }, label);
  if (v.state === "draft") add(box, step("publish", t("qv.publish", { version: v.version }), "qv.publish_confirm", "qv.published"));
  if (v.state === "published") add(box, step("retire", t("qv.retire", { version: v.version }), "qv.retire_confirm", "qv.retired"));
  return box;
}

// A condition as readers see it in the YAML: compact JSON, or "always shown" when there is none.
const condition = (c) => (c ? JSON.stringify(c) : t("qv.always"));

function changesBlock(c) {
  const groups = [
    ["added", (q) => [h("code", {}, q.id), " ", q.text]],
    ["removed", (q) => [h("code", {}, q.id), " ", q.text]],
    ["reworded", (q) => [h("code", {}, q.id), h("br"), h("del", {}, t("qv.before"), q.before), h("br"), h("ins", {}, t("qv.after"), q.after)]],
    ["options", (q) => [h("code", {}, q.id), " ", q.text, h("ul", {}, [
      ...q.added.map((o) => h("li", {}, t("qv.option_added", { text: o.text, points: o.points ?? 0 }))),
      ...q.removed.map((o) => h("li", {}, t("qv.option_removed", { text: o.text }))),
      ...q.changed.map((o) => h("li", {}, optionChange(o))),
    ])]],
    ["weights", (q) => [h("code", {}, q.id), " ", q.text, h("br"), t("qv.weight", { before: q.before, after: q.after })]],
    ["conditions", (q) => [q.id ? h("code", {}, q.id) : t("qv.section", { section: q.section }), " ", q.text, h("br"),
      h("del", {}, t("qv.before"), condition(q.before)), h("br"), h("ins", {}, t("qv.after"), condition(q.after))]],
    ["dimensions", (d) => [d.title, " ", t("qv.weight", { before: d.before ?? t("qv.none"), after: d.after ?? t("qv.none") })]],
    ["other", (q) => [h("code", {}, q.id), " ", q.text, h("br"), t("qv.fields", { fields: q.fields.join(", ") })]],
  ];
  const box = h("section", { class: "qv-changes", "aria-labelledby": "qv-changes" },
    h("h2", { id: "qv-changes" }, c.since ? t("qv.changes", { since: c.since }) : t("qv.changes_first")));
  let any = false;
  for (const [name, line] of groups) {
    const items = c[name] || [];
    if (!items.length) continue;
    any = true;
    add(box, h("h3", {}, `${t(`qv.${name}`)}（${items.length}）`),
      h("ul", { class: `qv-diff qv-${name}` }, items.map((item) => h("li", {}, line(item)))));
  }
  if (!any) add(box, h("p", {}, t("qv.no_changes")));
  return box;
}

function optionChange(o) {
  if (o.field === "points") return t("qv.option_points", o);
  if (o.field === "text") return t("qv.option_text", o);
  return t("qv.option_other", o);
}

// The version as an enterprise would fill it: the same question controls, the same visibility
// rules (conditions.js), answers kept in this page only.
function preview(definition) {
  const answers = {};
  const industry = field({ name: "industry", label: t("qv.industry"), hint: t("qv.industry_hint"), value: "C1772", autocomplete: "off" });
  const size = field({ name: "size", label: t("qv.size"), options: SIZES.map((s) => [s, t(`size.${s}`)]) });
  size.input.value = "small";
  const count = h("p", { class: "hint", role: "status" });
  const sections = [];
  const rendered = {};
  for (const section of definition.sections) {
    const box = h("section", { class: "section" }, h("h3", {}, section.title));
    for (const q of section.questions) {
      rendered[q.id] = renderQuestion(q, {
        value: undefined,
        onChange: (value) => {
          answers[q.id] = value;
          refresh();
        },
      });
      add(box, rendered[q.id].el);
    }
    sections.push([section, box]);
  }
  function refresh() {
    const facts = { industry: industry.value().trim().toUpperCase(), size: size.value() };
    const shown = new Set(visibleQuestions(definition, answers, facts));
    for (const [section, box] of sections) {
      let any = false;
      for (const q of section.questions) {
        rendered[q.id].el.hidden = !shown.has(q.id);
        any ||= shown.has(q.id);
      }
      box.hidden = !any;
    }
    count.textContent = t("qv.shown", { shown: shown.size, total: Object.keys(rendered).length });
  }
  industry.input.addEventListener("input", refresh);
  size.input.addEventListener("change", refresh);
  refresh();
  return h("section", { class: "qv-preview", "aria-labelledby": "qv-preview" },
    h("h2", { id: "qv-preview" }, t("qv.preview")),
    h("p", { class: "hint" }, t("qv.preview_hint")),
    h("div", { class: "card" }, industry.el, size.el, count),
    h("form", { class: "qv-form", "aria-labelledby": "qv-preview", onsubmit: (e) => e.preventDefault() },
      sections.map(([, box]) => box)),
    h("p", {}, h("a", { href: "#/questionnaires" }, t("qv.back"))));
}
