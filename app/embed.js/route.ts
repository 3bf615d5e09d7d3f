import { otherMethods } from "@/lib/api/methods";
import { getSettings } from "@/lib/settings";

// Dynamic: the attribution window (how long the first-party cookie keeps the code) is the admin's setting.
export const dynamic = "force-dynamic";

/**
 * The share script for the company's own pages (docs/product.md#reshares). A visitor who arrived through an advocate's
 * link carries utm_content=<code>; when they click an element with data-chorus-share="linkedin|x|facebook|email",
 * the script asks Chorus for a child link of that code and opens the network's share page with it, so the
 * advocate is credited with the reshare. Without a code the element's own href is followed.
 * Outcomes: the code and the first-click time are kept in a first-party cookie for the attribution window; forms
 * marked data-chorus-form get hidden chorus_code and chorus_clicked_at fields (and report a conversion on submit
 * when they name its kind, data-chorus-form="lead"); Chorus.convert({ kind, value, currency, id }) reports one.
 */
const script = (windowDays: number) => `(function () {
  "use strict";
  var current = document.currentScript;
  if (!current) return;
  var chorus = new URL(current.src).origin;
  var CODE = /^[0-9A-Za-z]{4,16}$/;
  var code = new URLSearchParams(location.search).get("utm_content");
  try {
    if (code && CODE.test(code)) sessionStorage.setItem("chorus:code", code);
    else code = sessionStorage.getItem("chorus:code");
  } catch (e) {}
  if (!code || !CODE.test(code)) code = null;

  // First-party cookie: the code the visitor arrived with and when, for the attribution window. A new code
  // (a new click) replaces it; the same code keeps its first-click time.
  var WINDOW_DAYS = ${windowDays};
  var clickedAt = null;
  var kept = /(?:^|; )chorus_ref=([0-9A-Za-z]{4,16})\\.(\\d{10,16})/.exec(document.cookie);
  if (kept && (!code || kept[1] === code)) { code = kept[1]; clickedAt = Number(kept[2]); }
  if (code && !clickedAt) clickedAt = Date.now();
  if (code && clickedAt + WINDOW_DAYS * 86400000 < Date.now()) { code = null; clickedAt = null; }
  if (code) {
    var maxAge = Math.max(0, Math.floor((clickedAt + WINDOW_DAYS * 86400000 - Date.now()) / 1000));
    document.cookie = "chorus_ref=" + code + "." + clickedAt + "; Max-Age=" + maxAge + "; Path=/; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  }

  function convert(conversion) {
    conversion = conversion || {};
    return fetch(chorus + "/api/embed/conversions", {
      method: "POST",
      // keepalive: the request outlives a form's page; text/plain keeps it a simple request (no preflight), and
      // the endpoint checks the Origin itself.
      keepalive: true,
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({
        kind: conversion.kind, id: conversion.id, value: conversion.value, currency: conversion.currency,
        code: code, clickedAt: clickedAt ? new Date(clickedAt).toISOString() : null
      })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error((body.error && body.error.message) || "Chorus answered " + response.status);
        return body;
      });
    });
  }

  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) { input = document.createElement("input"); input.type = "hidden"; input.name = name; form.appendChild(input); }
    input.value = value;
  }
  function markForms() {
    var forms = document.querySelectorAll("form[data-chorus-form]");
    for (var i = 0; i < forms.length; i++) {
      hidden(forms[i], "chorus_code", code || "");
      hidden(forms[i], "chorus_clicked_at", clickedAt ? new Date(clickedAt).toISOString() : "");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markForms);
  else markForms();
  document.addEventListener("submit", function (event) {
    var form = event.target instanceof Element ? event.target.closest("form[data-chorus-form]") : null;
    if (!form) return;
    markForms();
    var kind = form.getAttribute("data-chorus-form");
    var idField = form.getAttribute("data-chorus-id-field");
    var id = form.getAttribute("data-chorus-id") || (idField && form.elements[idField] ? form.elements[idField].value : "");
    if (kind && id) convert({ kind: kind, id: id }).catch(function () {});
  }, true);

  function childLink(network, text) {
    return fetch(chorus + "/api/embed/links", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: code, network: network, text: text || document.title })
    }).then(function (response) {
      if (!response.ok) throw new Error("Chorus answered " + response.status);
      return response.json();
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-chorus-share]") : null;
    if (!target || !code) return;
    event.preventDefault();
    var fallback = target.getAttribute("href");
    // Opened now, while the click still counts as the user's gesture; pointed at the share page when the link arrives.
    var tab = window.open("about:blank", "_blank");
    childLink(target.getAttribute("data-chorus-share"), target.getAttribute("data-chorus-text")).then(function (link) {
      if (tab) { tab.opener = null; tab.location.href = link.intentUrl || link.shortUrl; }
      target.setAttribute("data-chorus-link", link.shortUrl);
    }).catch(function () {
      if (tab && fallback) tab.location.href = fallback; else if (tab) tab.close();
    });
  });

  window.Chorus = { code: code, clickedAt: clickedAt, childLink: childLink, convert: convert };
})();
`;

export async function GET() {
  const { attributionWindowDays } = await getSettings();
  return new Response(script(attributionWindowDays), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
