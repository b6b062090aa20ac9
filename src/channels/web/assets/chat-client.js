// The chat window's connection to the server: the client id, the dialogue, an outbox of messages
// and page visits kept in localStorage, and the live event stream. Nothing is lost or doubled
// across network failures and reloads: each message has its own id (the server stores it once),
// the outbox is retried until the server has it, and the event stream resumes after the last
// message id seen (the server replays what was missed).
(function () {
  'use strict';

  function randomId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  // localStorage may be blocked (privacy settings): then the state lives as long as the page.
  function storage(key) {
    var memory = null;
    return {
      load: function () {
        try {
          return JSON.parse(localStorage.getItem(key) || 'null');
        } catch (e) {
          return memory;
        }
      },
      save: function (value) {
        memory = value;
        try {
          localStorage.setItem(key, JSON.stringify(value));
        } catch (e) { /* kept in memory only */ }
      },
    };
  }

  var sleep = function (ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); };
  var MAX_VISITS = 20;
  var DAY = 24 * 60 * 60 * 1000;

  /**
   * handlers: message(m), state({status, waitingForOperator}), connection('offline'|'connecting'|'online'),
   * sent(clientMessageId, message), failed(clientMessageId, error), dialog(dialogId)
   */
  function createChatClient(config, handlers) {
    var store = storage('chatsWidget:' + config.publicKey);
    var state = store.load() || {};
    if (typeof state.clientId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(state.clientId)) state = { clientId: randomId() };
    state.outbox = Array.isArray(state.outbox) ? state.outbox : [];
    state.visits = Array.isArray(state.visits) ? state.visits : [];
    store.save(state);

    var lastId = 0;
    var source = null;
    var reconnectDelay = 1000;
    var reconnectTimer = null;
    var flushing = false;
    var flushTimer = null;
    var sessionPromise = null;
    // the body of the last session refusal (4xx but 429): retrying cannot help, the outbox gives up
    var sessionRefusal = null;

    function save() { store.save(state); }

    function request(path, body) {
      return fetch(config.apiBase + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { status: response.status, data: data, retryAfter: Number(response.headers.get('Retry-After')) || 2 };
        });
      });
    }

    /** Resumes (or with create, starts) the dialogue; resolves to its id or null. */
    function session(create) {
      if (sessionPromise) return sessionPromise;
      sessionPromise = request('/session', { clientId: state.clientId, create: !!create }).then(function (r) {
        if (r.status >= 500 || r.status === 429) throw new Error('session ' + r.status);
        sessionRefusal = r.status >= 400 ? r.data || {} : null;
        var dialogId = r.status < 300 && r.data.dialogId ? r.data.dialogId : null;
        if (dialogId !== state.dialogId) {
          state.dialogId = dialogId;
          save();
          if (source) { source.close(); source = null; }
        }
        if (!dialogId) return null;
        handlers.dialog(dialogId);
        (r.data.messages || []).forEach(receive);
        handlers.state({ status: r.data.status, waitingForOperator: !!r.data.waitingForOperator });
        connect();
        flushVisits();
        return dialogId;
      }).finally(function () { sessionPromise = null; });
      return sessionPromise;
    }

    function receive(message) {
      if (message.id > lastId) lastId = message.id;
      handlers.message(message);
    }

    function connect() {
      clearTimeout(reconnectTimer);
      if (source || !state.dialogId) return;
      handlers.connection('connecting');
      var url = config.apiBase + '/events?dialogId=' + encodeURIComponent(state.dialogId) +
        '&clientId=' + encodeURIComponent(state.clientId) + '&after=' + lastId;
      var es = (source = new EventSource(url));
      es.addEventListener('open', function () {
        reconnectDelay = 1000;
        handlers.connection('online');
        flush();
        flushVisits();
      });
      es.addEventListener('message', function (event) { receive(JSON.parse(event.data)); });
      es.addEventListener('status', function (event) { handlers.state(JSON.parse(event.data)); });
      es.addEventListener('error', function () {
        // CONNECTING: the browser retries by itself, sending Last-Event-ID. CLOSED: the server
        // refused (restarting, rate limit): retry ourselves with a growing delay.
        handlers.connection(navigator.onLine === false ? 'offline' : 'connecting');
        if (es.readyState === EventSource.CLOSED && source === es) {
          source = null;
          reconnectTimer = setTimeout(connect, reconnectDelay);
          reconnectDelay = Math.min(reconnectDelay * 2, 30000);
        }
      });
    }

    /** Queues a message; resolves when it is on its way (the outbox does the sending). */
    function send(text) {
      var item = { id: randomId(), text: text };
      state.outbox.push(item);
      save();
      flush();
      return item.id;
    }

    // One message at a time, in order; a failed attempt is retried with the same id.
    async function flush() {
      if (flushing) return;
      flushing = true;
      clearTimeout(flushTimer);
      var delay = 0;
      try {
        var resets = 0;
        while (state.outbox.length) {
          var item = state.outbox[0];
          var dialogId = state.dialogId || (await session(true));
          if (!dialogId && sessionRefusal) {
            // the chat refuses this page or no longer exists: report the messages once, keep none
            var refused = state.outbox.splice(0);
            save();
            refused.forEach(function (it) { handlers.failed(it.id, sessionRefusal); });
            break;
          }
          if (!dialogId) throw new Error('no dialogue');
          var r = await request('/messages', { dialogId: dialogId, clientId: state.clientId, clientMessageId: item.id, text: item.text });
          if (r.status === 200 || r.status === 201) {
            state.outbox.shift();
            save();
            // shown now, but not counted as seen: only the stream (and the session's snapshot)
            // move `lastId`, or a message stored while the stream was down could be skipped
            handlers.sent(item.id, r.data.message);
            handlers.message(r.data.message);
            (r.data.replies || []).forEach(handlers.message);
            resets = 0;
          } else if ((r.status === 409 || r.status === 404) && resets < 2) {
            // the dialogue was closed (or removed): start a new one and send there, same message id
            resets++;
            state.dialogId = null;
            save();
            if (source) { source.close(); source = null; }
          } else if (r.status === 429) {
            handlers.failed(item.id, { error: 'rate_limited', retrying: true });
            await sleep(r.retryAfter * 1000);
          } else if (r.status >= 400 && r.status < 500) {
            // invalid: retrying cannot help
            state.outbox.shift();
            save();
            handlers.failed(item.id, r.data);
          } else {
            throw new Error('server ' + r.status);
          }
        }
      } catch (e) {
        delay = reconnectDelay;
        reconnectDelay = Math.min(reconnectDelay * 2, 30000);
      } finally {
        flushing = false;
      }
      if (delay) flushTimer = setTimeout(flush, delay);
    }

    function visit(page) {
      var last = state.visits[state.visits.length - 1];
      if (last && last.url === page.url && last.title === page.title) return;
      state.visits.push({ url: String(page.url), title: page.title ? String(page.title) : null, at: page.at || new Date().toISOString() });
      state.visits = state.visits.slice(-MAX_VISITS);
      save();
      flushVisits();
    }

    var visitsBusy = false;
    async function flushVisits() {
      if (visitsBusy || !state.dialogId) return;
      visitsBusy = true;
      try {
        while (state.visits.length && state.dialogId) {
          var v = state.visits[0];
          if (Date.now() - Date.parse(v.at) > DAY) { state.visits.shift(); continue; }
          var r = await request('/visits', { dialogId: state.dialogId, clientId: state.clientId, url: v.url, title: v.title, at: v.at });
          if (r.status === 409) break; // dialogue closed: kept for the next one
          if (r.status >= 500 || r.status === 429) break;
          state.visits.shift(); // stored, or invalid (never retried)
          save();
        }
      } catch (e) { /* offline: the next connection flushes them */ } finally {
        visitsBusy = false;
      }
    }

    window.addEventListener('online', function () {
      if (!source) connect();
      flush();
      flushVisits();
    });

    return {
      clientId: state.clientId,
      hasDialog: function () { return !!state.dialogId; },
      /** Page load: show an earlier active dialogue, without starting a new one. */
      resume: function () { return state.dialogId ? session(false) : Promise.resolve(null); },
      start: function () { return state.dialogId && source ? Promise.resolve(state.dialogId) : session(true); },
      send: send,
      visit: visit,
      pending: function () { return state.outbox.slice(); },
      flush: flush,
    };
  }

  window.createChatClient = createChatClient;
})();
