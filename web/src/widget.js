/*! cma-advisor website widget (web/src/widget.js), on socket.io-client (MIT, see LICENSE).
 *
 * Speaks Rasa's Socket.IO protocol as rasa-webchat did (session_request, session_confirm,
 * user_uttered, bot_uttered), so the snippet schools paste is unchanged, plus two additions the
 * server understands: session_request names the last bot message shown ("shown"), and the server
 * sends what was stored after it; a message stays in an outbox until the server acknowledges it.
 * Every element is a real button, link, label or live region (WCAG 2.1 AA); text is always
 * inserted as text, never as HTML. */
(function () {
  "use strict";

  var KEY = "chat_session";       // rasa-webchat's entry: a visitor it served keeps their conversation
  var KEEP = 20;                  // messages kept in the browser
  var REPLY_WAIT_MS = 30000;      // "typing" shown at most this long
  var FEEDBACK_PAYLOAD = "/feedback_unhelpful";
  var SOURCE_LINE = /^Sources?:\s/;
  var LIST_LINE = /^\s*([-*]|[\u2022\u25b6\u25ba\u2713\u2714]|\d{1,2}[.)])\s+/;
  var LINK = /\bhttps?:\/\/[^\s<>"')\]]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:gov|org|edu|com|net|us)\b(?:\/[^\s<>"')\];,]*)?/gi;
  var STEP_HEADING = /^(Step|More on step) \d+( of \d+)?:\s/;
  var LABEL = /^([A-Z][A-Za-z' ]{1,28}):\s/;
  var widget = null;

  // ---- small DOM helpers: text only, never HTML -------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function hidden(text) {
    return el("span", "rw-visually-hidden", text);
  }

  function icon(paths) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "24");
    svg.setAttribute("height", "24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    paths.forEach(function (d) {
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  var ICONS = {
    chat: ["M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"],
    close: ["M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"],
    send: ["M3 20.5 21.5 12 3 3.5v6.6L15 12 3 13.9z"],
    expand: ["M4 4h6v2H7.4l4 4-1.4 1.4-4-4V10H4zm16 16h-6v-2h2.6l-4-4 1.4-1.4 4 4V14h2z"]
  };

  /** Text with its web addresses as links (bls.gov, https://…), appended to `parent`. */
  function appendLinked(parent, text) {
    var at = 0;
    text.replace(LINK, function (match, offset) {
      var address = match.replace(/[.,;:]+$/, "");
      if (offset > at) parent.appendChild(document.createTextNode(text.slice(at, offset)));
      var link = el("a", "rw-link", address);
      link.href = /^https?:\/\//i.test(address) ? address : "https://" + address;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.appendChild(hidden(" (opens in a new tab)"));
      parent.appendChild(link);
      at = offset + address.length;
      return match;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /** One line of a message: "What to do: …" gets its label in bold. */
  function appendLine(parent, line, labelled) {
    if (labelled && STEP_HEADING.test(line)) {
      var heading = el("strong", "rw-step-heading");
      appendLinked(heading, line);
      parent.appendChild(heading);
      return;
    }
    var label = labelled && LABEL.exec(line);
    if (label) {
      parent.appendChild(el("strong", null, label[1] + ":"));
      line = line.slice(label[1].length + 1);
    }
    appendLinked(parent, line);
  }

  /** A bot message's text laid out: paragraphs, line breaks and lists kept; its source line apart. */
  function layout(text) {
    var body = el("div", "rw-response-text");
    var sources = null;
    var paragraphs = String(text).replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/);
    var last = paragraphs[paragraphs.length - 1].trim();
    if (paragraphs.length > 1 && SOURCE_LINE.test(last)) {
      paragraphs.pop();
      sources = el("p", "rw-sources");
      appendLinked(sources, last);
    }
    paragraphs.forEach(function (paragraph) {
      var lines = paragraph.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
      var multi = lines.length > 1;
      var block = null;
      var list = null;
      lines.forEach(function (line) {
        var marker = LIST_LINE.exec(line);
        if (marker && multi) {
          if (!list) {
            list = el("ul", /^[-*]$/.test(marker[1]) ? "rw-list" : "rw-list rw-list-marked");
            body.appendChild(list);
          }
          var item = el("li");
          appendLine(item, /^[-*]$/.test(marker[1]) ? line.slice(marker[0].length) : line, true);
          list.appendChild(item);
          block = null;
          return;
        }
        list = null;
        if (!block) {
          block = el("p");
          body.appendChild(block);
        } else {
          block.appendChild(el("br"));
        }
        appendLine(block, line, multi);
      });
    });
    return { body: body, sources: sources, text: paragraphs.join("\n\n") };
  }

  /** Whether the bot is asking the visitor something (a form's question): not an answer to rate. */
  function asks(text) {
    return /\?\s*$/.test(text);
  }

  // ---- what the browser keeps ------------------------------------------------------------------

  function Store(kind) {
    var storage = null;
    try {
      storage = kind === "session" ? window.sessionStorage : window.localStorage;
      storage.getItem(KEY);
    } catch (e) {
      storage = null;  // blocked: the conversation lasts as long as the page
    }
    this.storage = storage;
  }

  Store.prototype.read = function () {
    var state = null;
    try { state = this.storage && JSON.parse(this.storage.getItem(KEY) || "null"); } catch (e) { state = null; }
    if (!state || typeof state !== "object") state = {};
    var conversation = Array.isArray(state.conversation) ? state.conversation : [];
    return {
      session_id: typeof state.session_id === "string" ? state.session_id : null,
      conversation: conversation.filter(function (m) {
        return m && (m.sender === "client" || m.sender === "response") && typeof m.text === "string";
      }),
      shown: typeof state.shown === "number" ? state.shown : 0,
      outbox: Array.isArray(state.outbox) ? state.outbox.filter(function (m) { return m && typeof m.message === "string"; }) : [],
      open: state.open === true,
      greeted: state.greeted === true || conversation.length > 0,
      wide: state.wide === true,
      plainReplies: state.plainReplies === true,
      lastUpdate: Number(state.lastUpdate) || 0,
      trimmed: conversation.length > KEEP
    };
  };

  Store.prototype.write = function (state) {
    if (!this.storage) return;
    var kept = {
      session_id: state.session_id,
      conversation: state.conversation.slice(-KEEP),
      shown: state.shown,
      outbox: state.outbox.map(function (m) { return { message: m.message, metadata: m.metadata, key: m.key }; }),
      open: state.open,
      greeted: state.greeted,
      wide: state.wide,
      plainReplies: state.plainReplies,
      lastUpdate: Date.now()
    };
    state.conversation = kept.conversation;
    try { this.storage.setItem(KEY, JSON.stringify(kept)); } catch (e) { /* full or blocked: keep going */ }
  };

  // ---- the widget ------------------------------------------------------------------------------

  function Widget(config) {
    this.config = config || {};
    this.title = this.config.title || "Chat";
    this.store = new Store((this.config.params || {}).storage);
    this.state = this.store.read();
    if (this.state.trimmed) this.save();
    this.socket = null;
    this.connected = false;
    this.everConnected = false;
    this.pane = null;
    this.unread = 0;
    this.waitingSince = 0;
    this.nextKey = 1;
    this.mount();
    var pendingReply = this.lastMessage() && this.lastMessage().sender === "client";
    if (this.state.session_id && (this.state.open || this.state.outbox.length || pendingReply)) this.connect();
    if (pendingReply && Date.now() - this.state.lastUpdate < REPLY_WAIT_MS) this.waitingSince = Date.now();
    if (this.state.open) this.open(false);
  }

  Widget.prototype.save = function () {
    this.store.write(this.state);
  };

  Widget.prototype.lastMessage = function () {
    return this.state.conversation[this.state.conversation.length - 1];
  };

  Widget.prototype.mount = function () {
    var self = this;
    this.root = el("div", "rw-widget-container");
    this.root.id = "cma-advisor-widget";
    this.live = el("div", "rw-visually-hidden");
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("aria-atomic", "false");
    this.launcher = el("button", "rw-launcher");
    this.launcher.type = "button";
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.setAttribute("aria-controls", "rw-chat-pane");
    this.launcher.appendChild(icon(ICONS.chat));
    this.badge = el("span", "rw-unread");
    this.badge.setAttribute("aria-hidden", "true");
    this.launcher.appendChild(this.badge);
    this.launcher.addEventListener("click", function () { self.toggle(); });
    this.root.appendChild(this.live);
    this.root.appendChild(this.launcher);
    document.body.appendChild(this.root);
    this.updateLauncher();
    window.addEventListener("online", function () { self.updateStatus(); });
    window.addEventListener("offline", function () { self.updateStatus(); });
  };

  Widget.prototype.updateLauncher = function () {
    var open = !!this.pane;
    this.root.classList.toggle("rw-open", open);
    this.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    var label = open ? "Close chat" : "Chat with " + this.title;
    if (!open && this.unread) label += " (" + this.unread + " new " + (this.unread === 1 ? "message" : "messages") + ")";
    this.launcher.setAttribute("aria-label", label);
    this.launcher.replaceChild(icon(open ? ICONS.close : ICONS.chat), this.launcher.firstChild);
    this.badge.textContent = !open && this.unread ? String(this.unread) : "";
  };

  Widget.prototype.toggle = function () {
    if (this.pane) this.close();
    else this.open(true);
  };

  Widget.prototype.open = function (focus) {
    var self = this;
    if (this.pane) {
      if (focus) this.input.focus();
      return;
    }
    this.unread = 0;
    var pane = el("div", "rw-conversation-container" + (this.state.wide ? " rw-wide" : ""));
    pane.id = "rw-chat-pane";
    pane.setAttribute("role", "dialog");
    pane.setAttribute("aria-labelledby", "rw-chat-title");
    pane.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        self.close();
      }
    });

    var header = el("div", "rw-header");
    var titles = el("div", "rw-titles");
    var heading = el("h2", "rw-title", this.title);
    heading.id = "rw-chat-title";
    titles.appendChild(heading);
    if (this.config.subtitle) titles.appendChild(el("p", "rw-subtitle", this.config.subtitle));
    header.appendChild(titles);
    var wide = el("button", "rw-header-button rw-expand");
    wide.type = "button";
    wide.setAttribute("aria-label", "Larger chat window");
    wide.setAttribute("aria-pressed", this.state.wide ? "true" : "false");
    wide.appendChild(icon(ICONS.expand));
    wide.addEventListener("click", function () {
      self.state.wide = !self.state.wide;
      pane.classList.toggle("rw-wide", self.state.wide);
      wide.setAttribute("aria-pressed", self.state.wide ? "true" : "false");
      self.save();
    });
    header.appendChild(wide);
    var close = el("button", "rw-header-button rw-close-button");
    close.type = "button";
    close.setAttribute("aria-label", "Close chat");
    close.appendChild(icon(ICONS.close));
    close.addEventListener("click", function () { self.close(); });
    header.appendChild(close);
    pane.appendChild(header);

    this.status = el("p", "rw-status");
    this.status.setAttribute("role", "status");
    pane.appendChild(this.status);

    this.messages = el("div", "rw-messages-container");
    this.messages.tabIndex = 0;
    this.messages.setAttribute("role", "region");
    this.messages.setAttribute("aria-label", "Conversation");
    pane.appendChild(this.messages);

    var form = el("form", "rw-sender");
    var label = el("label", "rw-visually-hidden", "Your message to " + this.title);
    label.htmlFor = "rw-new-message";
    var input = el("textarea", "rw-new-message");
    input.id = "rw-new-message";
    input.rows = 1;
    input.maxLength = 2000;
    input.placeholder = this.config.inputTextFieldHint || "Type a message...";
    input.setAttribute("autocomplete", "off");
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submit();
      }
    });
    var send = el("button", "rw-send");
    send.type = "submit";
    send.setAttribute("aria-label", "Send");
    send.appendChild(icon(ICONS.send));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);
    pane.appendChild(form);
    this.input = input;
    this.pane = pane;
    this.root.insertBefore(pane, this.launcher);

    this.state.open = true;
    this.save();
    this.renderAll();
    this.updateLauncher();
    this.updateStatus();
    this.connect();
    this.greetIfNew();
    if (focus) input.focus();
  };

  Widget.prototype.close = function () {
    if (!this.pane) return;
    var hadFocus = this.pane.contains(document.activeElement);
    this.root.removeChild(this.pane);
    this.pane = this.messages = this.input = this.status = null;
    this.state.open = false;
    this.save();
    this.updateLauncher();
    if (hadFocus) this.launcher.focus();
  };

  // ---- the conversation, drawn ----------------------------------------------------------------

  Widget.prototype.renderAll = function () {
    if (!this.messages) return;
    this.messages.textContent = "";
    var self = this;
    this.state.conversation.forEach(function (message) { self.messages.appendChild(self.bubble(message)); });
    this.renderReplies();
    this.renderTyping();
    var start = this.turnStart();
    if (start) this.scrollTo(start);
    else this.messages.scrollTop = this.messages.scrollHeight;
  };

  Widget.prototype.bubble = function (message) {
    var self = this;
    if (message.sender === "client") {
      var mine = el("div", "rw-message rw-from-client");
      var said = el("div", "rw-client");
      said.appendChild(hidden("You: "));
      said.appendChild(el("span", "rw-client-text", message.text));
      mine.appendChild(said);
      return mine;
    }
    var wrap = el("div", "rw-message rw-from-response");
    if (message.id !== undefined && message.id !== null) wrap.setAttribute("data-id", String(message.id));
    // A person at the school writing in the bot's place is shown as such, never as the bot.
    var advisor = message.from === "advisor";
    var bubble = el("div", advisor ? "rw-response rw-advisor" : "rw-response");
    bubble.appendChild(advisor ? el("span", "rw-advisor-label", "Advisor (a person)") : hidden(this.title + ": "));
    var laid = layout(message.text);
    bubble.appendChild(laid.body);
    if (laid.sources) bubble.appendChild(laid.sources);
    wrap.appendChild(bubble);
    if (message.id !== undefined && message.id !== null && !message.plain && !advisor && !asks(laid.text)) {
      var feedback = el("button", "rw-feedback", message.feedback ? "Thanks for telling us" : "This didn't help");
      feedback.type = "button";
      if (message.feedback) feedback.disabled = true;
      feedback.addEventListener("click", function () {
        if (message.feedback) return;
        message.feedback = true;
        feedback.textContent = "Thanks for telling us";
        feedback.disabled = true;
        self.save();
        self.send(FEEDBACK_PAYLOAD, { hidden: true, plain: true, metadata: { feedback_on: message.id } });
      });
      wrap.appendChild(feedback);
    }
    return wrap;
  };

  /** The bot's buttons, under its latest message only (as rasa-webchat showed them). */
  Widget.prototype.renderReplies = function () {
    if (!this.messages) return;
    var old = this.messages.querySelector(".rw-replies");
    if (old) old.parentNode.removeChild(old);
    var last = this.lastMessage();
    if (!last || last.sender !== "response" || !Array.isArray(last.quick_replies) || !last.quick_replies.length) return;
    var self = this;
    var group = el("div", "rw-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    last.quick_replies.forEach(function (reply) {
      if (!reply || typeof reply.title !== "string") return;
      var button = el("button", "rw-reply", reply.title);
      button.type = "button";
      button.addEventListener("click", function () {
        var focusNext = group.contains(document.activeElement);
        self.send(typeof reply.payload === "string" && reply.payload ? reply.payload : reply.title, { label: reply.title });
        if (focusNext && self.input) self.input.focus();
      });
      group.appendChild(button);
    });
    this.messages.appendChild(group);
  };

  Widget.prototype.renderTyping = function () {
    if (!this.messages) return;
    var old = this.messages.querySelector(".rw-typing-indication");
    if (old) old.parentNode.removeChild(old);
    if (!this.waitingSince || Date.now() - this.waitingSince > REPLY_WAIT_MS) return;
    var typing = el("div", "rw-typing-indication");
    typing.appendChild(hidden(this.title + " is writing a reply"));
    for (var i = 0; i < 3; i++) typing.appendChild(el("span", "rw-dot"));
    this.messages.appendChild(typing);
    var self = this;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(function () { self.renderTyping(); }, REPLY_WAIT_MS + 100);
  };

  /** The first of the bot's messages since the visitor last spoke: where a new answer starts. */
  Widget.prototype.turnStart = function () {
    if (!this.messages) return null;
    var nodes = this.messages.querySelectorAll(".rw-message");
    var start = null;
    for (var i = nodes.length - 1; i >= 0; i--) {
      if (nodes[i].classList.contains("rw-from-client")) break;
      start = nodes[i];
    }
    return start;
  };

  Widget.prototype.scrollTo = function (node) {
    this.messages.scrollTop = Math.max(0, node.offsetTop - this.messages.offsetTop - 8);
    this.anchoredAt = this.messages.scrollTop;
  };

  Widget.prototype.updateStatus = function () {
    if (!this.status) return;
    var text = "";
    if (!navigator.onLine) text = "You're offline. Messages you write will be sent when you're back online.";
    else if (this.socket && !this.connected) text = this.everConnected ? "Reconnecting…" : "Connecting…";
    this.status.textContent = text;
    this.status.classList.toggle("rw-status-shown", !!text);
  };

  // ---- talking to the server ------------------------------------------------------------------

  Widget.prototype.connect = function () {
    if (this.socket || typeof window.io !== "function") return;
    var self = this;
    var url = this.config.socketUrl || window.location.origin;
    var socket = window.io(url, { path: this.config.socketPath || "/socket.io/" });
    this.socket = socket;
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: self.state.session_id, shown: self.state.shown || 0 });
    });
    socket.on("session_confirm", function (token) {
      var id = token && typeof token === "object" ? token.session_id : token;
      if (typeof id !== "string") return;
      if (self.state.session_id && id !== self.state.session_id) {
        // Not the conversation this browser had (expired, or another server's): start afresh.
        self.state.conversation = [];
        self.state.shown = 0;
        self.state.greeted = false;
        self.waitingSince = 0;
        self.renderAll();
      }
      self.state.session_id = id;
      self.connected = self.everConnected = true;
      self.save();
      self.updateStatus();
      self.flush();
      self.greetIfNew();
    });
    socket.on("bot_uttered", function (message) { self.receive(message); });
    socket.on("disconnect", function () {
      self.connected = false;
      self.state.outbox.forEach(function (m) { m.sending = false; });
      self.updateStatus();
    });
    socket.on("connect_error", function () { self.updateStatus(); });
    this.updateStatus();
  };

  /** The bot's greeting (initPayload) once, when a new conversation is first opened. */
  Widget.prototype.greetIfNew = function () {
    if (!this.pane || !this.connected || this.state.greeted || !this.config.initPayload) return;
    this.state.greeted = true;
    this.send(this.config.initPayload, { hidden: true, plain: true });
  };

  Widget.prototype.submit = function () {
    var text = this.input.value.trim();
    if (!text) return;
    this.input.value = "";
    this.send(text, {});
  };

  /** Send a message: shown at once (unless hidden), kept in the outbox until the server has it. */
  Widget.prototype.send = function (text, options) {
    if (!options.hidden) {
      this.state.conversation.push({ sender: "client", type: "text", text: options.label || text });
      if (this.messages) {
        var replies = this.messages.querySelector(".rw-replies");
        if (replies) replies.parentNode.removeChild(replies);
        this.messages.appendChild(this.bubble(this.lastMessage()));
      }
    }
    this.state.outbox.push({ message: text, metadata: options.metadata, key: Date.now() + "-" + this.nextKey++ });
    // The replies to a greeting or to feedback are not answers to rate.
    this.state.plainReplies = !!options.plain;
    this.waitingSince = Date.now();
    this.save();
    this.renderTyping();
    if (this.messages) this.messages.scrollTop = this.messages.scrollHeight;
    this.connect();
    this.flush();
  };

  Widget.prototype.flush = function () {
    if (!this.connected) return;
    var self = this;
    this.state.outbox.forEach(function (item) {
      if (item.sending) return;
      item.sending = true;
      var event = { message: item.message, session_id: self.state.session_id };
      if (item.metadata) event.metadata = item.metadata;
      self.socket.timeout(15000).emit("user_uttered", event, function (error) {
        item.sending = false;
        if (error) return;  // no word from the server: sent again on the next connection
        self.state.outbox = self.state.outbox.filter(function (m) { return m !== item; });
        self.save();
      });
    });
  };

  Widget.prototype.receive = function (message) {
    if (!message || typeof message !== "object" || typeof message.text !== "string" || !message.text.trim()) return;
    var id = typeof message.id === "number" ? message.id : null;
    if (id !== null) {
      var dup = this.state.conversation.some(function (m) {
        return (m.id === id && m.text === message.text) || (m.merged || []).indexOf(id) >= 0;
      });
      if (dup) return;
      this.state.shown = Math.max(this.state.shown || 0, id);
    }
    if (this.mergeSources(message.text, id)) return;
    var entry = { sender: "response", type: "text", text: message.text };
    if (id !== null) entry.id = id;
    if (message.from === "advisor") entry.from = "advisor";
    if (this.state.plainReplies) entry.plain = true;
    if (Array.isArray(message.quick_replies) && message.quick_replies.length) entry.quick_replies = message.quick_replies;
    else if (Array.isArray(message.buttons) && message.buttons.length) entry.quick_replies = message.buttons;
    this.state.conversation.push(entry);
    this.state.greeted = true;
    this.waitingSince = 0;
    this.save();
    var who = entry.from === "advisor" ? "Advisor (a person)" : this.title;
    this.live.appendChild(el("p", null, who + ": " + message.text.replace(/\s+/g, " ")));
    while (this.live.childNodes.length > 3) this.live.removeChild(this.live.firstChild);
    if (!this.messages) {
      this.unread += 1;
      this.updateLauncher();
      return;
    }
    var first = this.lastBotBeforeThis() === null;
    var node = this.bubble(entry);
    var replies = this.messages.querySelector(".rw-replies");
    if (replies) replies.parentNode.removeChild(replies);
    this.messages.appendChild(node);
    this.renderReplies();
    this.renderTyping();
    this.keepAtTurnStart(first);
  };

  /** The pane shows a new answer from its start: where the bot's first message of the turn begins.
   * Later messages of the same turn keep it there, unless the visitor has scrolled meanwhile. */
  Widget.prototype.keepAtTurnStart = function (first) {
    var start = this.turnStart();
    if (!start) return;
    if (first || this.messages.scrollTop === this.anchoredAt) {
      this.scrollTo(start);
      this.anchoredAt = this.messages.scrollTop;
    }
  };

  /** A message that is only a source line joins the answer it belongs to (the bot's latest message,
   * when that has no source line yet), so an answer and its sources are always one bubble. */
  Widget.prototype.mergeSources = function (text, id) {
    if (!SOURCE_LINE.test(text) || /\n/.test(text.trim())) return false;
    var items = this.state.conversation;
    var answer = null;
    for (var i = items.length - 1; i >= 0; i--) {
      if (items[i].sender === "response") { answer = items[i]; break; }
    }
    if (!answer || /\n\s*\nSources?:\s/.test(answer.text) || SOURCE_LINE.test(answer.text)) return false;
    answer.text = answer.text.replace(/\s+$/, "") + "\n\n" + text.trim();
    if (id !== null) answer.merged = (answer.merged || []).concat([id]);
    this.save();
    if (this.messages) {
      var old = this.messages.querySelectorAll(".rw-from-response");
      var node = old[old.length - 1];
      if (node) {
        var fresh = this.bubble(answer);
        node.parentNode.replaceChild(fresh, node);
        this.keepAtTurnStart(false);
      }
    }
    return true;
  };

  /** Whether the bot already spoke since the visitor's last message (the new message then is not a turn's first). */
  Widget.prototype.lastBotBeforeThis = function () {
    var items = this.state.conversation;
    var before = items[items.length - 2];
    return before && before.sender === "response" ? before : null;
  };

  // ---- the page's API --------------------------------------------------------------------------

  function start(api) {
    function run(method, args) {
      if (method === "default") {
        if (!widget) widget = new Widget(args[0]);
      } else if (widget && typeof widget[method] === "function") {
        widget[method](method === "open" ? true : undefined);
      }
    }
    var calls = api.__calls || [];
    api.__calls = [];
    api.default = function (config) { run("default", [config]); };
    api.open = function () { run("open", []); };
    api.close = function () { run("close", []); };
    api.toggle = function () { run("toggle", []); };
    api.isOpen = function () { return !!(widget && widget.pane); };
    calls.forEach(function (call) { run(call[0], call[1]); });
  }

  var api = window.WebChat && window.WebChat.__cmaAdvisor ? window.WebChat : { __cmaAdvisor: true, __calls: [] };
  window.WebChat = api;
  function begin() {
    if (document.body) start(api);
    else document.addEventListener("DOMContentLoaded", function () { start(api); });
  }
  if (api.__styled === false) api.__onStyled = begin;
  else begin();
})();
