/* The report index's search: finds entities, facts (properties, relationships, quotes)
 * and sources as one types, ignoring spacing and case, and lists them as links. The
 * entries come from the page's gkg-search-data block; results are built with textContent. */
(function () {
  "use strict";
  var MAX = 50;
  var entries = JSON.parse(document.getElementById("gkg-search-data").textContent);
  var input = document.getElementById("site-search");
  var list = document.getElementById("site-search-results");
  var status = document.getElementById("site-search-status");
  function normalise(text) {
    var s = String(text == null ? "" : text);
    if (s.normalize) { s = s.normalize("NFKC"); }
    return s.toLowerCase().replace(/[\s\-_.·・]+/g, "");
  }
  var RANK = { entity: 0, fact: 1, source: 2 };
  var index = entries.map(function (e) {
    return { e: e, title: normalise(e.t), rest: normalise(e.q) };
  });
  function find(text) {
    var q = normalise(text);
    if (!q) { return []; }
    var found = [];
    index.forEach(function (item) {
      var at = item.title.indexOf(q);
      var score = at === 0 ? 0 : at > 0 ? 1 : item.rest.indexOf(q) >= 0 ? 2 : -1;
      if (score >= 0) { found.push({ e: item.e, score: score }); }
    });
    found.sort(function (a, b) {
      return (RANK[a.e.k] - RANK[b.e.k]) || (a.score - b.score) || (a.e.t < b.e.t ? -1 : 1);
    });
    return found;
  }
  function render() {
    var found = find(input.value);
    list.textContent = "";
    found.slice(0, MAX).forEach(function (f) {
      var li = document.createElement("li");
      li.className = "hit " + f.e.k;
      var a = document.createElement("a");
      a.href = f.e.h;
      a.textContent = f.e.t;
      li.appendChild(a);
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " · " + f.e.s;
      li.appendChild(kind);
      list.appendChild(li);
    });
    if (!input.value.trim()) { status.textContent = ""; return; }
    status.textContent = found.length === 0 ? "Nothing matches." :
      found.length + (found.length === 1 ? " match" : " matches") +
      (found.length > MAX ? "; the first " + MAX + " are listed." : ".");
  }
  input.addEventListener("input", render);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { first.click(); }
      ev.preventDefault();
    }
  });
})();
