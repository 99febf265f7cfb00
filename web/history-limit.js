/*! cma-advisor: the widget keeps only a short, recent conversation in the browser (web/history-limit.js).
 * rasa-webchat stores the whole conversation, contact details included, under "chat_session" in
 * localStorage for ever. Served appended to the widget's bundle: every write of that entry keeps
 * only the last KEEP messages, and an entry unused for MAX_AGE_HOURS is removed when a page loads
 * (the server then starts a new conversation). Other entries of the page's storage are untouched. */
(function () {
  "use strict";
  var KEY = "chat_session";
  var KEEP = 20;
  var MAX_AGE_HOURS = 24;
  if (typeof Storage === "undefined" || Storage.prototype.__cmaHistoryLimit) return;
  var setItem = Storage.prototype.setItem;

  function bounded(value) {
    try {
      var session = JSON.parse(value);
      if (session && Array.isArray(session.conversation) && session.conversation.length > KEEP) {
        session.conversation = session.conversation.slice(-KEEP);
        return JSON.stringify(session);
      }
    } catch (e) { /* not ours to judge: store it as it came */ }
    return value;
  }

  Storage.prototype.setItem = function (key, value) {
    return setItem.call(this, key, key === KEY ? bounded(String(value)) : value);
  };
  Object.defineProperty(Storage.prototype, "__cmaHistoryLimit", { value: true });

  [window.localStorage, window.sessionStorage].forEach(function (storage) {
    try {
      var stored = storage.getItem(KEY);
      if (!stored) return;
      var session = JSON.parse(stored);
      var age = Date.now() - Number(session && session.lastUpdate || 0);
      if (age > MAX_AGE_HOURS * 3600 * 1000) storage.removeItem(KEY);
      else storage.setItem(KEY, stored);
    } catch (e) {
      try { storage.removeItem(KEY); } catch (ignored) { /* storage unavailable */ }
    }
  });
})();
