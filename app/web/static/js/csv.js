// A CSV made in the browser and saved, for secrets the server shows once and never stores
// (temporary passwords, invitation codes): UTF-8 with a BOM, so Excel opens the Chinese right.

import { h } from "./dom.js";

export function saveCsv(filename, header, rows) {
  // Quoted cells; a leading = + - @ is prefixed so a spreadsheet never runs a cell as a formula.
  const cell = (v) => {
    const text = String(v ?? "");
    return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(","));
  const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
