// An enterprise's start page: each questionnaire, with its draft or latest result.

import { api, cachedJson, errorText } from "../api.js";
import { add, clear, h } from "../dom.js";
import { t } from "../i18n.js";
import { field, formError, showProblem } from "./form.js";
import { startDraft } from "./assessment.js";
import { profileCard } from "./profile.js";

const OPEN = ["draft", "returned"];

export async function render(main, _params, { navigate, notify }) {
  const [list, mine, me, profile, campaigns] = await Promise.all([
    cachedJson("/questionnaires"),
    cachedJson("/assessments?limit=100", { personal: true }),
    cachedJson("/me", { personal: true }).catch(() => null),
    // Offline the card is left out; the server still insists on the profile at submission.
    api("/profile").catch(() => null),
    // The campaigns asking this enterprise to file; offline the cards are left out.
    api("/campaigns/mine").catch(() => null),
  ]);
  const byKey = {};
  for (const a of mine.items) (byKey[a.questionnaire.key] ||= []).push(a);

  add(main, 
    h("h1", {}, t("home.title")),
    me && me.display_name ? h("p", { class: "lead" }, me.display_name) : null,
    h("p", { class: "lead" }, t("home.lead")),
    // A firm on a campaign's roll may hold the regulator's letter with a code that verifies it.
    me && me.enterprise && me.enterprise.verification === "unverified" && campaigns && campaigns.items.length
      ? verifyCard() : null,
    campaigns && campaigns.items.length ? h("section", { "aria-labelledby": "campaigns-title" },
      h("h2", { id: "campaigns-title" }, t("camp.mine")),
      h("ul", { class: "cards" }, campaigns.items.map((c) => campaignCard(c, list.items, byKey)))) : null,
    h("ul", { class: "cards" },
      profile ? profileCard(profile) : null,
      list.items.map((q) => card(q, byKey[q.key] || []))),
  );
  // Fetch the answering screens now, so they open even if the network drops later.
  import("./answer.js");
  import("./review.js");
  import("./result.js");

  function card(q, assessments) {
    const open = assessments.find((a) => OPEN.includes(a.status));
    const done = assessments.filter((a) => !OPEN.includes(a.status) && a.revision > 0)
      .sort((a, b) => String(b.submitted_at).localeCompare(String(a.submitted_at)))[0];
    const titleId = `card-${q.key}`;
    const actions = [];
    let state = null;
    if (open) {
      const p = open.progress || { answered: 0, total: q.question_count };
      state = h("p", { class: "card-state" }, open.status === "returned" ? t("home.returned") : t("home.draft"),
        " · ", t("a.counts", { answered: p.answered, total: p.total }));
      actions.push(h("a", { class: "btn primary", href: `#/a/${open.id}` }, t("home.continue")));
    }
    if (done) {
      state = state || h("p", { class: "card-state" }, t(`status.${done.status}`));
      actions.push(h("a", { class: "btn", href: `#/a/${done.id}/result` }, t("home.result")));
    }
    if (!open) {
      actions.push(h("button", { type: "button", class: done ? "btn" : "btn primary", onclick: () => start(q.key) }, done ? t("home.again") : t("home.start")));
    }
    // What to do comes first; the description is there for whoever wants to read it.
    return h("li", { class: "card", "aria-labelledby": titleId },
      h("h2", { id: titleId }, q.title),
      h("p", { class: "meta" }, t("home.meta", { n: q.question_count, m: q.estimated_minutes })),
      state,
      h("div", { class: "actions" }, actions),
      h("details", { class: "about" }, h("summary", {}, t("home.about")), h("p", {}, q.description)));
  }

  function verifyCard() {
    const code = field({ name: "invitation", label: t("home.verify_code"), inputmode: "numeric", autocomplete: "one-time-code" });
    const error = formError();
    const box = h("section", { class: "card", "aria-labelledby": "verify-title" });
    const onsubmit = async (event) => {
      event.preventDefault();
      error.set("");
      try {
        const done = await api("/campaigns/invitation", { method: "POST", body: { code: code.value() } });
        clear(box);
        add(box, h("h2", { id: "verify-title" }, t("home.verify_title")),
          h("p", { class: "card-state", role: "status" }, t("home.verified", { name: done.verified_name })));
      } catch (err) {
        showProblem({ code }, error, err, t);
      }
    };
    add(box,
      h("h2", { id: "verify-title" }, t("home.verify_title")),
      h("p", {}, t("home.verify_lead")),
      h("form", { class: "stack", "aria-label": t("home.verify_title"), novalidate: true, onsubmit },
        code.el, error.el,
        h("div", { class: "actions" }, h("button", { type: "submit", class: "btn primary" }, t("home.verify_submit")))));
    return box;
  }

  // Each questionnaire the campaign asks for, with the one step that moves it on.
  function campaignCard(c, questionnaires, byKey) {
    const titles = Object.fromEntries(questionnaires.map((q) => [q.key, q.title]));
    const when = c.phase === "open" ? t("camp.due", { date: c.closes_on, n: c.days_left })
      : t(c.accepts_late ? "camp.closed_late" : "camp.closed", { date: c.closes_on });
    const canFile = c.phase === "open" || c.accepts_late;
    const title = (f) => titles[f.questionnaire] || f.questionnaire;
    const step = (f) => {
      if (f.state === "not_started") {
        return canFile ? h("button", { type: "button", class: "link small", "aria-label": `${t("camp.file_now")}：${title(f)}`,
          onclick: () => start(f.questionnaire) }, t("camp.file_now")) : null;
      }
      const open = OPEN.includes(f.state);
      return h("a", { class: "link small", href: open ? `#/a/${f.assessment_id}` : `#/a/${f.assessment_id}/result`,
        "aria-label": `${t(open ? "home.continue" : "home.result")}：${title(f)}` }, t(open ? "home.continue" : "home.result"));
    };
    // A firm that filed the same questionnaire before the campaign opened would think it is done.
    const earlier = c.questionnaires.some((f) => f.state === "not_started"
      && (byKey[f.questionnaire] || []).some((a) => !OPEN.includes(a.status) && a.revision > 0));
    return h("li", { class: "card campaign", "aria-labelledby": `campaign-${c.id}` },
      h("h3", { id: `campaign-${c.id}` }, c.name),
      h("p", { class: c.phase === "open" && c.days_left <= 7 ? "card-state urgent" : "card-state" }, when),
      h("ul", {}, c.questionnaires.map((f) => h("li", {},
        `${title(f)}：${t(`camp.state.${f.state}`)}`,
        f.late ? ` · ${t("camp.late_mark")}` : null, " ", step(f)))),
      earlier && canFile ? h("p", { class: "hint" }, t("camp.earlier")) : null);
  }

  // A questionnaire filed before starts from the last submitted answers, to be checked and updated.
  function start(key) {
    const filed = (byKey[key] || []).some((a) => !OPEN.includes(a.status) && a.revision > 0);
    return startDraft(key, { carry: filed, navigate, notify });
  }
}
