// The "When does my card expire?" panel: a few dates in, POST /api/card, the answer drawn in the
// page's language. Separate from app.js; it follows <html lang>, which app.js's language picker
// sets. Its words come from the same catalogs as the rest of the page: app.js loads
// GET /api/messages (every language) into MESSAGES, where this panel's keys start with "card".
// The answer asks for every language too (langs=all), so switching never asks again.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = { answer: null, error: null, busy: false, categories: [] };
  const lang = () => document.documentElement.lang || "en";
  const catalog = (code) => (typeof MESSAGES === "undefined" ? {} : MESSAGES[code] || {});
  const key = (name) => `card${name[0].toUpperCase()}${name.slice(1)}`;
  const t = (name) => catalog(lang())[key(name)] || catalog("en")[key(name)] || "";
  const pick = (text) => (text ? text[lang()] || text.en || "" : "");
  // Dates as the language writes them: the answer carries each one written in every language
  // (written_dates, the same words as `photocheck card`); the <time> element keeps ISO.
  const day = (iso) => {
    const written = (state.answer && state.answer.written_dates || {})[iso] || {};
    return written[lang()] || written.en || iso;
  };

  // app.js's writeText marks the Japanese terms (lang="ja", one line); plain text without it.
  const write = (node, text) => {
    if (typeof writeText === "function" && node.tagName !== "OPTION") writeText(node, text);
    else node.textContent = text;
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) write(node, text);
    return node;
  }

  function translate() {
    document.querySelectorAll("[data-card-i18n]").forEach((node) => {
      const text = t(node.dataset.cardI18n);
      if (text) write(node, text);  // before the catalog arrives, the HTML's English stays
    });
    if (t("date")) $("card-date").setAttribute("aria-label", t("date"));
    const select = $("card-category");
    state.categories.forEach((category, i) => {
      select.options[i].textContent = pick(category.name);
    });
    showCategoryName();
    render();
  }

  function needs() {
    const chosen = state.categories.find((c) => c.key === $("card-category").value);
    return chosen ? chosen.needs : null;
  }

  // A long category name is cut inside the closed <select> on a phone: the chosen one is also
  // written out in full below it.
  function showCategoryName() {
    const chosen = state.categories.find((c) => c.key === $("card-category").value);
    write($("card-category-name"), chosen ? pick(chosen.name) : "");
  }

  function showNeeded() {
    $("card-stay-end-row").hidden = needs() !== "stay_end";
    $("card-nationality-lost-row").hidden = needs() !== "nationality_lost";
  }

  async function loadCategories() {
    const response = await fetch("/api/card/categories");
    state.categories = await response.json();
    const select = $("card-category");
    select.replaceChildren(...state.categories.map((c) => {
      const option = el("option", null, pick(c.name));
      option.value = c.key;
      return option;
    }));
    showNeeded();
    showCategoryName();
  }

  function body() {
    const request = { birth: $("card-birth").value, category: $("card-category").value };
    request[$("card-kind").value] = $("card-date").value;
    if (needs() === "stay_end") request.stay_end = $("card-stay-end").value;
    if (needs() === "nationality_lost") request.nationality_lost = $("card-nationality-lost").value;
    return request;
  }

  async function submit(event) {
    event.preventDefault();
    state.busy = true;
    state.error = null;
    render();
    try {
      const response = await fetch("/api/card?langs=all", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify(body()),
      });
      const doc = await response.json();
      if (response.ok) state.answer = doc;
      else { state.answer = null; state.error = doc.message; }
    } catch (_) {
      state.answer = null;
      const network = catalog(lang()).network || catalog("en").network;  // the page's own key
      state.error = { [lang()]: network || "The server could not be reached. Try again." };
    }
    state.busy = false;
    render();
  }

  function certificateItem(cert) {
    const when = cert.expires ? day(cert.expires) : t("notIssued");
    return el("li", null, `${pick(cert.name)}: ${when} — ${pick(cert.reason)}`);
  }

  function dateItem(item) {
    const li = el("li", `card-date ${item.kind}`);
    li.append(el("time", null, day(item.date)), el("span", null, pick(item.title)));
    li.firstChild.dateTime = item.date;
    if (item.detail) li.append(el("p", null, pick(item.detail)));
    return li;
  }

  function renderAnswer(out, doc) {
    const head = el("p", "card-expiry");
    const estimate = doc.issued.estimated ? ` ${t("estimate")}` : "";
    head.append(el("span", null, t("validUntil")),
      el("strong", null, day(doc.card.expires) + estimate));
    head.querySelector("strong").id = "card-expires";
    out.append(head, el("p", "card-reason", pick(doc.card.reason)));
    out.append(el("h3", null, t("certificates")));
    const certs = el("ul", "card-list");
    doc.certificates.forEach((cert) => certs.append(certificateItem(cert)));
    out.append(certs, el("h3", null, t("todo")));
    const dates = el("ol", "card-list");
    doc.dates.forEach((item) => dates.append(dateItem(item)));
    out.append(dates);
    doc.notes.forEach((note) => out.append(el("p", "card-note", pick(note))));
  }

  function render() {
    const out = $("card-result");
    out.replaceChildren();
    $("card-submit").disabled = state.busy;
    out.className = "card-result";
    if (state.busy) out.append(el("p", null, t("busy")));
    else if (state.error) {
      out.classList.add("error");
      out.append(el("p", null, pick(state.error)));
    } else if (state.answer) renderAnswer(out, state.answer);
  }

  function start() {
    if (!$("card-panel")) return;
    $("card-form").addEventListener("submit", submit);
    $("card-category").addEventListener("change", () => {
      showNeeded();
      showCategoryName();
    });
    new MutationObserver(translate).observe(document.documentElement,
      { attributes: true, attributeFilter: ["lang"] });
    loadCategories().then(translate, () => translate());
  }

  start();
})();
