// The save status line, read out by screen readers when it changes.

import { h } from "../dom.js";
import { t } from "../i18n.js";
import { unsentUploads, uploads } from "../uploads.js";

export function saveStatus(draft) {
  const el = h("p", { class: "save-status", role: "status", "aria-live": "polite" });
  const show = () => {
    const n = draft.count();
    const state = draft.state;
    el.dataset.state = state;
    if (state === "offline") el.textContent = t("save.offline", { n });
    else if (state === "retrying") el.textContent = t("save.retrying", { n, s: Math.max(1, Math.round((draft.retryAt - Date.now()) / 1000)) });
    else if (state === "saving") el.textContent = t("save.saving");
    else if (state === "pending") el.textContent = t("save.pending");
    else if (state === "locked") el.textContent = t("save.locked");
    else if (state === "signed-out") el.textContent = t("save.signed_out", { n });
    else el.textContent = n ? t("save.pending") : t("save.saved");
    // Evidence files still on the phone count as unsent too (uploads.js).
    const files = unsentUploads();
    if (files) el.textContent += ` · ${t("ev.unsent", { n: files })}`;
  };
  const onState = () => show();
  draft.addEventListener("state", onState);
  draft.addEventListener("change", show);
  uploads.addEventListener("change", show);
  onState();
  return {
    el,
    stop() {
      draft.removeEventListener("state", onState);
      draft.removeEventListener("change", show);
      uploads.removeEventListener("change", show);
    },
  };
}
