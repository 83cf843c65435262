// The review page: POST the text to /v1/extract, draw every item's span in the text, list the
// items, warnings and failed chunks, and download the answer as JSON or CSV. Plain JS, no build.
//
// Spans are Python str indices, i.e. code points; JS strings index UTF-16 units, so the text is
// split with Array.from (one element per code point) before any span is applied.
"use strict";

const $ = (id) => document.getElementById(id);
const config = JSON.parse($("config")?.textContent || "{}");
const state = { fileText: null, shownText: null, answer: null, text: "", items: [] };

const STATISTIC_FIELDS = ["metric", "indicator", "value", "value_max", "unit", "qualifier", "kind",
  "time", "time_start", "time_end", "time_grain", "location", "location_code", "subject"];
const EVENT_FIELDS = ["type", "summary", "date", "time_start", "time_end", "time_grain", "location",
  "location_code", "origin", "origin_code", "destination", "destination_code", "actors"];

function setUp() {
  const llm = $("backend").querySelector('option[value="llm"]');
  if (!config.llm) {
    llm.disabled = true;
    llm.textContent = "llm (no model on this server)";
    $("backend-note").textContent = "the server has no LABORLENS_MODEL, so only rules can run";
  }
  $("backend").value = config.default_backend || "rules";
  $("extract").addEventListener("click", extract);
  $("file").addEventListener("change", () => loadFile($("file").files[0]));
  const box = $("text");
  box.addEventListener("dragover", (e) => { e.preventDefault(); box.classList.add("dragging"); });
  box.addEventListener("dragleave", () => box.classList.remove("dragging"));
  box.addEventListener("drop", (e) => {
    e.preventDefault();
    box.classList.remove("dragging");
    loadFile(e.dataTransfer.files[0]);
  });
  $("download-json").addEventListener("click", downloadJson);
  $("download-csv").addEventListener("click", downloadCsv);
  const text = $("highlighted");
  text.addEventListener("mouseover", showTooltip);
  text.addEventListener("mousemove", moveTooltip);
  text.addEventListener("mouseout", () => { $("tooltip").hidden = true; });
}

async function loadFile(file) {
  if (!file) return;
  const text = await file.text();
  // A textarea turns \r\n into \n; keep the file as read, so spans index the file's own text.
  state.fileText = text;
  $("text").value = text;
  state.shownText = $("text").value;
  $("status").textContent = `${file.name}: ${Array.from(text).length} characters`;
}

function requestText() {
  const shown = $("text").value;
  return state.fileText !== null && shown === state.shownText ? state.fileText : shown;
}

async function extract() {
  const text = requestText();
  const body = { text, backend: $("backend").value };
  if ($("published").value) body.published = $("published").value;
  const headers = { "Content-Type": "application/json" };
  const token = $("token").value.trim();
  if (token) headers.Authorization = `Bearer ${token}`;
  showError(null);
  $("extract").disabled = true;
  $("status").textContent = "extracting…";
  const started = performance.now();
  try {
    const answer = await fetch("/v1/extract", { method: "POST", headers, body: JSON.stringify(body) });
    const data = await answer.json().catch(() => null);
    if (!answer.ok) {
      const error = data && data.error;
      showError(error ? error.code : `HTTP ${answer.status}`,
        error ? error.message : answer.statusText || "the service gave no message");
      $("status").textContent = "";
      return;
    }
    render(text, data);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    $("status").textContent = `${data.backend.name} backend · ${data.articles.length} article(s)` +
      ` · ${seconds} s`;
  } catch (exc) {
    showError("network", `could not reach the service: ${exc.message}`);
    $("status").textContent = "";
  } finally {
    $("extract").disabled = false;
  }
}

function showError(code, message) {
  const box = $("error");
  box.replaceChildren();
  box.hidden = code === null;
  if (code === null) return;
  box.append(element("span", "code", code), document.createTextNode(message));
}

function flatten(answer) {
  const items = [];
  answer.articles.forEach((article, index) => {
    for (const [kind, list] of [["statistic", article.statistics], ["event", article.events]]) {
      for (const found of list) {
        const [start, end, grain] = timeColumns(kind === "statistic" ? found.time : found.date);
        // After the item's fields: a statistic has a `kind` of its own (actual or target).
        items.push({ ...found, id: items.length, family: kind, article: index,
          title: article.title, time_start: start, time_end: end, time_grain: grain });
      }
    }
  });
  return items;
}

// An item's time as the columns `laborlens export` writes: first day, last day, grain. The same
// reading as service/values/periods.py (tests/http/test_review_page.py holds them equal).
function timeColumns(time) {
  if (time === null || time === undefined) return [null, null, "none"];
  if (/^--\d{2}-\d{2}$/.test(time)) return [null, null, "unknown_year"];
  const iso = (y, m, d) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-` +
    String(d).padStart(2, "0");
  const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const months = (y, first, last, grain) => [iso(y, first, 1), iso(y, last, lastDay(y, last)),
    grain];
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(time);
  if (m) return [time, time, "day"];
  m = /^(\d{4})-(\d{2})$/.exec(time);
  if (m) return months(Number(m[1]), Number(m[2]), Number(m[2]), "month");
  m = /^(\d{4})-Q([1-4])$/.exec(time);
  if (m) return months(Number(m[1]), 3 * Number(m[2]) - 2, 3 * Number(m[2]), "quarter");
  m = /^(\d{4})$/.exec(time);
  if (m) return months(Number(m[1]), 1, 12, "year");
  return [null, null, "none"];
}

function render(text, answer) {
  state.answer = answer;
  state.text = text;
  state.items = flatten(answer);
  drawText($("highlighted"), Array.from(text), state.items);
  fillTable("statistics", state.items.filter((i) => i.family === "statistic"), statisticCells);
  fillTable("events", state.items.filter((i) => i.family === "event"), eventCells);
  fillList("warnings", answer.warnings, (w) => [w.code, `“${w.evidence}”`, w.chunk === null ? "whole page" : `chunk ${w.chunk}`,
    w.detail]);
  fillList("errors", answer.errors, (e) => [e.stage, `chunk ${e.chunk}`, e.reason,
    `${e.attempts} attempt(s)`]);
  $("result").hidden = false;
}

// Marks nest: at each boundary the marks that end there are closed (and the marks opened inside
// them closed and reopened, so crossing spans still nest), then the marks that start there are
// opened, longer first. An item may so be drawn in pieces; all carry its data-item, and the
// pieces' text, in document order, is its evidence.
function drawText(target, chars, items) {
  const starts = new Map();
  const ends = new Map();
  for (const item of items) {
    (starts.get(item.span[0]) || starts.set(item.span[0], []).get(item.span[0])).push(item);
    (ends.get(item.span[1]) || ends.set(item.span[1], []).get(item.span[1])).push(item);
  }
  const cuts = [...new Set([0, chars.length, ...starts.keys(), ...ends.keys()])]
    .filter((c) => c <= chars.length).sort((a, b) => a - b);
  const root = document.createDocumentFragment();
  const open = []; // [{item, el}] innermost last
  const parent = () => (open.length ? open[open.length - 1].el : root);
  const push = (item, first) => {
    const mark = element("mark", item.family);
    mark.dataset.item = item.id;
    if (first) mark.id = `mark-${item.id}`;
    parent().append(mark);
    open.push({ item, el: mark });
  };
  cuts.forEach((cut, k) => {
    const ending = ends.get(cut) || [];
    const lowest = Math.min(...ending.map((item) => open.findIndex((o) => o.item === item))
      .filter((i) => i >= 0));
    if (Number.isFinite(lowest)) {
      const reopen = open.splice(lowest).map((o) => o.item).filter((i) => i.span[1] !== cut);
      reopen.forEach((item) => push(item, false));
    }
    const opening = (starts.get(cut) || []).slice()
      .sort((a, b) => b.span[1] - a.span[1] || a.id - b.id);
    opening.forEach((item) => push(item, true));
    if (k + 1 < cuts.length) parent().append(chars.slice(cut, cuts[k + 1]).join(""));
  });
  target.replaceChildren(root);
}

function statisticCells(s) {
  const value = s.value_max === null ? `${s.value}` : `${s.value}–${s.value_max}`;
  return [s.metric, s.indicator, value, s.unit, s.qualifier, s.kind, s.time, s.time_start,
    s.time_end, s.time_grain, s.location, s.location_code, s.subject];
}

function eventCells(e) {
  const place = (name, code) => (code ? `${name || "?"} (${code})` : name || "?");
  const route = e.origin || e.destination
    ? `${place(e.origin, e.origin_code)} → ${place(e.destination, e.destination_code)}` : null;
  return [e.type, e.summary, e.date, e.time_start, e.time_end, e.time_grain, e.location,
    e.location_code, route, actorNames(e)];
}

function actorNames(e) {
  return e.actors.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join("、") || null;
}

function fillTable(name, items, cells) {
  const body = $(name).querySelector("tbody");
  body.replaceChildren();
  $(`${name}-count`).textContent = `(${items.length})`;
  for (const item of items) {
    const row = element("tr");
    row.dataset.item = item.id;
    row.append(cell(item.id + 1));
    const article = cell(item.article + 1, "article");
    article.title = item.title || "(no title)";
    row.append(article);
    for (const value of cells(item)) row.append(cell(value));
    row.append(cell(item.evidence, "evidence"));
    row.addEventListener("click", () => focusItem(item.id, row));
    body.append(row);
  }
}

function cell(value, className) {
  const empty = value === null || value === undefined || value === "";
  return element("td", empty ? "empty" : className || "", empty ? "—" : String(value));
}

function fillList(name, entries, parts) {
  const list = $(name);
  list.replaceChildren();
  $(`${name}-count`).textContent = `(${entries.length})`;
  if (!entries.length) list.append(element("li", "empty", "none"));
  for (const entry of entries) {
    const [code, ...rest] = parts(entry);
    list.append(element("li", "", null, [element("code", "", code),
      document.createTextNode(` ${rest.filter(Boolean).join(" · ")}`)]));
  }
}

function focusItem(id, row) {
  document.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
  row.classList.add("selected");
  const first = $(`mark-${id}`);
  first.scrollIntoView({ block: "center", inline: "nearest" });
  for (const piece of document.querySelectorAll(`mark[data-item="${id}"]`)) {
    piece.classList.remove("flash");
    void piece.offsetWidth; // restart the animation on a second click
    piece.classList.add("flash");
  }
}

function showTooltip(event) {
  const mark = event.target.closest("mark");
  const tip = $("tooltip");
  if (!mark) { tip.hidden = true; return; }
  const ids = [];
  for (let m = mark; m; m = m.parentElement.closest("mark")) ids.push(Number(m.dataset.item));
  tip.replaceChildren(...[...new Set(ids)].map((id) => describe(state.items[id])));
  tip.hidden = false;
  moveTooltip(event);
}

function moveTooltip(event) {
  const tip = $("tooltip");
  if (tip.hidden) return;
  const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  const y = event.clientY + 18 + tip.offsetHeight > window.innerHeight
    ? event.clientY - tip.offsetHeight - 10 : event.clientY + 18;
  tip.style.left = `${Math.max(4, x)}px`;
  tip.style.top = `${Math.max(4, y)}px`;
}

function describe(item) {
  const box = element("div", "item");
  box.append(element("b", "", `${item.family} #${item.id + 1}`));
  const fields = item.family === "statistic" ? STATISTIC_FIELDS : EVENT_FIELDS;
  for (const name of fields) {
    const value = name === "actors" ? actorNames(item) : item[name];
    if (value === null || value === undefined || value === "") continue;
    box.append(element("div", "", `${name}: ${value}`));
  }
  box.append(element("div", "", `span: [${item.span[0]}, ${item.span[1]})`));
  return box;
}

function element(tag, className = "", text = null, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  node.append(...children);
  return node;
}

function download(name, type, content) {
  const link = element("a");
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function baseName() {
  return `laborlens-${state.answer.document.sha256.slice(0, 12)}`;
}

function downloadJson() {
  download(`${baseName()}.json`, "application/json",
    `${JSON.stringify(state.answer, null, 1)}\n`);
}

// One CSV of every item, the columns of `laborlens export` where they apply; a BOM first, so
// Excel reads the Chinese as UTF-8.
const CSV_COLUMNS = ["item", "article", "article_title", "evidence", "span_start", "span_end",
  ...STATISTIC_FIELDS, ...EVENT_FIELDS.filter((f) => !STATISTIC_FIELDS.includes(f)),
  "backend", "model", "prompt_version"];

function downloadCsv() {
  const backend = state.answer.backend;
  const rows = state.items.map((item) => ({
    ...item, item: item.family, article_title: item.title, span_start: item.span[0],
    span_end: item.span[1], actors: item.family === "event" ? JSON.stringify(item.actors) : null,
    backend: backend.name, model: backend.model, prompt_version: backend.prompt_version,
  }));
  // Text that opens like a formula is shown as text, not run by the spreadsheet (CSV injection).
  const text = (v) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const quote = (v) => (v === null || v === undefined ? "" : /[",\r\n]/.test(String(v))
    ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const lines = [CSV_COLUMNS, ...rows.map((r) => CSV_COLUMNS.map((c) => text(r[c])))]
    .map((row) => row.map(quote).join(","));
  download(`${baseName()}.csv`, "text/csv;charset=utf-8", `\ufeff${lines.join("\r\n")}\r\n`);
}

setUp();
