export const dynamic = "force-static";

/**
 * The share script for the company's own pages (docs/product.md#reshares). A visitor who arrived through an advocate's
 * link carries utm_content=<code>; when they click an element with data-chorus-share="linkedin|x|facebook|email",
 * the script asks Chorus for a child link of that code and opens the network's share page with it, so the
 * advocate is credited with the reshare. Without a code the element's own href is followed.
 */
const script = `(function () {
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

  window.Chorus = { code: code, childLink: childLink };
})();
`;

export function GET() {
  return new Response(script, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
