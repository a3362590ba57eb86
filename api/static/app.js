// The comparison page: chosen jurisdictions × indicators from /matrix (a page of indicators at a
// time); a click opens the source clause (highlighted in the document text) and the task's
// responsible units; jurisdictions are searched by name or pinyin (/cities); a SPARQL box.
// The choice lives in the address (?j=laiyang,qingdao&offset=50), so a comparison can be shared.
"use strict";

const $ = (id) => document.getElementById(id);
const SIGN = { ">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< " };
const PAGE_SIZE = 50;
let MATRIX = null;
const STATE = { chosen: [], offset: 0 };

function figure(t) {
  const n = (x) => (Number.isInteger(x) ? String(x) : String(+x.toFixed(4)));
  if (t.comparator === "range" && t.value_max != null) return `${n(t.value)}—${n(t.value_max)}${t.unit}`;
  return `${SIGN[t.comparator] || ""}${n(t.value)}${t.unit}`;
}

function shade(score) {
  if (score == null) return "";
  const alpha = 0.12 + 0.5 * score;
  return `background: rgba(30, 90, 160, ${alpha.toFixed(2)}); color: ${score > 0.7 ? "white" : "inherit"}`;
}

async function getJSON(url, options) {
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? `${body.error.message} ${body.error.fix || ""}` : response.statusText);
  return body;
}

function renderMatrix() {
  const filter = $("filter").value;
  const cities = MATRIX.cities;
  const head = $("matrix").tHead;
  head.innerHTML = "";
  const hr = head.insertRow();
  hr.insertCell().outerHTML = "<th>指标 Indicator</th>";
  for (const c of cities) {
    const th = document.createElement("th");
    th.innerHTML = `${c.label_zh}<br><span class="en">${c.label_en}</span>`;
    th.dataset.city = c.id;
    hr.appendChild(th);
  }
  const body = $("matrix").tBodies[0];
  body.innerHTML = "";
  for (const row of MATRIX.rows) {
    if (filter === "shared" && Object.keys(row.cells).length < 2) continue;
    const tr = body.insertRow();
    tr.dataset.indicator = row.indicator;
    const th = document.createElement("th");
    th.className = "indicator";
    th.innerHTML = `<span class="zh"></span><span class="en"></span>`;
    th.querySelector(".zh").textContent = row.label_zh;
    th.querySelector(".en").textContent = row.label_en;
    tr.appendChild(th);
    for (const c of cities) {
      const td = tr.insertCell();
      const cell = row.cells[c.id];
      td.dataset.city = c.id;
      if (!cell) { td.className = "empty"; continue; }
      td.className = "cell";
      td.tabIndex = 0;
      td.setAttribute("style", shade(cell.ambition));
      const first = cell.targets[0];
      td.innerHTML = `<span class="figure"></span><span class="deadline"></span>`;
      td.querySelector(".figure").textContent = cell.targets.map(figure).join("; ");
      td.querySelector(".deadline").textContent = first.deadline ? `by ${first.deadline}` : "";
      const open = () => showDetail(row, c, cell);
      td.addEventListener("click", open);
      td.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    }
  }
  $("status").textContent = `${body.rows.length} indicators · ${cities.length} cities`;
  renderChosen();
  renderPager();
}

function renderPager() {
  const total = MATRIX.total_indicators;
  const last = Math.min(total, MATRIX.offset + MATRIX.rows.length);
  $("page-info").textContent = `指标 indicators ${total ? MATRIX.offset + 1 : 0}–${last} / ${total}`;
  $("prev").disabled = MATRIX.offset === 0;
  $("next").disabled = last >= total;
}

function renderChosen() {
  const box = $("chosen");
  box.replaceChildren();
  for (const c of MATRIX.cities) {
    const chip = document.createElement("span");
    chip.className = "chip";
    chip.dataset.city = c.id;
    const name = document.createElement("span");
    name.textContent = `${c.label_zh || c.id} ${c.label_en || ""}`;
    const children = document.createElement("button");
    children.type = "button";
    children.textContent = "+下级";
    children.title = "add the jurisdictions directly under it that issued documents";
    children.addEventListener("click", () => addChildren(c.id));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "×";
    remove.setAttribute("aria-label", `remove ${c.id}`);
    remove.addEventListener("click", () => choose(MATRIX.cities.map((x) => x.id).filter((x) => x !== c.id)));
    chip.append(name, children, remove);
    box.appendChild(chip);
  }
}

function choose(ids) {
  STATE.chosen = [...new Set(ids)];
  STATE.offset = 0;
  loadMatrix();
}

async function addChildren(id) {
  const found = await getJSON(`/cities?parent=${encodeURIComponent(id)}&documented=true&limit=100`);
  choose([...MATRIX.cities.map((c) => c.id), ...found.items.map((c) => c.id)]);
}

let SEARCH_TIMER = null;
function searchJurisdictions() {
  clearTimeout(SEARCH_TIMER);
  SEARCH_TIMER = setTimeout(async () => {
    const q = $("j-search").value.trim();
    const level = $("j-level").value;
    const list = $("j-results");
    if (!q && !level) { list.replaceChildren(); return; }
    const params = new URLSearchParams({ documented: "true", limit: "20" });
    if (q) params.set("q", q);
    if (level) params.set("level", level);
    const found = await getJSON(`/cities?${params}`);
    list.replaceChildren();
    for (const c of found.items) {
      const li = document.createElement("li");
      li.tabIndex = 0;
      li.dataset.city = c.id;
      li.textContent = `${c.name_zh || c.id} ${c.name_en || ""} · ${c.document_count} 份`;
      const add = () => { choose([...MATRIX.cities.map((x) => x.id), c.id]); list.replaceChildren(); $("j-search").value = ""; };
      li.addEventListener("click", add);
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") add(); });
      list.appendChild(li);
    }
    if (!found.items.length) list.textContent = "（无 none）";
  }, 200);
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  STATE.chosen = (params.get("j") || "").split(",").filter(Boolean);
  STATE.offset = Number(params.get("offset") || 0);
}

function writeAddress() {
  const params = new URLSearchParams();
  if (STATE.chosen.length) params.set("j", STATE.chosen.join(","));
  if (STATE.offset) params.set("offset", String(STATE.offset));
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

async function loadMatrix() {
  $("status").textContent = "加载中 Loading…";
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(STATE.offset) });
  for (const id of STATE.chosen) params.append("cities", id);
  try {
    MATRIX = await getJSON(`/matrix?${params}`);
    STATE.chosen = MATRIX.cities.map((c) => c.id);
    writeAddress();
    renderMatrix();
  } catch (err) {
    $("status").textContent = `错误 Error: ${err.message}`;
  }
}

// The clean text the extraction read (hard line breaks joined) with its map from raw offsets.
const TEXT_CACHE = new Map();
async function cleanText(doc) {
  if (!TEXT_CACHE.has(doc)) TEXT_CACHE.set(doc, await getJSON(`/documents/${encodeURIComponent(doc)}/text/clean`));
  return TEXT_CACHE.get(doc);
}

// The first clean position whose raw position is >= raw; runs are [clean, raw, length].
function cleanIndex(clean, raw) {
  const runs = clean.raw_runs;
  let lo = 0, hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid][1] + runs[mid][2] <= raw) lo = mid + 1; else hi = mid;
  }
  if (lo === runs.length) return clean.text.length;
  return runs[lo][0] + Math.max(0, raw - runs[lo][1]);
}

async function showDetail(row, city, cell) {
  const t = cell.targets[0];
  $("detail").hidden = false;
  $("detail-title").textContent = `${row.label_zh} · ${city.label_zh} ${city.label_en}`;
  $("detail-figure").textContent = cell.targets.map((x) => `${figure(x)}${x.deadline ? " by " + x.deadline : ""}`).join("; ");
  $("detail-note").textContent = t.comparability || row.scope_note || "";
  const source = $("detail-source");
  source.textContent = `${t.doc} ${t.measure || ""} [${t.start}, ${t.end})`;
  source.href = `/id/doc/${encodeURIComponent(t.doc)}/target/${t.seq}`;
  source.title = "offsets index the raw text (/documents/{id}/text)";
  const clean = await cleanText(t.doc);
  const text = clean.text;
  const start = cleanIndex(clean, t.start), end = cleanIndex(clean, t.end);
  const pane = $("doc-text");
  pane.textContent = "";
  const from = Math.max(0, start - 400), to = Math.min(text.length, end + 400);
  pane.append(text.slice(from, start));
  const mark = document.createElement("mark");
  mark.className = "quote";
  mark.textContent = text.slice(start, end);
  pane.append(mark, text.slice(end, to));
  mark.scrollIntoView({ block: "center" });
  await showTask(t);
}

function unitBadges(units, role) {
  return units.map((u) => `<span class="unit ${role}"></span>`).join("");
}

async function showTask(t) {
  const box = $("task");
  const link = $("task-link");
  if (!t.measure_slug) { box.textContent = "（该目标不在编号措施中 not inside a numbered measure）"; link.hidden = true; return; }
  try {
    const task = await getJSON(`/tasks/${encodeURIComponent(t.doc)}/${encodeURIComponent(t.measure_slug)}`);
    box.innerHTML = `<div>牵头 Lead: ${unitBadges(task.lead, "lead")}</div><div>配合 Co: ${unitBadges(task.co, "co")}</div>`;
    const names = [...task.lead, ...task.co];
    box.querySelectorAll(".unit").forEach((el, i) => { el.textContent = names[i].name || names[i].label_zh || names[i]; });
    link.hidden = false;
    link.onclick = (e) => { e.preventDefault(); showTaskView(task); };
  } catch (err) {
    box.textContent = `（无责任单位 no responsibility note: ${err.message}）`;
    link.hidden = true;
  }
}

function showTaskView(task) {
  $("task-view").hidden = false;
  $("task-view-title").textContent = `${task.doc} ${task.measure} ${task.heading || ""}`;
  const rows = [
    ...task.lead.map((u, i) => ["牵头 lead", i + 1, u]),
    ...task.co.map((u, i) => ["配合 co", i + 1, u]),
    ...(task.implicit || []).map((u, i) => ["属地 implicit", i + 1, u]),
  ];
  const table = document.createElement("table");
  table.innerHTML = "<thead><tr><th>role</th><th>order</th><th>unit</th><th>function</th></tr></thead><tbody></tbody>";
  for (const [role, order, u] of rows) {
    const tr = table.tBodies[0].insertRow();
    for (const v of [role, order, u.name || u.label_zh, u.function_en || u.function || ""]) tr.insertCell().textContent = v;
  }
  $("task-view-body").replaceChildren(table);
  $("task-view").scrollIntoView();
}

async function runSparql() {
  const status = $("sparql-status");
  status.textContent = "…";
  try {
    const body = new URLSearchParams({ query: $("sparql").value });
    const result = await getJSON("/sparql", { method: "POST", body, headers: { Accept: "application/sparql-results+json" } });
    const vars = result.head.vars;
    const table = $("sparql-results");
    table.tHead.innerHTML = `<tr>${vars.map(() => "<th></th>").join("")}</tr>`;
    vars.forEach((v, i) => { table.tHead.rows[0].cells[i].textContent = v; });
    const tbody = table.tBodies[0];
    tbody.innerHTML = "";
    for (const binding of result.results.bindings) {
      const tr = tbody.insertRow();
      for (const v of vars) tr.insertCell().textContent = binding[v] ? binding[v].value : "";
    }
    status.textContent = `${result.results.bindings.length} rows`;
  } catch (err) {
    status.textContent = `错误 Error: ${err.message}`;
  }
}

async function tryDocument(event) {
  event.preventDefault();
  const status = $("try-status");
  const file = $("try-file").files[0];
  if (!file) return;
  status.textContent = "读取中 Reading…";
  try {
    const body = new FormData();
    body.append("file", file);
    const result = await getJSON("/extract", { method: "POST", body });
    const ocr = result.ocr ? ` · OCR ${result.ocr.engine}, ${result.ocr.mean_confidence.toFixed(0)}%` : "";
    const title = result.metadata.title || result.file;
    const targets = result.records.filter((r) => r.type === "target");
    const tasks = result.records.filter((r) => r.type === "task");
    status.textContent = `${title}: ${targets.length} targets, ${tasks.length} tasks · ${result.reader}, ${result.pages} pages${ocr}`;
    const table = $("try-results");
    table.tHead.innerHTML = "<tr><th>页 Page</th><th>条目 Measure</th><th>内容 Figure / units</th><th>原文 Quote</th></tr>";
    const tbody = table.tBodies[0];
    tbody.innerHTML = "";
    for (const r of result.records) {
      const tr = tbody.insertRow();
      const what = r.type === "target" ? `${figure(r)}${r.deadline ? ` (${r.deadline})` : ""}` : [...r.lead, ...r.co].join("、");
      const quote = r.type === "target" ? r.quote : r.heading;
      for (const v of [r.page ?? "", r.measure ?? "", what, quote]) tr.insertCell().textContent = v;
      if (r.low_confidence) tr.classList.add("low-ocr");
    }
  } catch (err) {
    status.textContent = `错误 Error: ${err.message}`;
  }
}

async function main() {
  $("try-form").addEventListener("submit", tryDocument);
  $("filter").addEventListener("change", renderMatrix);
  $("close").addEventListener("click", () => { $("detail").hidden = true; });
  $("run").addEventListener("click", runSparql);
  $("j-search").addEventListener("input", searchJurisdictions);
  $("j-level").addEventListener("change", searchJurisdictions);
  $("prev").addEventListener("click", () => { STATE.offset = Math.max(0, STATE.offset - PAGE_SIZE); loadMatrix(); });
  $("next").addEventListener("click", () => { STATE.offset += PAGE_SIZE; loadMatrix(); });
  readAddress();
  await loadMatrix();
}

main();
