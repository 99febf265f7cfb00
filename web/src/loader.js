/*! cma-advisor website widget: the loader a school's page names (web/src/loader.js).
 * Small and revalidated on each visit; it loads the widget itself (widget.<hash>.js and .css,
 * cached for a year) only once the page has finished loading, so the page never waits for the chat.
 *
 * cma-advisor: the widget keeps only a short, recent conversation in the browser. It keeps the
 * last 20 messages (web/src/widget.js) and, here, removes a stored conversation unused for 24 hours
 * when a page loads (the server then starts a new conversation). Other entries are untouched. */
(function () {
  "use strict";
  var KEY = "chat_session";
  var MAX_AGE_HOURS = 24;
  var SCRIPT = "__WIDGET_SCRIPT__";
  var STYLE = "__WIDGET_STYLE__";

  function forgetStale(storage) {
    try {
      var stored = storage.getItem(KEY);
      if (!stored) return;
      var session = JSON.parse(stored);
      var age = Date.now() - Number((session && session.lastUpdate) || 0);
      if (!(age <= MAX_AGE_HOURS * 3600 * 1000)) storage.removeItem(KEY);
    } catch (e) {
      try { storage.removeItem(KEY); } catch (ignored) { /* storage unavailable */ }
    }
  }
  try { forgetStale(window.localStorage); } catch (e) { /* storage blocked */ }
  try { forgetStale(window.sessionStorage); } catch (e) { /* storage blocked */ }

  if (window.WebChat && window.WebChat.__cmaAdvisor) return;  // the snippet pasted twice

  var here = document.currentScript && document.currentScript.src;
  var base = here ? here.replace(/[^/]*([?#].*)?$/, "") : "/web/widget/";
  var calls = [];
  var scheduled = false;
  // WebChat.default(config) as rasa-webchat's snippet calls it, and open/close/toggle for a page's own
  // buttons: remembered until the widget has loaded, then handed to it.
  var api = { __cmaAdvisor: true, __calls: calls };
  ["default", "open", "close", "toggle"].forEach(function (method) {
    api[method] = function () {
      calls.push([method, Array.prototype.slice.call(arguments)]);
      if (method === "default") schedule();
    };
  });
  window.WebChat = api;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    if (document.readyState === "complete") setTimeout(load, 0);
    else window.addEventListener("load", load);
  }

  function load() {
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = base + STYLE;
    // The widget shows its launcher once its styles are in, so it never flashes unstyled.
    api.__styled = false;
    style.onload = style.onerror = function () {
      api.__styled = true;
      if (api.__onStyled) api.__onStyled();
    };
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = base + SCRIPT;
    script.async = true;
    document.head.appendChild(script);
  }
})();
