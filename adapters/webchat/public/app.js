// The web chat client: plain browser JavaScript, no build step. Renders the bot's Markdown subset
// safely (text is escaped first), lays right-to-left answers out right to left, and polls for
// replies that arrive later (a colleague's answer after a hand-off).
(function () {
  'use strict';
  var RTL = { fa: true, ar: true, he: true, ur: true };
  var log = document.getElementById('log');
  var form = document.getElementById('form');
  var input = document.getElementById('input');
  var conversationId = localStorage.getItem('aftercare.conversation');
  if (!conversationId) {
    conversationId = 'web-' + randomId();
    localStorage.setItem('aftercare.conversation', conversationId);
  }
  var cursor = 0;
  var inFlight = 0;
  var started = false;

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      })
      .join('');
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function inline(text) {
    return escapeHtml(text)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(
        /\[([^\]]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+|tel:[^\s)]+)\)/g,
        '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>',
      );
  }

  function renderMarkdown(text) {
    var html = [];
    var list = null;
    text.split('\n').forEach(function (line) {
      var bullet = /^\s*[-*]\s+(.*)$/.exec(line);
      var numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      var item = bullet || numbered;
      var kind = bullet ? 'ul' : numbered ? 'ol' : null;
      if (list && kind !== list) {
        html.push('</' + list + '>');
        list = null;
      }
      if (item) {
        if (!list) {
          list = kind;
          html.push('<' + kind + '>');
        }
        html.push('<li>' + inline(item[1]) + '</li>');
      } else if (line.trim() !== '') {
        html.push('<p>' + inline(line) + '</p>');
      }
    });
    if (list) html.push('</' + list + '>');
    return html.join('');
  }

  function addMessage(who, text, locale) {
    var item = document.createElement('li');
    item.className = 'message message--' + who;
    item.setAttribute('dir', locale ? (RTL[locale] ? 'rtl' : 'ltr') : 'auto');
    if (locale) item.setAttribute('lang', locale);
    if (who === 'bot') item.innerHTML = renderMarkdown(text);
    else item.textContent = text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function showReply(reply) {
    var item = addMessage('bot', reply.text, reply.locale);
    item.setAttribute('data-kind', reply.kind);
    if (reply.choices && reply.choices.length) {
      var box = document.createElement('div');
      box.className = 'choices';
      reply.choices.forEach(function (choice) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'choice';
        button.textContent = choice.label;
        button.setAttribute('data-choice', choice.id);
        button.addEventListener('click', function () {
          Array.prototype.forEach.call(box.querySelectorAll('button'), function (b) {
            b.disabled = true;
          });
          send({ text: choice.label, choiceId: choice.id });
        });
        box.appendChild(button);
      });
      item.appendChild(box);
    }
  }

  function send(message) {
    addMessage('user', message.text, null);
    var body = {
      conversationId: conversationId,
      messageId: 'm-' + randomId(),
      text: message.text,
      locale: navigator.language || undefined,
    };
    if (message.choiceId) body.choiceId = message.choiceId;
    inFlight += 1;
    return fetch('/webchat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || 'request failed');
          return data;
        });
      })
      .then(function (data) {
        cursor = Math.max(cursor, data.cursor || 0);
        data.replies.forEach(showReply);
      })
      .catch(function () {
        addMessage('bot', 'Sorry, the message could not be sent. Please try again.', 'en');
      })
      .then(function () {
        inFlight -= 1;
      });
  }

  function poll() {
    if (inFlight > 0) {
      setTimeout(poll, 1000);
      return;
    }
    fetch(
      '/webchat/updates?conversationId=' + encodeURIComponent(conversationId) + '&after=' + cursor,
    )
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (inFlight === 0 && data && data.cursor > cursor) {
          // The first poll only learns where the conversation is; later ones show what a
          // colleague or a follow-up sent since.
          if (started) data.replies.forEach(showReply);
          cursor = data.cursor;
        }
        started = true;
      })
      .catch(function () {
        /* offline for a moment: the next poll tries again */
      })
      .then(function () {
        setTimeout(poll, 3000);
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text: text });
  });
  poll();
})();
