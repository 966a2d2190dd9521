// The embed: one <script src="https://bot.example.com/webchat/widget.js" async></script> on any
// page adds a launcher button and the chat in an iframe served by the bot, and
// window.AftercareWidget.open() for the page's own "chat with us" buttons. An iframe, not shadow
// DOM: the chat runs on the bot's origin, so the host page's scripts cannot read the session token
// or the conversation, its CSS cannot leak in, the bot's CSP applies, and frame-ancestors
// (webchat.allowedOrigins) decides which sites may show it.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__aftercareWidget) return;
  window.__aftercareWidget = true;
  var base = new URL(script.src, location.href);
  var origin = base.origin;

  function css(element, rules) {
    Object.keys(rules).forEach(function (name) {
      element.style.setProperty(name, rules[name]);
    });
  }

  var frame = document.createElement('iframe');
  frame.src = origin + '/webchat/frame';
  frame.title = 'Chat';
  frame.setAttribute('data-aftercare', 'chat');
  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.setAttribute('data-aftercare', 'launcher');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-label', 'Chat');
  // A speech bubble drawn as SVG: an emoji needs a colour-emoji font the visitor may not have.
  var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  var bubble = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  bubble.setAttribute(
    'd',
    'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  );
  bubble.setAttribute('fill', 'currentColor');
  svg.appendChild(bubble);
  launcher.appendChild(svg);

  var phone = window.matchMedia('(max-width: 480px)');
  function place() {
    css(
      frame,
      phone.matches
        ? { position: 'fixed', inset: '0', width: '100%', height: '100%', 'border-radius': '0' }
        : {
            position: 'fixed',
            right: '20px',
            bottom: '92px',
            width: '380px',
            height: 'min(640px, calc(100vh - 112px))',
            'border-radius': '14px',
          },
    );
  }
  css(frame, {
    border: '0',
    'z-index': '2147483646',
    'box-shadow': '0 8px 32px rgba(0,0,0,.25)',
    background: '#fff',
    display: 'none',
  });
  css(launcher, {
    position: 'fixed',
    right: '20px',
    bottom: '20px',
    width: '60px',
    height: '60px',
    'border-radius': '50%',
    border: '0',
    cursor: 'pointer',
    display: 'flex',
    'align-items': 'center',
    'justify-content': 'center',
    background: '#0b63c5',
    color: '#fff',
    'z-index': '2147483647',
    'box-shadow': '0 4px 16px rgba(0,0,0,.3)',
  });
  place();
  if (phone.addEventListener) phone.addEventListener('change', place);

  function toggle(open) {
    frame.style.display = open ? 'block' : 'none';
    launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
    // On a phone the chat covers the page; the launcher would cover the send button.
    launcher.style.display = open && phone.matches ? 'none' : 'flex';
    if (open) frame.focus();
    else launcher.focus();
  }
  launcher.addEventListener('click', function () {
    toggle(frame.style.display === 'none');
  });
  // The page's own buttons can open the chat too (the help centre's "Chat with us"):
  // window.AftercareWidget.open() / .close() / .isOpen().
  window.AftercareWidget = {
    open: function () {
      toggle(true);
    },
    close: function () {
      toggle(false);
    },
    isOpen: function () {
      return frame.style.display !== 'none';
    },
  };
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !event.data || typeof event.data !== 'object') return;
    if (event.data.aftercare === 'close') toggle(false);
    if (event.data.aftercare === 'ready') {
      launcher.setAttribute('aria-label', String(event.data.label));
      frame.title = String(event.data.title);
      if (/^#[0-9a-f]{6}$/i.test(String(event.data.colour)))
        launcher.style.background = event.data.colour;
    }
  });
  function mount() {
    document.body.appendChild(frame);
    document.body.appendChild(launcher);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
