// Small SVG charts built with DOM methods (the CSP allows no inline markup), each beside a
// table that says the same in text, behind a toggle.

import { h } from "./dom.js";
import { addTexts, t } from "./i18n.js";

addTexts({
  zh: { "chart.hidden": "不公布", "chart.show_table": "以表格显示", "chart.hide_table": "隐藏表格" },
  en: { "chart.hidden": "not published", "chart.show_table": "Show as a table", "chart.hide_table": "Hide the table" },
});

const NS = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  for (const child of children) if (child) node.append(child);
  return node;
}

const text = (x, y, value, attrs = {}) => {
  const node = svg("text", { x, y, ...attrs });
  node.textContent = value;
  return node;
};

// Horizontal bars: rows of [label, value, (second value)]; series names the values.
export function barChart({ rows, max, series = [null], unit = "", summary }) {
  const rowHeight = series.length > 1 ? 30 : 22;
  const height = rows.length * rowHeight + 4;
  const top = max || Math.max(1, ...rows.flatMap((r) => r.slice(1).filter((v) => typeof v === "number")));
  const chart = svg("svg", { viewBox: `0 0 260 ${height}`, class: "chart", role: "img", "aria-label": summary });
  rows.forEach(([label, ...values], i) => {
    const y = i * rowHeight + 2;
    chart.append(text(0, y + 14, label, { class: "chart-label" }));
    values.forEach((value, s) => {
      const barY = y + 3 + s * 12;
      const width = typeof value === "number" ? Math.max(value ? 1 : 0, (value / top) * 100) : 0;
      chart.append(svg("rect", { x: 104, y: barY, width: 100, height: 10, class: "chart-track" }));
      chart.append(svg("rect", { x: 104, y: barY, width, height: 10, class: `chart-bar s${s}` }));
      chart.append(text(208, barY + 9, typeof value === "number" ? `${value}${unit}` : t("chart.hidden"), { class: "chart-value" }));
    });
  });
  return chart;
}

// Where the middle half lies on a 0–100 scale: rows of {label, mean, p25, p75}; a row whose
// figures are withheld says so instead of drawing nothing (never a zero).
export function rangeChart({ rows, summary }) {
  const rowHeight = 24;
  const chart = svg("svg", { viewBox: `0 0 260 ${rows.length * rowHeight + 4}`, class: "chart", role: "img", "aria-label": summary });
  const at = (v) => 104 + v;
  rows.forEach((r, i) => {
    const y = i * rowHeight + 2;
    chart.append(text(0, y + 14, r.label, { class: "chart-label" }));
    chart.append(svg("rect", { x: 104, y: y + 9, width: 100, height: 2, class: "chart-track" }));
    if (typeof r.p25 === "number" && typeof r.p75 === "number") {
      chart.append(svg("rect", { x: at(r.p25), y: y + 5, width: Math.max(1, r.p75 - r.p25), height: 10, class: "chart-bar s0 range" }));
    }
    if (typeof r.mean === "number") chart.append(svg("circle", { cx: at(r.mean), cy: y + 10, r: 3, class: "chart-dot" }));
    chart.append(text(208, y + 14, typeof r.mean === "number" ? String(r.mean) : t("chart.hidden"), { class: "chart-value" }));
  });
  return chart;
}

// Vertical bars for a distribution: bins of {label, count}.
export function histogram({ bins, summary }) {
  const top = Math.max(1, ...bins.map((b) => b.count));
  const width = 260;
  const step = (width - 20) / bins.length;
  const chart = svg("svg", { viewBox: `0 0 ${width} 150`, class: "chart", role: "img", "aria-label": summary });
  chart.append(svg("line", { x1: 10, y1: 120, x2: width - 10, y2: 120, class: "chart-axis" }));
  bins.forEach((b, i) => {
    const barHeight = (b.count / top) * 100;
    const x = 10 + i * step;
    chart.append(svg("rect", { x: x + 2, y: 120 - barHeight, width: step - 4, height: barHeight, class: "chart-bar s0" }));
    if (b.count) chart.append(text(x + step / 2, 116 - barHeight, String(b.count), { class: "chart-value", "text-anchor": "middle" }));
    chart.append(text(x + step / 2, 136, b.label, { class: "chart-label", "text-anchor": "middle" }));
  });
  return chart;
}

// A table with the chart's figures, shown by a toggle button (aria-expanded).
export function withTable(chart, { caption, head, rows }) {
  const table = h("div", { class: "table-wrap", hidden: true }, h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map(([first, ...rest]) => h("tr", {}, h("th", { scope: "row" }, first),
      rest.map((cell) => h("td", {}, cell === null || cell === undefined ? "—" : cell)))))));
  const toggle = h("button", { type: "button", class: "link small", "aria-expanded": "false" }, t("chart.show_table"));
  toggle.addEventListener("click", () => {
    table.hidden = !table.hidden;
    toggle.setAttribute("aria-expanded", String(!table.hidden));
    toggle.textContent = t(table.hidden ? "chart.show_table" : "chart.hide_table");
  });
  return h("div", { class: "chart-box" }, chart, h("p", {}, toggle), table);
}
