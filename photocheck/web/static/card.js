// The "When does my card expire?" panel: a few dates in, POST /api/card, the answer drawn in the
// page's language. Separate from app.js; it follows <html lang>, which app.js's toggle sets.
"use strict";

(() => {
  const UI = {
    en: {
      heading: "When does my card expire?",
      intro: "Your card and its electronic certificates have separate expiry dates. " +
        "Enter your dates to see them, with what to do and by when.",
      birth: "Date of birth",
      kind: "Date of",
      issued: "card issued (発行日)",
      applied: "application (card not yet issued)",
      category: "Nationality / residence status",
      stayEnd: "End of the period of stay (residence card)",
      nationalityLost: "Date Japanese nationality was lost",
      submit: "Show the dates",
      busy: "Calculating…",
      validUntil: "Your card is valid until",
      estimate: "(estimate)",
      certificates: "Electronic certificates",
      todo: "What to do, and by when",
      notIssued: "not issued",
      network: "The server could not be reached. Try again.",
    },
    ja: {
      heading: "カードの有効期限",
      intro: "カードと電子証明書の有効期限は別々です。日付を入れると、それぞれの期限と、" +
        "いつまでに何をすればよいかを表示します。",
      birth: "生年月日",
      kind: "日付の種類",
      issued: "カードの発行日",
      applied: "申請日（カードはまだ発行されていない）",
      category: "国籍・在留資格",
      stayEnd: "在留期間の満了日（在留カード）",
      nationalityLost: "日本国籍を失った日",
      submit: "期限を表示",
      busy: "計算しています…",
      validUntil: "カードの有効期限",
      estimate: "（見込み）",
      certificates: "電子証明書",
      todo: "手続と期限",
      notIssued: "発行されません",
      network: "サーバーに接続できませんでした。もう一度お試しください。",
    },
  };

  const $ = (id) => document.getElementById(id);
  const state = { answer: null, error: null, busy: false, categories: [] };
  const lang = () => (document.documentElement.lang === "ja" ? "ja" : "en");
  const t = (key) => UI[lang()][key];
  const pick = (text) => (text ? text[lang()] || text.en || "" : "");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function translate() {
    document.querySelectorAll("[data-card-i18n]").forEach((node) => {
      node.textContent = t(node.dataset.cardI18n);
    });
    const select = $("card-category");
    state.categories.forEach((category, i) => {
      select.options[i].textContent = pick(category.name);
    });
    render();
  }

  function needs() {
    const chosen = state.categories.find((c) => c.key === $("card-category").value);
    return chosen ? chosen.needs : null;
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
      const response = await fetch("/api/card", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify(body()),
      });
      const doc = await response.json();
      if (response.ok) state.answer = doc;
      else { state.answer = null; state.error = doc.message; }
    } catch (_) {
      state.answer = null;
      state.error = { en: UI.en.network, ja: UI.ja.network };
    }
    state.busy = false;
    render();
  }

  function certificateItem(cert) {
    const when = cert.expires || t("notIssued");
    return el("li", null, `${pick(cert.name)}: ${when} — ${pick(cert.reason)}`);
  }

  function dateItem(item) {
    const li = el("li", `card-date ${item.kind}`);
    li.append(el("time", null, item.date), el("span", null, pick(item.title)));
    li.firstChild.dateTime = item.date;
    if (item.detail) li.append(el("p", null, pick(item.detail)));
    return li;
  }

  function renderAnswer(out, doc) {
    const head = el("p", "card-expiry");
    const estimate = doc.issued.estimated ? ` ${t("estimate")}` : "";
    head.append(el("span", null, t("validUntil")),
      el("strong", null, doc.card.expires + estimate));
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
    $("card-category").addEventListener("change", showNeeded);
    new MutationObserver(translate).observe(document.documentElement,
      { attributes: true, attributeFilter: ["lang"] });
    loadCategories().then(translate, () => translate());
  }

  start();
})();
