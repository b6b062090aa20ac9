// The chat window's interface: the message log, the input, the status line, and the conversation
// with the loader on the embedding page. Messages are rendered with textContent only (a message
// is never HTML). postMessage: incoming messages are accepted only from the parent window and only
// from an origin in the chat's allowed origins (or our own); replies go to exactly that origin.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('chats-widget-config').textContent);
  var s = config.strings;
  var $ = function (name) { return document.querySelector('[data-' + name + ']'); };
  var log = $('log');
  var statusLine = $('status');
  var form = $('form');
  var input = $('input');
  var closeButton = $('close');

  var launcher = config.mode === 'launcher';
  var visible = !launcher;
  var parentOrigin = null; // set by the loader's hello, once checked
  var unread = 0;
  var shown = {}; // message id → element
  var pending = {}; // client message id → element
  var connection = 'online';
  var everOnline = false;
  var dialogState = { status: 'active', waitingForOperator: false };
  var timeFormat = new Intl.DateTimeFormat(config.lang, { hour: '2-digit', minute: '2-digit' });

  function sameOrigin(url, origin) {
    try {
      return new URL(url).origin === origin;
    } catch (e) {
      return false;
    }
  }

  function toParent(message) {
    if (parentOrigin && window.parent !== window) window.parent.postMessage(message, parentOrigin);
  }

  function authorLabel(m) {
    if (m.authorType === 'client') return s.you;
    if (m.authorType === 'operator') return m.authorName || s.operator;
    if (m.authorType === 'bot') return m.authorName || s.bot;
    return '';
  }

  function element(m, isPending) {
    var li = document.createElement('li');
    li.className = 'msg msg--' + m.authorType + (isPending ? ' msg--pending' : '');
    if (m.authorType !== 'system') {
      var meta = document.createElement('span');
      meta.className = 'msg__meta';
      meta.textContent = authorLabel(m) + (m.sentAt ? ' · ' + timeFormat.format(new Date(m.sentAt)) : '');
      li.appendChild(meta);
    }
    var body = document.createElement('span');
    body.className = 'msg__text';
    body.textContent = m.text;
    li.appendChild(body);
    var note = document.createElement('span');
    note.className = 'msg__note';
    note.textContent = isPending ? s.sending : '';
    li.appendChild(note);
    return li;
  }

  function nearBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 80; }
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  // Stored messages in id order, the client's unsent ones after them.
  function insert(li, id) {
    li.dataset.id = String(id);
    var before = null;
    for (var node = log.firstElementChild; node; node = node.nextElementSibling) {
      if (!node.dataset.id || Number(node.dataset.id) > id) { before = node; break; }
    }
    log.insertBefore(li, before);
  }

  function onMessage(m) {
    if (!m || typeof m.id !== 'number' || shown[m.id]) return;
    var preview = log.querySelector('.msg--preview');
    if (preview) preview.remove();
    var stick = nearBottom();
    var li = m.clientMessageId && pending[m.clientMessageId];
    if (!li && m.authorType === 'client') li = adoptPendingByText(m.text);
    if (li) {
      // the optimistic copy becomes the stored message
      delete pending[li.dataset.cmid];
      li.classList.remove('msg--pending', 'msg--failed');
      li.querySelector('.msg__note').textContent = '';
      li.querySelector('.msg__meta').textContent = authorLabel(m) + ' · ' + timeFormat.format(new Date(m.sentAt));
      li.remove();
    } else {
      li = element(m, false);
    }
    shown[m.id] = li;
    insert(li, m.id);
    if (m.authorType !== 'client' && !visible) toParent({ type: 'unread', count: ++unread });
    if (stick || m.authorType === 'client') scrollDown();
  }

  // The stream may deliver the stored copy before the POST answers: match it by text.
  function adoptPendingByText(text) {
    for (var cmid in pending) if (pending[cmid].querySelector('.msg__text').textContent === text) return pending[cmid];
    return null;
  }

  function addPending(cmid, text) {
    var li = element({ authorType: 'client', text: text }, true);
    li.dataset.cmid = cmid;
    pending[cmid] = li;
    log.appendChild(li);
    scrollDown();
  }

  function renderStatus() {
    var text = '';
    if (connection !== 'online' && client.hasDialog()) text = connection === 'connecting' ? s.connecting : s.reconnecting;
    else if (dialogState.status === 'closed') text = s.closed;
    else if (dialogState.waitingForOperator) text = s.waitingForOperator;
    statusLine.textContent = text;
    statusLine.hidden = !text;
  }

  var client = window.createChatClient(config, {
    message: onMessage,
    state: function (state) { dialogState = state; renderStatus(); },
    connection: function (value) {
      // "connecting" until the stream has been up once, "reconnecting" after
      if (value === 'online') everOnline = true;
      connection = value === 'online' ? 'online' : everOnline ? 'reconnecting' : 'connecting';
      renderStatus();
    },
    sent: function () {},
    failed: function (cmid, error) {
      var li = pending[cmid];
      if (!li) return;
      var note = li.querySelector('.msg__note');
      if (error && error.retrying) {
        note.textContent = s.rateLimited;
        return;
      }
      li.classList.add('msg--failed');
      note.textContent = s.notSent + (error && error.error === 'message_too_long' ? ': ' + s.tooLong : '');
    },
    dialog: function () {},
  });

  function showGreetingPreview() {
    if (!config.greeting || client.hasDialog()) return;
    var li = element({ authorType: 'bot', text: config.greeting }, false);
    li.classList.add('msg--preview');
    log.appendChild(li);
  }

  // A session the server could not start now (busy, offline) is retried with a growing delay.
  var startDelay = 1000;
  var startTimer = null;
  function start() {
    clearTimeout(startTimer);
    client.start().then(function () { startDelay = 1000; }, function () {
      startTimer = setTimeout(start, startDelay);
      startDelay = Math.min(startDelay * 2, 30000);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    if (Array.from(text).length > config.maxMessageLength) {
      statusLine.textContent = s.tooLong;
      statusLine.hidden = false;
      return;
    }
    addPending(client.send(text), text);
    input.value = '';
    input.focus();
  });
  input.addEventListener('keydown', function (event) {
    // Enter sends, Shift+Enter starts a new line
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  // The inline window starts the dialogue when the visitor turns to it, not on page load: a new
  // dialogue stores the greeting, which is a paid message.
  input.addEventListener('focus', function () { if (!launcher) start(); });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && launcher) toParent({ type: 'close' });
  });
  closeButton.addEventListener('click', function () { toParent({ type: 'close' }); });

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || window.parent === window) return;
    var allowed = event.origin === location.origin || config.allowedOrigins.indexOf(event.origin) >= 0;
    if (!allowed) return;
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'hello') {
      parentOrigin = event.origin;
      toParent({ type: 'ready' });
    } else if (event.origin !== parentOrigin) {
      return; // everything else only after a hello from this same origin
    } else if (data.type === 'open') {
      visible = true;
      unread = 0;
      start();
      if (data.focus) input.focus();
    } else if (data.type === 'hidden') {
      visible = false;
    } else if (data.type === 'page' && typeof data.url === 'string' && sameOrigin(data.url, parentOrigin)) {
      client.visit({ url: data.url, title: typeof data.title === 'string' ? data.title : null, at: data.at });
    }
  });

  showGreetingPreview();
  client.pending().forEach(function (item) { addPending(item.id, item.text); });
  client.resume().catch(function () {});
  if (client.pending().length) client.flush();
  renderStatus();
})();
