// The site's search: every operation and callback by its path, its title (Chinese included) or a field name. The index
// (search-index.js, written with the operation pages) is loaded by a script tag, which works from the file system as well
// as from a host; docfx's own search needs a host and does not split Chinese text.
(function () {
  var navrel = document.querySelector('meta[property="docfx:navrel"]');
  var rel = navrel ? navrel.getAttribute('content').replace(/toc\.json$/, '') : '';
  var script = document.createElement('script');
  script.src = rel + 'search-index.js';
  script.onload = ready;
  document.head.appendChild(script);

  function ready() {
    var entries = (window.wxpaySearchIndex || []).map(function (e) {
      return { entry: e, text: (e.path + ' ' + e.title + ' ' + e.fields).toLowerCase() };
    });
    var form = document.getElementById('search');
    var input = document.getElementById('search-query');
    if (!form || !input) return;
    form.style.display = 'block';
    input.setAttribute('placeholder', 'Search: path, 标题, field');
    var results = document.createElement('div');
    results.id = 'wxpay-search-results';
    results.className = 'container';
    var main = document.querySelector('[role="main"]');
    main.parentNode.insertBefore(results, main);

    function show(query) {
      var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
      var hiding = terms.length > 0;
      Array.prototype.forEach.call(document.querySelectorAll('.hide-when-search'), function (el) { el.style.display = hiding ? 'none' : ''; });
      results.style.display = hiding ? 'block' : 'none';
      if (!hiding) return;
      var whole = terms.join(' ');
      var hits = entries.filter(function (e) { return terms.every(function (t) { return e.text.indexOf(t) >= 0; }); })
        .map(function (e) {
          var path = e.entry.path.toLowerCase(), title = e.entry.title.toLowerCase();
          return { e: e.entry, rank: path.indexOf(whole) >= 0 ? 0 : title.indexOf(whole) >= 0 ? 1 : 2 };
        })
        .sort(function (a, b) { return a.rank - b.rank || (a.e.path < b.e.path ? -1 : a.e.path > b.e.path ? 1 : 0); });
      results.innerHTML = '';
      var heading = document.createElement('p');
      heading.className = 'wxpay-search-count';
      heading.textContent = hits.length + (hits.length === 1 ? ' result' : ' results') + ' for "' + query.trim() + '"' + (hits.length > 100 ? ', the first 100:' : '');
      results.appendChild(heading);
      var list = document.createElement('ul');
      hits.slice(0, 100).forEach(function (hit) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = rel + hit.e.url;
        var code = document.createElement('code');
        code.textContent = hit.e.path;
        link.appendChild(code);
        item.appendChild(link);
        item.appendChild(document.createTextNode(' ' + hit.e.title));
        list.appendChild(item);
      });
      results.appendChild(list);
    }

    input.addEventListener('input', function () { show(input.value); });
    form.addEventListener('submit', function (event) { event.preventDefault(); show(input.value); });
    input.addEventListener('keydown', function (event) { if (event.key === 'Escape') { input.value = ''; show(''); } });
    var query = new URLSearchParams(window.location.search).get('q');
    if (query) { input.value = query; show(query); }
  }
})();
