/* gkg explore, part 6 of 7: the details panel (role="region", aria-label="Details"). For a
 * node: label, names, every property with its unit, the sources with their quotes and
 * dates, inferred and superseded marks, "expand", and the relationships in and out as
 * buttons that select the other end. For a relationship: its ends, properties and sources.
 * Escape or the close button closes it and gives focus back to where it was. */
(function () {
  "use strict";
  var X = window.gkgExplore;
  var el = X.el;

  function details(S) {
    var t = S.t;
    var panel = el("section", "gkg-details");
    panel.id = "gkg-details";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Details"); // the same in every language, for tools
    panel.hidden = true;
    var returnFocus = null;

    function section(title) {
      var s = el("div", "gkg-sec");
      s.appendChild(el("h3", null, title));
      return s;
    }
    function nodeButton(id) {
      var b = el("button", "gkg-link", S.name(id));
      b.type = "button";
      b.dataset.node = id;
      if (!S.nodes.get(id)) { b.classList.add("gkg-absent"); b.title = t.notShown; }
      b.addEventListener("click", function () {
        S.selectNode(id, { centre: true, focusPanel: true });
      });
      return b;
    }
    function edgeButton(id, text) {
      var b = el("button", "gkg-link gkg-rel", text);
      b.type = "button";
      b.dataset.edge = id;
      b.addEventListener("click", function () { S.selectEdge(id, { focusPanel: true }); });
      return b;
    }
    function propsSection(rec) {
      var s = section(t.properties);
      var props = rec.properties || [];
      if (!props.length) { s.appendChild(el("p", "muted", t.noProps)); return s; }
      var table = el("table", "gkg-props");
      props.forEach(function (p) {
        var tr = el("tr");
        var th = el("th", null, p.key);
        th.scope = "row";
        tr.appendChild(th);
        var td = el("td", null, p.value);
        if (p.unit) { td.appendChild(el("span", "unit", " " + p.unit)); }
        tr.appendChild(td);
        table.appendChild(tr);
      });
      s.appendChild(table);
      return s;
    }
    function sourcesSection(rec) {
      var s = section(t.sources);
      var srcs = rec.sources || [];
      if (!srcs.length) { s.appendChild(el("p", "muted", t.noSources)); return s; }
      var ol = el("ol", "gkg-sources");
      srcs.forEach(function (src) {
        var li = el("li");
        li.appendChild(el("div", "cite", X.describeSource(src)));
        if (src.quote) { li.appendChild(el("blockquote", null, src.quote)); }
        li.appendChild(el("div", "sid", t.source + ": " + src.sourceId));
        ol.appendChild(li);
      });
      s.appendChild(ol);
      return s;
    }
    function marks(rec, into) {
      var m = rec.marks || {};
      ["inferred", "superseded"].forEach(function (k) {
        if (!m[k]) { return; }
        var text = t[k] + (typeof m[k] === "string" ? ": " + m[k] : "");
        into.appendChild(el("span", "gkg-mark gkg-" + k, text));
      });
    }
    function head(title) {
      panel.textContent = "";
      var bar = el("div", "gkg-bar");
      var words = el("div", "gkg-heading");
      words.appendChild(el("div", "gkg-kicker", t.details));
      var h = el("h2", null, title);
      h.tabIndex = -1;
      words.appendChild(h);
      bar.appendChild(words);
      var close = el("button", "gkg-close", "\u00d7");
      close.type = "button";
      close.setAttribute("aria-label", t.close);
      close.title = t.close + " (Esc)";
      close.addEventListener("click", closePanel);
      bar.appendChild(close);
      panel.appendChild(bar);
    }
    function open(how) {
      if (panel.hidden) {
        var f = document.activeElement;
        returnFocus = f && f !== document.body && !panel.contains(f) ? f : returnFocus;
      }
      panel.hidden = false;
      panel.scrollTop = 0;
      if (how && how.focusPanel) { panel.querySelector("h2").focus(); }
    }
    function chip(label) {
      var c = el("span", "gkg-chip");
      c.appendChild(S.symbol(label));
      c.appendChild(document.createTextNode(S.labelName(label)));
      return c;
    }
    function expandButton(id) {
      var fresh = S.missingNeighbours(id);
      var text = !fresh.length ? t.allShown
        : X.fill(fresh.length === 1 ? t.expand1 : t.expandN, { n: fresh.length });
      var b = el("button", "gkg-expand", text);
      b.type = "button";
      b.disabled = !fresh.length;
      b.addEventListener("click", function () {
        S.expand(id);
        var again = panel.querySelector(".gkg-expand");
        if (again) { again.focus(); }
      });
      return b;
    }
    function relationships(id) {
      var outs = [], ins = [];
      S.adjacency(id).forEach(function (eid) {
        var e = S.edgeRec(eid);
        if (e && e.from === id) { outs.push(eid); } else if (e) { ins.push(eid); }
      });
      [[t.outgoing, outs, "to"], [t.incoming, ins, "from"]].forEach(function (spec) {
        var s = section(spec[0] + " (" + spec[1].length + ")");
        if (!spec[1].length) { s.appendChild(el("p", "muted", t.none2)); }
        var ul = el("ul", "gkg-rels");
        spec[1].forEach(function (eid) {
          var e = S.edgeRec(eid);
          var li = el("li");
          li.appendChild(edgeButton(eid, e.type));
          li.appendChild(el("span", "arrow", spec[2] === "to" ? " \u2192 " : " \u2190 "));
          li.appendChild(nodeButton(e[spec[2]]));
          ul.appendChild(li);
        });
        s.appendChild(ul);
        panel.appendChild(s);
      });
    }
    function showNode(id, how) {
      var rec = S.nodeRec(id);
      head(S.name(id));
      var meta = el("div", "gkg-meta");
      meta.appendChild(chip(rec.label));
      meta.appendChild(el("code", "gkg-id", id));
      marks(rec, meta);
      panel.appendChild(meta);
      var other = S.lang === "ko" ? rec.name : rec.nameKo;
      if (other && other !== S.name(id)) { panel.appendChild(el("p", "gkg-other", other)); }
      if (rec.aliases && rec.aliases.length) {
        panel.appendChild(el("p", "gkg-aliases", t.aliases + ": " + rec.aliases.join(", ")));
      }
      var actions = el("div", "gkg-actions");
      actions.appendChild(expandButton(id));
      var href = S.entityHref(id);
      if (href) {
        var a = el("a", "gkg-page", t.page);
        a.href = href;
        actions.appendChild(a);
      }
      panel.appendChild(actions);
      panel.appendChild(propsSection(rec));
      panel.appendChild(sourcesSection(rec));
      relationships(id);
      open(how);
    }
    function showEdge(id, how) {
      var rec = S.edgeRec(id);
      head(t.relationship + ": " + rec.type);
      var meta = el("div", "gkg-meta");
      meta.appendChild(el("code", "gkg-id", id));
      marks(rec, meta);
      panel.appendChild(meta);
      var ends = el("table", "gkg-props gkg-ends");
      [[t.from, rec.from], [t.to, rec.to]].forEach(function (pair) {
        var tr = el("tr");
        var th = el("th", null, pair[0]);
        th.scope = "row";
        tr.appendChild(th);
        var td = el("td");
        td.appendChild(nodeButton(pair[1]));
        tr.appendChild(td);
        ends.appendChild(tr);
      });
      panel.appendChild(ends);
      panel.appendChild(propsSection(rec));
      panel.appendChild(sourcesSection(rec));
      open(how);
    }
    function closePanel() {
      S.clearSelection();
      var back = returnFocus && document.contains(returnFocus) ? returnFocus : S.input;
      returnFocus = null;
      if (back) { back.focus(); }
    }
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !panel.hidden && !ev.defaultPrevented) {
        ev.preventDefault();
        closePanel();
      }
    });
    S.showNode = showNode;
    S.showEdge = showEdge;
    S.closePanel = closePanel;
    S.hidePanel = function () { panel.hidden = true; };
    return panel;
  }

  X.details = details;
})();
