/* gkg explore, part 3 of 7: the search box. An <input type="search"> (a combobox) that
 * finds entities by English or Korean name, id or alias, ignoring spacing and case, lists
 * matches as one types (arrow keys move, Enter chooses, Escape closes) and, on Enter,
 * selects and centres the best match. Searches the whole graph when the page has it. */
(function () {
  "use strict";
  var X = window.gkgExplore;
  var el = X.el;
  var MAX_MATCHES = 12;

  /** The search index over the drawn records and the whole graph's (each id once). */
  function buildIndex(S) {
    var index = [];
    var seen = {};
    function add(id, rec) {
      if (seen[id]) { return; }
      seen[id] = true;
      var keys = [id, rec.name, rec.nameKo].concat(rec.aliases || []);
      index.push({
        id: id, size: rec.size || 0,
        keys: keys.filter(function (k) { return k; }).map(X.normalise)
      });
    }
    var data = S.data;
    Object.keys(data.nodes || {}).forEach(function (id) { add(id, data.nodes[id]); });
    if (S.whole && S.whole.nodes) {
      Object.keys(S.whole.nodes).forEach(function (id) { add(id, S.whole.nodes[id]); });
    }
    return index;
  }

  /** Best matches first: exact, then prefix, then anywhere; bigger nodes first. */
  function finder(S) {
    var index = buildIndex(S);
    return function search(text) {
      var q = X.normalise(text);
      if (!q) { return []; }
      var found = [];
      index.forEach(function (entry) {
        var best = 9;
        entry.keys.forEach(function (k) {
          var at = k.indexOf(q);
          var score = k === q ? 0 : at === 0 ? 1 : at > 0 ? 2 : 9;
          if (score < best) { best = score; }
        });
        if (best < 9) { found.push({ id: entry.id, score: best, size: entry.size }); }
      });
      found.sort(function (a, b) {
        return a.score - b.score || b.size - a.size || (S.name(a.id) < S.name(b.id) ? -1 : 1);
      });
      return found.slice(0, MAX_MATCHES);
    };
  }

  function searchBox(S) {
    var t = S.t;
    var search = finder(S);
    var box = el("div", "gkg-search");
    box.setAttribute("role", "search");
    var label = el("label", "gkg-sr", t.search);
    label.htmlFor = "gkg-search";
    var input = el("input");
    input.type = "search";
    input.id = "gkg-search";
    input.placeholder = t.searchHint;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "gkg-matches");
    var list = el("ul", "gkg-matches");
    list.id = "gkg-matches";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", t.matches);
    list.hidden = true;
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(list);

    var matches = [];
    var active = -1;
    function closeList() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function setActive(i) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      active = (i + items.length) % items.length;
      for (var k = 0; k < items.length; k++) {
        items[k].setAttribute("aria-selected", k === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    function option(m, i) {
      var rec = S.nodeRec(m.id) || {};
      var li = el("li", "gkg-option");
      li.id = "gkg-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.appendChild(S.symbol(rec.label));
      li.appendChild(el("span", "nm", S.name(m.id)));
      var other = S.lang === "ko" ? rec.name : rec.nameKo;
      if (other && other !== S.name(m.id)) { li.appendChild(el("span", "alt", other)); }
      var meta = S.labelName(rec.label) + (S.nodes.get(m.id) ? "" : " \u00b7 " + t.notShown);
      li.appendChild(el("span", "meta", meta));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
      li.addEventListener("click", function () { choose(i); });
      return li;
    }
    function renderList() {
      matches = search(input.value);
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!input.value.trim()) { closeList(); return; }
      if (!matches.length) { list.appendChild(el("li", "gkg-empty", t.none)); }
      matches.forEach(function (m, i) { list.appendChild(option(m, i)); });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function choose(i) {
      var m = matches[i < 0 ? 0 : i];
      if (!m) { return; }
      closeList();
      S.selectNode(m.id, { centre: true });
    }
    input.addEventListener("input", renderList);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (list.hidden) { renderList(); }
        setActive(active + (ev.key === "ArrowDown" ? 1 : active < 0 ? 0 : -1));
        ev.preventDefault();
      } else if (ev.key === "Enter") {
        if (list.hidden || !matches.length) { matches = search(input.value); }
        choose(active);
        ev.preventDefault();
      } else if (ev.key === "Escape") {
        if (!list.hidden) { closeList(); ev.stopPropagation(); ev.preventDefault(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(closeList, 150); });
    S.input = input;
    S.search = search;
    return box;
  }

  X.searchBox = searchBox;
})();
