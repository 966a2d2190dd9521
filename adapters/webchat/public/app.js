// The web chat client: plain browser JavaScript, no build step, no inline script (the CSP forbids
// it). A session token from POST /webchat/sessions is kept in localStorage, so a reload brings the
// history back; replies arrive live over Server-Sent Events (read with fetch, which can send the
// token), with polling as the fallback. UI texts come from /webchat/config (knowledge/webchat.yaml).
(function () {
  'use strict';
  var RTL = { fa: true, ar: true, he: true, ur: true };
  var $ = function (id) {
    return document.getElementById(id);
  };
  var log = $('log');
  var input = $('input');
  var typing = $('typing');
  var embedded = window.parent !== window;
  var config = null;
  // The conversation's language (a configured locale) and the texts shown: the locale, or its
  // Latin variant (sr-Latn) while the customer writes Serbian in Latin.
  var locale = null;
  var uiKey = null;
  // A language the customer picked: sent with every message, it wins over detection.
  var picked = localStorage.getItem('aftercare.locale');
  var token = localStorage.getItem('aftercare.token');
  var cursor = 0;
  var shown = {};
  var inFlight = 0;

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

  var PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
  function asciiDigits(text) {
    return text.replace(/[۰-۹]/g, function (d) {
      return String(PERSIAN.indexOf(d));
    });
  }

  // Links: Markdown [text](url), bare https URLs, and phone numbers (tel:, never wrapped).
  function inline(text) {
    var links = [];
    var keep = function (html) {
      links.push(html);
      return '\u0000' + (links.length - 1) + '\u0000';
    };
    var out = escapeHtml(text)
      .replace(
        /\[([^\]]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+|tel:[^\s)]+)\)/g,
        function (_, label, url) {
          return keep(
            '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + label + '</a>',
          );
        },
      )
      .replace(/https?:\/\/[^\s<)]+[^\s<).,;:!?]/g, function (url) {
        return keep(
          '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + url + '</a>',
        );
      })
      .replace(/\+?[0-9۰-۹][0-9۰-۹ \-]{5,}[0-9۰-۹]/g, function (number) {
        var digits = asciiDigits(number).replace(/[^0-9+]/g, '');
        if (digits.replace('+', '').length < 7) return number;
        return keep('<a class="tel" href="tel:' + digits + '">' + number + '</a>');
      })
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
    return out.replace(/\u0000(\d+)\u0000/g, function (_, index) {
      return links[Number(index)];
    });
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

  function t(key) {
    return (config.texts[uiKey] || config.texts[locale])[key];
  }

  function baseOf(key) {
    return key.split('-')[0];
  }

  // Which script a text is in (Cyrillic or Latin letters), ignoring links and words with digits.
  function scriptOf(text) {
    var words = text.replace(/\S*(?:[\/:@]|\d)\S*/g, ' ');
    var cyrillic = (words.match(/[\u0400-\u04ff]/g) || []).length;
    var latin = (words.match(/[A-Za-z\u00c0-\u024f]/g) || []).length;
    if (cyrillic === 0 && latin === 0) return null;
    return latin > cyrillic ? 'latin' : 'cyrillic';
  }

  function time(at) {
    return new Intl.DateTimeFormat(uiKey || locale, { hour: '2-digit', minute: '2-digit' }).format(
      at ? new Date(at) : new Date(),
    );
  }

  function addMessage(who, text, replyLocale, at, staffName) {
    var item = document.createElement('li');
    item.className = 'message message--' + who;
    item.setAttribute('dir', replyLocale ? (RTL[replyLocale] ? 'rtl' : 'ltr') : 'auto');
    if (replyLocale) item.setAttribute('lang', replyLocale);
    if (staffName) {
      item.classList.add('message--staff');
      var name = document.createElement('p');
      name.className = 'message__sender';
      name.textContent = t('staff').replace('{name}', staffName);
      item.appendChild(name);
    }
    var body = document.createElement('div');
    body.className = 'message__text';
    if (who === 'bot') body.innerHTML = renderMarkdown(text);
    else body.textContent = text;
    item.appendChild(body);
    var stamp = document.createElement('time');
    stamp.className = 'message__time';
    stamp.textContent = time(at);
    if (at) stamp.setAttribute('datetime', at);
    item.appendChild(stamp);
    log.appendChild(item);
    item.scrollIntoView({ block: 'end' });
    return item;
  }

  function addChoices(item, choices, onPick) {
    var box = document.createElement('div');
    box.className = 'choices';
    choices.forEach(function (choice) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'choice';
      button.textContent = choice.label;
      if (choice.id) button.setAttribute('data-choice', choice.id);
      button.addEventListener('click', function () {
        Array.prototype.forEach.call(box.querySelectorAll('button'), function (b) {
          b.disabled = true;
        });
        onPick(choice);
      });
      box.appendChild(button);
    });
    item.insertBefore(box, item.lastChild);
    item.scrollIntoView({ block: 'end' });
  }

  function showItem(item) {
    if (shown[item.id]) return;
    shown[item.id] = true;
    cursor = Math.max(cursor, item.id);
    var reply = item.reply;
    follow(reply);
    var element = addMessage('bot', reply.text, reply.locale, item.at, reply.staffName);
    if (reply.readMore && /^(https?:\/\/|\/(?!\/))/.test(reply.readMore.url)) {
      var more = document.createElement('a');
      more.className = 'message__more';
      more.href = reply.readMore.url;
      more.target = '_blank';
      more.rel = 'noopener noreferrer';
      more.textContent = reply.readMore.label;
      element.querySelector('.message__text').appendChild(more);
    }
    element.setAttribute('data-kind', reply.kind);
    element.setAttribute('data-id', String(item.id));
    if (reply.choices && reply.choices.length)
      addChoices(element, reply.choices, function (choice) {
        send({ text: choice.label, choiceId: choice.id });
      });
  }

  function api(method, path, body) {
    var headers = { authorization: 'Bearer ' + token };
    if (body) headers['content-type'] = 'application/json';
    return fetch(path, {
      method: method,
      headers: headers,
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || 'request failed');
          error.status = response.status;
          throw error;
        }
        if (data.token) {
          token = data.token;
          localStorage.setItem('aftercare.token', token);
        }
        return data;
      });
    });
  }

  function startSession() {
    return fetch('/webchat/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: locale }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        token = data.token;
        localStorage.setItem('aftercare.token', token);
      });
  }

  function welcome() {
    var item = addMessage('bot', t('welcome'), uiKey, null, null);
    // Not a reply of the bot's: tests and screen readers count replies by .message--bot.
    item.className = 'message message--welcome';
    addChoices(
      item,
      t('starters').map(function (label) {
        return { label: label };
      }),
      function (choice) {
        send({ text: choice.label });
      },
    );
  }

  function setTyping(on) {
    typing.hidden = !on;
    if (on) typing.scrollIntoView({ block: 'end' });
  }

  function send(message) {
    addMessage('user', message.text, null, null, null);
    var body = { messageId: 'm-' + randomId(), text: message.text, locale: locale };
    if (picked) body.chosenLocale = baseOf(picked);
    if (message.choiceId) body.choiceId = message.choiceId;
    inFlight += 1;
    setTyping(true);
    return api('POST', '/webchat/messages', body)
      .then(function (data) {
        data.items.forEach(showItem);
      })
      .catch(function (error) {
        var item = addMessage(
          'bot',
          error.status === 429 ? t('rateLimited') : t('error'),
          locale,
          null,
          null,
        );
        item.classList.add('message--error');
      })
      .then(function () {
        inFlight -= 1;
        setTyping(inFlight > 0);
      });
  }

  // Live replies: an SSE stream read with fetch (EventSource cannot send the token).
  function listen() {
    var buffer = '';
    var headers = { authorization: 'Bearer ' + token, 'last-event-id': String(cursor) };
    fetch('/webchat/events', { headers: headers })
      .then(function (response) {
        if (!response.ok || !response.body) throw new Error('no stream');
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        function read() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('stream ended');
            buffer += decoder.decode(chunk.value, { stream: true });
            var events = buffer.split('\n\n');
            buffer = events.pop();
            events.forEach(function (event) {
              var data = /^data: (.*)$/m.exec(event);
              if (data) showItem(JSON.parse(data[1]));
            });
            return read();
          });
        }
        return read();
      })
      .catch(function () {
        poll();
        setTimeout(listen, 3000);
      });
  }

  function poll() {
    if (inFlight > 0) return;
    api('GET', '/webchat/updates?after=' + cursor)
      .then(function (data) {
        data.items.forEach(showItem);
      })
      .catch(function () {
        /* offline for a moment: the next try repeats it */
      });
  }

  // The UI follows the conversation: the language of the replies and, in Serbian, their script.
  function follow(reply) {
    if (!reply.locale || !config.texts[reply.locale]) return;
    var key = reply.locale;
    var latin = reply.locale + '-Latn';
    if (config.texts[latin]) {
      var script = scriptOf(reply.text);
      if (script === 'latin' || (script === null && uiKey === latin)) key = latin;
    }
    if (key !== uiKey) setLocale(key);
  }

  function setLocale(key) {
    uiKey = key;
    locale = baseOf(key);
    $('language').value = key;
    applyTexts();
  }

  function applyTexts() {
    var rtl = !!RTL[locale];
    document.documentElement.lang = uiKey;
    document.documentElement.dir = rtl ? 'rtl' : 'ltr';
    $('title').textContent = config.name || t('title');
    $('subtitle').textContent = t('subtitle');
    $('input-label').textContent = t('inputLabel');
    $('language-label').textContent = t('language');
    input.placeholder = t('placeholder');
    $('send').textContent = t('send');
    $('close').setAttribute('aria-label', t('closeChat'));
    typing.textContent = t('typing');
    document.title = config.name || t('title');
  }

  // The picked language, else the browser's first configured one (sr-Latn-RS: Serbian in Latin).
  function pickLocale() {
    var wanted = [picked].concat(navigator.languages || [navigator.language]).filter(Boolean);
    for (var i = 0; i < wanted.length; i++) {
      var parts = wanted[i].split('-');
      var base = parts[0].toLowerCase();
      if (config.locales.indexOf(base) < 0) continue;
      var latin = parts.slice(1).some(function (part) {
        return part.toLowerCase() === 'latn';
      });
      return latin && config.texts[base + '-Latn'] ? base + '-Latn' : base;
    }
    return config.defaultLocale;
  }

  function setUp() {
    var picker = $('language');
    config.locales.forEach(function (code) {
      [code, code + '-Latn'].forEach(function (key) {
        if (!config.texts[key]) return;
        var option = document.createElement('option');
        option.value = key;
        option.textContent = new Intl.DisplayNames([key], { type: 'language' }).of(key);
        option.lang = key;
        picker.appendChild(option);
      });
    });
    setLocale(pickLocale());
    picker.addEventListener('change', function () {
      picked = picker.value;
      localStorage.setItem('aftercare.locale', picked);
      setLocale(picked);
      welcome();
    });
    if (config.logoUrl) {
      $('logo').src = config.logoUrl;
      $('logo').hidden = false;
    }
    if (embedded) {
      $('close').hidden = false;
      $('close').addEventListener('click', function () {
        window.parent.postMessage({ aftercare: 'close' }, '*');
      });
      window.parent.postMessage(
        {
          aftercare: 'ready',
          label: t('openChat'),
          title: config.name || t('title'),
          colour: getComputedStyle(document.documentElement).getPropertyValue('--user').trim(),
        },
        '*',
      );
    }
    $('form').addEventListener('submit', function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = '';
      send({ text: text });
    });
  }

  function restore() {
    return api('GET', '/webchat/history').then(function (data) {
      var lines = data.customer.map(function (line) {
        return { at: line.at, customer: line.text };
      });
      var all = lines.concat(data.items).sort(function (a, b) {
        return a.at < b.at ? -1 : a.at > b.at ? 1 : a.customer ? -1 : 1;
      });
      if (all.length === 0) welcome();
      all.forEach(function (entry) {
        if (entry.customer !== undefined) addMessage('user', entry.customer, null, entry.at, null);
        else showItem(entry);
      });
    });
  }

  fetch('/webchat/config')
    .then(function (response) {
      return response.json();
    })
    .then(function (data) {
      config = data;
      setUp();
      return token ? restore() : Promise.reject(new Error('no session'));
    })
    .catch(function () {
      return startSession().then(welcome);
    })
    .then(listen);
})();
