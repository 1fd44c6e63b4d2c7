// When a question is shown — a line-for-line port of app/questionnaires/conditions.py.
// Keep the two in step: tests/web/test_conditions_js.py runs the same cases through both.
//
// - an answer is "present" when it is not missing, null, "" or [];
// - `in` holds for a string among the options, `contains_any` for a list sharing an option,
//   `gte`/`lte` for a number (never a boolean); a missing or wrongly typed answer → false;
// - `answered: true|false` holds when the answer is present / absent;
// - `industry` holds when facts.industry starts with one of the codes; `size` when facts.size
//   is one of the sizes; missing facts → false;
// - `profile` reads facts.profile (the enterprise profile's answers) with the same operators as
//   `answer`; an unanswered profile field is unknown: `answered: false` holds, the rest are false;
// - questions are visited in file order, shown when their section's condition and their own
//   hold; a hidden question's answer counts as absent for every later condition, whatever the
//   answers object holds.

const own = (obj, key) => obj != null && Object.prototype.hasOwnProperty.call(obj, key);

export function hasAnswer(value) {
  return value !== undefined && value !== null && value !== "" &&
    !(Array.isArray(value) && value.length === 0);
}

const isNumber = (value) => typeof value === "number";

export function evaluate(condition, answers, facts) {
  if (own(condition, "all")) return condition.all.every((c) => evaluate(c, answers, facts));
  if (own(condition, "any")) return condition.any.some((c) => evaluate(c, answers, facts));
  if (own(condition, "not")) return !evaluate(condition.not, answers, facts);
  if (own(condition, "industry")) {
    const code = facts ? facts.industry : undefined;
    return typeof code === "string" && condition.industry.some((p) => code.startsWith(p));
  }
  if (own(condition, "size")) return condition.size.includes(facts ? facts.size : undefined);
  let value;
  if (own(condition, "profile")) {
    const profile = facts ? facts.profile : undefined;
    value = own(profile, condition.profile) ? profile[condition.profile] : undefined;
  } else {
    value = own(answers, condition.answer) ? answers[condition.answer] : undefined;
  }
  if (own(condition, "answered")) return hasAnswer(value) === condition.answered;
  if (!hasAnswer(value)) return false;
  if (own(condition, "in")) return typeof value === "string" && condition.in.includes(value);
  if (own(condition, "contains_any")) {
    return Array.isArray(value) && value.some((v) => condition.contains_any.includes(v));
  }
  if (own(condition, "gte")) return isNumber(value) && value >= condition.gte;
  return isNumber(value) && value <= condition.lte;
}

export function* questions(definition) {
  for (const section of definition.sections) {
    for (const question of section.questions) yield [section, question];
  }
}

// The ids of the questions shown for these answers and facts, in file order.
const holds = (condition, answers, facts) =>
  condition === undefined || condition === null || evaluate(condition, answers, facts);

export function visibleQuestions(definition, answers, facts) {
  const seen = {};
  const shown = [];
  for (const section of definition.sections) {
    if (!holds(section.condition, seen, facts)) continue;
    for (const question of section.questions) {
      if (holds(question.condition, seen, facts)) {
        seen[question.id] = own(answers, question.id) ? answers[question.id] : null;
        shown.push(question.id);
      }
    }
  }
  return shown;
}

// The sections with at least one question shown, as [definition index, section] pairs: a
// section none of whose questions applies is not listed and not counted
// (app/questionnaires/conditions.py `visible_sections`).
export function visibleSections(definition, answers, facts) {
  const shown = new Set(visibleQuestions(definition, answers, facts));
  const out = [];
  definition.sections.forEach((section, index) => {
    if (section.questions.some((q) => shown.has(q.id))) out.push([index, section]);
  });
  return out;
}

// Required questions shown and unanswered, in order; and answered/total of those shown
// (app/assessments/answers.py `progress`).
export function progress(definition, answers, facts) {
  const shown = visibleQuestions(definition, answers, facts);
  const byId = questionMap(definition);
  const answered = (id) => own(answers, id) && hasAnswer(answers[id]);
  return {
    shown,
    missing: shown.filter((id) => byId[id].required && !answered(id)),
    answered: shown.filter(answered).length,
    total: shown.length,
  };
}

export function questionMap(definition) {
  const map = {};
  for (const [, question] of questions(definition)) map[question.id] = question;
  return map;
}
