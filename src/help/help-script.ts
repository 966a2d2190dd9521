/**
 * The help pages' only script, and an optional one: suggestions under the search box as the
 * customer types, from /help/search.json. Without it the form submits to /help/search.
 */
export const helpScript = `(function () {
  var input = document.getElementById('q');
  var list = document.getElementById('suggestions');
  if (!input || !list || !window.fetch) return;
  var form = input.form, timer = null, asked = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim(), id = ++asked;
      if (q.length < 2) { list.textContent = ''; return; }
      var url = input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q) + '&locale=' + encodeURIComponent(form.elements.locale.value);
      fetch(url).then(function (r) { return r.json(); }).then(function (data) {
        if (id !== asked) return;
        list.textContent = '';
        data.results.forEach(function (hit) {
          var li = document.createElement('li'), a = document.createElement('a');
          a.href = hit.url; a.textContent = hit.title; li.appendChild(a); list.appendChild(li);
        });
      }).catch(function () {});
    }, 150);
  });
  document.addEventListener('click', function (event) {
    var target = event.target.closest && event.target.closest('[data-open-chat]');
    // window.AftercareWidget comes from /webchat/widget.js (adapters/webchat/public); without it
    // the link goes to the chat page.
    var widget = window.AftercareWidget;
    if (target && widget && typeof widget.open === 'function') { event.preventDefault(); widget.open(); }
  });
})();
`;
