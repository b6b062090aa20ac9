// The chat widget loader (/widget.js), run on the customer's page. The frame code sets
// `window.chatsWidget = { publicKey, title, widgetUrl }` before loading it. It adds a launcher
// button and the chat window in an iframe (hidden until opened), and tells the window which pages
// the visitor sees, including single-page-app navigation, so they become the dialogue's page
// visits. postMessage both ways uses the exact widget origin, and every incoming message is
// checked by origin and source; the window checks this page's origin against the chat's allowed
// origins itself (and its Content-Security-Policy refuses to be framed by any other site).
(function () {
  'use strict';
  var config = window.chatsWidget;
  if (!config || typeof config.widgetUrl !== 'string' || typeof config.publicKey !== 'string') return;
  var widgetUrl;
  try {
    widgetUrl = new URL(config.widgetUrl, document.baseURI);
  } catch (e) {
    return;
  }
  if (widgetUrl.protocol !== 'https:' && widgetUrl.protocol !== 'http:') return;
  var loaded = (window.__chatsWidgetLoaded = window.__chatsWidgetLoaded || {});
  if (loaded[config.publicKey]) return; // the snippet pasted twice
  loaded[config.publicKey] = true;

  var widgetOrigin = widgetUrl.origin;
  var ru = /^ru\b/i.test((navigator.languages && navigator.languages[0]) || navigator.language || '');
  var text = ru
    ? { open: 'Открыть чат', close: 'Закрыть чат', unread: 'непрочитанных сообщений' }
    : { open: 'Open chat', close: 'Close chat', unread: 'unread messages' };
  var title = typeof config.title === 'string' && config.title ? config.title : text.open;
  var id = 'chats-widget-' + config.publicKey.replace(/[^A-Za-z0-9_-]/g, '');
  var openKey = 'chatsWidget:open:' + config.publicKey;
  var open = false;
  var unread = 0;

  // Styles go through the CSSOM (element.style), which a host page's CSP does not restrict.
  function style(element, rules) {
    for (var name in rules) element.style[name] = rules[name];
  }

  var button = document.createElement('button');
  button.type = 'button';
  button.id = id + '-launcher';
  button.setAttribute('aria-controls', id);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-haspopup', 'dialog');
  style(button, {
    position: 'fixed', right: '20px', bottom: '20px', width: '56px', height: '56px', borderRadius: '50%',
    border: '0', padding: '0', margin: '0', background: '#3040d6', color: '#fff', cursor: 'pointer',
    boxShadow: '0 4px 14px rgba(0,0,0,.25)', zIndex: '2147483000', font: '600 14px/1 system-ui, sans-serif',
  });
  var icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '28');
  icon.setAttribute('height', '28');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  icon.appendChild(path);
  button.appendChild(icon);
  var badge = document.createElement('span');
  badge.setAttribute('aria-hidden', 'true');
  style(badge, {
    position: 'absolute', top: '-4px', right: '-4px', minWidth: '20px', height: '20px', borderRadius: '10px',
    background: '#d62f3a', color: '#fff', font: '700 12px/20px system-ui, sans-serif', display: 'none', padding: '0 5px',
  });
  button.appendChild(badge);

  var frame = document.createElement('iframe');
  frame.id = id;
  frame.title = title;
  frame.setAttribute('allow', 'clipboard-write');
  style(frame, {
    position: 'fixed', right: '20px', bottom: '88px', width: 'min(370px, calc(100vw - 24px))',
    height: 'min(560px, calc(100vh - 108px))', border: '0', borderRadius: '12px', background: '#fff',
    boxShadow: '0 8px 30px rgba(0,0,0,.25)', zIndex: '2147483000', display: 'none', colorScheme: 'normal',
  });
  var src = new URL(widgetUrl.href);
  src.searchParams.set('mode', 'launcher');
  frame.src = src.href;

  function post(message) {
    if (frame.contentWindow) frame.contentWindow.postMessage(message, widgetOrigin);
  }

  function label() {
    var name = (open ? text.close : text.open) + ': ' + title;
    button.setAttribute('aria-label', unread && !open ? name + ' (' + unread + ' ' + text.unread + ')' : name);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    badge.textContent = String(unread);
    badge.style.display = unread && !open ? 'block' : 'none';
  }

  function setOpen(value, focus) {
    open = value;
    frame.style.display = open ? 'block' : 'none';
    if (open) unread = 0;
    label();
    try {
      sessionStorage.setItem(openKey, open ? '1' : '');
    } catch (e) { /* storage blocked: the state is just not kept across pages */ }
    post({ type: open ? 'open' : 'hidden', focus: !!focus });
    if (open && focus) frame.focus();
    if (!open && focus) button.focus();
  }

  button.addEventListener('click', function () { setOpen(!open, true); });
  document.addEventListener('keydown', function (event) {
    if (open && event.key === 'Escape') setOpen(false, true);
  });

  // Page visits: the current page now, then every change of URL (history API, back/forward, hash
  // routes). The title is read a moment later: routers usually update it after the navigation.
  // A page left before that moment is reported at once, with the title it had by then.
  var lastUrl = null;
  var pendingUrl = null;
  var timer = null;
  function sendPage(url) {
    clearTimeout(timer);
    pendingUrl = null;
    if (url === lastUrl) return;
    lastUrl = url;
    post({ type: 'page', url: url, title: document.title, at: new Date().toISOString() });
  }
  function reportPage() {
    if (pendingUrl !== null && pendingUrl !== location.href) sendPage(pendingUrl);
    clearTimeout(timer);
    pendingUrl = location.href;
    timer = setTimeout(function () { sendPage(pendingUrl); }, 300);
  }
  ['pushState', 'replaceState'].forEach(function (name) {
    var original = history[name];
    if (typeof original !== 'function') return;
    history[name] = function () {
      var result = original.apply(this, arguments);
      reportPage();
      return result;
    };
  });
  window.addEventListener('popstate', reportPage);
  window.addEventListener('hashchange', reportPage);

  window.addEventListener('message', function (event) {
    // only our own window, from the widget's origin
    if (event.origin !== widgetOrigin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'ready') {
      lastUrl = null;
      reportPage();
      if (open) post({ type: 'open', focus: false });
    } else if (data.type === 'close') {
      setOpen(false, true);
    } else if (data.type === 'unread' && typeof data.count === 'number') {
      unread = open ? 0 : Math.max(0, Math.min(99, Math.floor(data.count)));
      label();
    }
  });

  // The window speaks first only after this page says hello (it learns this page's origin from
  // the hello event, checks it, and answers "ready" to exactly that origin).
  frame.addEventListener('load', function () { post({ type: 'hello' }); });

  function mount() {
    document.body.appendChild(frame);
    document.body.appendChild(button);
    label();
    var wasOpen = false;
    try {
      wasOpen = sessionStorage.getItem(openKey) === '1';
    } catch (e) { /* storage blocked */ }
    if (wasOpen) setOpen(true, false);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
