// The upload page: pick, drop or shoot a photo, send it to /api/check, draw the report.
// No third-party code and no inline script, so the page runs under a strict CSP.
"use strict";

// The page's words come from the server's catalogs (GET /api/messages?lang=): one language at a
// time, cached here, so switching language re-draws the page from memory. Reports are asked for
// with every language in each message (langs=all), so the photo is never sent again.
const MESSAGES = {};  // lang -> {key: text}

const STATUS_KEYS = { pass: "statusPass", fail: "statusFail", warn: "statusWarn",
  skip: "statusSkip" };
const FIXED_KEYS = { accept: "fixedAccept", reject: "fixedReject", unknown: "fixedUnknown" };

const SVG_NS = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

const state = {
  lang: savedLang(),  // null until the server says which language the browser prefers
  languages: [],
  info: { fix: false, max_upload_bytes: Infinity },
  file: null,
  previewUrl: null,
  fixedUrl: null,
  report: null,
  error: null,      // {message: {en, ja}} from the API, or {key} for a page-side message
  busy: null,       // "checking" | "fixing" | null
  fix: null,        // {verdict, changes, unfixable} after /api/fix
};

function savedLang() {
  return safeStorage("get");
}

function safeStorage(op, value) {
  try {
    if (op === "get") return window.localStorage.getItem("photocheck.lang");
    window.localStorage.setItem("photocheck.lang", value);
  } catch (_) { /* storage may be disabled; the toggle still works for this page */ }
  return null;
}

function t(key, n) {
  if (n === 1 && ((MESSAGES.en || {})[key + "1"])) key += "1";  // the message for one
  const value = (MESSAGES[state.lang] || {})[key] || (MESSAGES.en || {})[key] || "";
  return n === undefined ? value : value.replace("{n}", String(n));
}

function pick(text) {
  return text ? (text[state.lang] || text.en || "") : "";
}

// Japanese terms quoted inside another language (在留カード, マイナンバーカード, 令和6年5月10日) are
// marked lang="ja": the browser then draws them with a Japanese font (in Korean the long-vowel
// mark ー would otherwise come out as a dash) and the page's CSS keeps each on one line. In
// Chinese only terms with kana are marked: the Han characters are the page's own script.
const JA_RUN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々〆・][\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々〆・0-9０-９]*/gu;
const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}ー]/u;

function writeText(node, text) {
  const lang = document.documentElement.lang || "en";
  if (!text || lang === "ja") {
    node.textContent = text || "";
    return;
  }
  const chinese = lang.startsWith("zh");
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(JA_RUN)) {
    if (chinese && !KANA.test(match[0])) continue;
    if (match.index > last) parts.push(document.createTextNode(text.slice(last, match.index)));
    const term = document.createElement("span");
    term.lang = "ja";
    term.className = "ja-term";
    term.textContent = match[0];
    parts.push(term);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(document.createTextNode(text.slice(last)));
  node.replaceChildren(...parts);
}

// ---- language ---------------------------------------------------------------------------

async function loadMessages(lang) {
  // No lang: the server answers in the browser's Accept-Language. Every language comes along
  // (a few kB), so a click on the picker redraws at once.
  const query = lang ? `&lang=${encodeURIComponent(lang)}` : "";
  const response = await fetch(`/api/messages?langs=all${query}`);
  if (!response.ok) throw new Error(`messages ${response.status}`);
  const body = await response.json();
  Object.assign(MESSAGES, body.all || {});
  MESSAGES[body.lang] = body.messages;
  state.languages = body.languages;
  return body.lang;
}

async function switchLang(lang, remember) {
  if (MESSAGES[lang]) {  // the usual case: no network, so the redraw is immediate
    if (remember) safeStorage("set", lang);
    setLang(lang);
    return;
  }
  try {
    const got = await loadMessages(lang);
    if (remember) safeStorage("set", got);
    setLang(got);
  } catch (_) { /* keep the current language; the page still works */ }
}

function renderPicker() {
  const group = document.querySelector(".lang");
  const known = new Set([...group.querySelectorAll("[data-lang]")].map((b) => b.dataset.lang));
  for (const language of state.languages) {
    if (known.has(language.code)) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.lang = language.code;
    button.lang = language.code;
    button.title = language.english;
    button.textContent = language.name;
    button.addEventListener("click", () => switchLang(language.code, true));
    group.append(button);
  }
}

function setLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  renderPicker();
  document.querySelectorAll("[data-i18n]").forEach((el) => {
    if (el.tagName === "OPTION") el.textContent = t(el.dataset.i18n);  // no markup in an option
    else writeText(el, t(el.dataset.i18n));
  });
  document.querySelectorAll("[data-lang]").forEach((el) => {
    el.setAttribute("aria-pressed", String(el.dataset.lang === lang));
  });
  document.title = t("title");
  $("preview").alt = t("previewAlt");
  render();
}

// ---- sending ----------------------------------------------------------------------------

async function choose(file) {
  if (!file) return;
  state.file = file;
  state.report = null;
  state.error = null;
  state.fix = null;
  replaceUrl("fixedUrl", null);
  replaceUrl("previewUrl", URL.createObjectURL(file));
  $("preview").src = state.previewUrl;
  if (file.size > state.info.max_upload_bytes) {
    state.error = { key: "tooBig" };
    render();
    return;
  }
  state.busy = "checking";
  render();
  try {
    const response = await fetch("/api/check", { method: "POST", body: formFor(file) });
    const body = await response.json();
    if (response.ok) state.report = body; else state.error = body;
  } catch (_) {
    state.error = { key: "network" };
  }
  state.busy = null;
  render();
}

async function fixPhoto() {
  if (!state.file) return;
  state.busy = "fixing";
  render();
  try {
    const response = await fetch("/api/fix", { method: "POST", body: formFor(state.file) });
    if (response.ok) {
      const blob = await response.blob();
      replaceUrl("fixedUrl", URL.createObjectURL(blob));
      state.fix = {
        verdict: response.headers.get("x-photocheck-verdict") || "unknown",
        changes: JSON.parse(response.headers.get("x-photocheck-changes") || "[]"),
        unfixable: [],
      };
    } else {
      const body = await response.json();
      state.fix = { verdict: null, message: body.message, changes: [],
        unfixable: body.unfixable || [] };
    }
  } catch (_) {
    state.fix = { verdict: null, message: null, changes: [], unfixable: [], network: true };
  }
  state.busy = null;
  render();
}

function formFor(file) {
  const form = new FormData();
  form.append("photo", file, file.name || "photo.jpg");
  form.append("profile", $("profile").value);
  if ($("covering").value) form.append("covering", $("covering").value);  // declared only
  form.append("lang", state.lang || "en");
  form.append("langs", "all");
  return form;
}

function replaceUrl(key, url) {
  if (state[key]) URL.revokeObjectURL(state[key]);
  state[key] = url;
}

// ---- drawing ----------------------------------------------------------------------------

function render() {
  renderVerdict();
  const report = state.report;
  $("result").hidden = !state.file;
  renderChecks($("problems"), report ? report.checks.filter(isShown) : [], true);
  renderChecks($("all-checks"), report ? report.checks : [], false);
  renderOverlay();
  renderFix();
}

function isProblem(check) {
  return check.status === "fail" || check.status === "warn";
}

// Listed with the findings: every problem, and a declared head covering's note (how to give
// the reason to the agency), which the applicant must read even though the rule passed.
function isShown(check) {
  return isProblem(check) || Boolean(check.value && check.value.declared);
}

function renderVerdict() {
  const el = $("verdict");
  el.className = "verdict";
  el.replaceChildren();
  if (state.busy === "checking") {
    el.textContent = t("checking");
    el.classList.add("busy");
    return;
  }
  if (state.error) {
    writeText(el, state.error.key ? t(state.error.key) : pick(state.error.message));
    el.classList.add("error");
    return;
  }
  const report = state.report;
  if (!report) return;
  el.classList.add(report.verdict);
  const count = (status) => report.checks.filter((c) => c.status === status).length;
  const lines = [report.verdict === "accept" ? t("accept")
    : report.verdict === "reject" ? t("reject", count("fail")) : t("error")];
  if (count("warn")) lines.push(t("warnings", count("warn")));
  if (count("skip") && report.verdict !== "error") lines.push(t("skipped", count("skip")));
  const strong = document.createElement("strong");
  strong.id = "verdict-text";
  strong.dataset.verdict = report.verdict;
  writeText(strong, lines[0]);
  el.append(strong);
  lines.slice(1).forEach((line) => {
    const span = document.createElement("span");
    writeText(span, line);
    el.append(span);
  });
}

function renderChecks(list, checks, withFix) {
  list.replaceChildren(...checks.map((check) => {
    const item = document.createElement("li");
    item.className = `check ${check.status}`;
    item.dataset.rule = check.id;
    item.dataset.status = check.status;
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = t(STATUS_KEYS[check.status]);
    const id = document.createElement("code");
    id.textContent = check.id;
    const message = document.createElement("p");
    message.className = "message";
    writeText(message, pick(check.message));
    item.append(badge, id, message);
    if (withFix && check.fix) {
      const fix = document.createElement("p");
      fix.className = "fix-hint";
      writeText(fix, t("fixHint") + pick(check.fix));
      item.append(fix);
    }
    return item;
  }));
}

function renderOverlay() {
  const svg = $("overlay");
  const img = $("preview");
  svg.replaceChildren();
  const face = state.report && state.report.face;
  const ready = img.complete && img.naturalWidth > 0;
  $("legend").hidden = !(face && ready);
  if (!face || !ready) return;
  // The report's pixels are the upright full-resolution image, which is what the browser shows
  // (EXIF orientation applied), so the natural size is the coordinate system.
  svg.setAttribute("viewBox", `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
  const stroke = Math.max(2, img.naturalWidth / 200);
  if (face.trim) svg.append(rect(face.trim, "trim", stroke));
  if (face.box) svg.append(rect(face.box, "face", stroke));
}

function rect([x, y, w, h], kind, stroke) {
  const el = document.createElementNS(SVG_NS, "rect");
  el.setAttribute("class", kind);
  el.setAttribute("x", x);
  el.setAttribute("y", y);
  el.setAttribute("width", w);
  el.setAttribute("height", h);
  el.setAttribute("stroke-width", stroke);
  if (kind === "trim") el.setAttribute("stroke-dasharray", `${stroke * 4} ${stroke * 3}`);
  return el;
}

function renderFix() {
  const report = state.report;
  const fixable = report && report.checks.some((c) => isProblem(c) && c.fix);
  $("fix-area").hidden = !(state.info.fix && fixable);
  $("fix-button").disabled = state.busy !== null;
  const status = $("fix-status");
  const changes = $("fix-changes");
  const download = $("fix-download");
  status.textContent = "";
  changes.replaceChildren();
  download.hidden = !state.fixedUrl;
  if (state.fixedUrl) download.href = state.fixedUrl;
  const fix = state.fix;
  if (state.busy === "fixing") status.textContent = t("fixing");
  if (!fix || state.busy) return;
  if (fix.network) status.textContent = t("network");
  else if (fix.verdict) status.textContent = t(FIXED_KEYS[fix.verdict] || "fixedUnknown");
  else writeText(status, pick(fix.message));
  const lines = fix.changes.map(pick).concat(fix.unfixable.map((c) => pick(c.message)));
  changes.replaceChildren(...lines.map((line) => {
    const li = document.createElement("li");
    writeText(li, line);
    return li;
  }));
}

// ---- wiring -----------------------------------------------------------------------------

function wire() {
  document.querySelectorAll("[data-lang]").forEach((button) => {
    button.addEventListener("click", () => switchLang(button.dataset.lang, true));
  });
  for (const id of ["photo-input", "camera-input"]) {
    $(id).addEventListener("change", (event) => {
      choose(event.target.files[0]);
      event.target.value = "";  // choosing the same file again still checks it
    });
  }
  $("profile").addEventListener("change", () => choose(state.file));
  $("covering").addEventListener("change", () => choose(state.file));
  $("fix-button").addEventListener("click", fixPhoto);
  $("preview").addEventListener("load", () => {
    $("no-preview").hidden = true;
    renderOverlay();
  });
  $("preview").addEventListener("error", () => {
    if (state.file) $("no-preview").hidden = false;
  });
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (event) => {
    event.preventDefault();
    drop.classList.add("dragging");
  }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, () => {
    drop.classList.remove("dragging");
  }));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    choose(event.dataTransfer.files[0]);
  });
  // A photo dropped outside the drop zone must not make the browser navigate away to it.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());
}

async function loadInfo() {
  try {
    const response = await fetch("/api/info");
    if (response.ok) state.info = await response.json();
  } catch (_) { /* the page still checks; fixing stays hidden */ }
  render();
}

async function start() {
  wire();
  try {
    const lang = await loadMessages(state.lang);
    setLang(lang);
  } catch (_) {
    state.lang = "en";  // the HTML's own English stays
  }
  loadInfo();
}

start();
