/* gkg explore, part 7 of 7: gkgExplore.attach({network, nodes, edges, data}) puts the
 * search box, details panel and legend over a drawn graph and wires them together around
 * one shared state object; it also selects (with neighbour highlighting) and expands
 * nodes from the whole graph, which the page embeds (data.whole) or a report's shared
 * assets/whole.js provides (window.gkgWhole). window.gkgExploreApi is for tests. */
(function () {
  "use strict";
  var X = window.gkgExplore;
  var el = X.el;

  function state(options) {
    var data = options.data || X.readData();
    var lang = data.lang === "ko" ? "ko" : "en";
    var labels = data.labels || {};
    var whole = data.whole || window.gkgWhole || null;
    var status = document.getElementById("gkg-status");
    var S = {
      data: data, whole: whole, lang: lang, t: X.UI[lang],
      network: options.network, nodes: options.nodes, edges: options.edges,
      hidden: {}, current: null
    };
    S.nodeRec = function (id) {
      return (data.nodes && data.nodes[id]) || (whole && whole.nodes && whole.nodes[id]) || null;
    };
    S.edgeRec = function (id) {
      return (data.edges && data.edges[id]) || (whole && whole.edges && whole.edges[id]) || null;
    };
    S.name = function (id) { return X.displayName(S.nodeRec(id), lang, id); };
    S.labelName = function (label) { return X.labelName(labels, label, lang); };
    S.symbol = function (label) {
      var l = labels[label] || {};
      var sym = el("span", "sym", l.symbol || "\u25cf");
      sym.style.color = l.colour || "#bdbdbd";
      sym.setAttribute("aria-hidden", "true");
      return sym;
    };
    S.say = function (text) { if (status) { status.textContent = text; } };
    S.entityHref = function (id) {
      var rec = S.nodeRec(id);
      if (data.entityPages == null || !rec || !rec.label) { return null; }
      return data.entityPages + encodeURIComponent(id) + ".html";
    };
    return S;
  }

  /** Relationships of a node (ids): from the whole graph when known, else those drawn. */
  function growing(S) {
    var nodes = S.nodes, edges = S.edges, network = S.network, whole = S.whole;
    S.adjacency = function (id) {
      if (whole && whole.adjacency && whole.adjacency[id]) { return whole.adjacency[id]; }
      return edges.getIds({ filter: function (e) { return e.from === id || e.to === id; } });
    };
    function addNode(id, near) {
      if (nodes.get(id)) { return false; }
      var rec = S.nodeRec(id);
      if (!rec) { return false; }
      var item = X.visNode(id, rec, S.data);
      if (near) { item.x = near.x; item.y = near.y; }
      if (S.hidden[rec.label]) { S.toggleLabel(rec.label, true); }
      nodes.add(item);
      return true;
    }
    function addEdge(id) {
      if (edges.get(id)) { return false; }
      var rec = S.edgeRec(id);
      if (!rec || !nodes.get(rec.from) || !nodes.get(rec.to)) { return false; }
      edges.add(X.visEdge(id, rec, S.data, S.nodeRec));
      return true;
    }
    S.missingNeighbours = function (id) {
      var out = [];
      S.adjacency(id).forEach(function (eid) {
        var rec = S.edgeRec(eid);
        if (!rec) { return; }
        var other = rec.from === id ? rec.to : rec.from;
        if (!nodes.get(other) && out.indexOf(other) < 0 && S.nodeRec(other)) { out.push(other); }
      });
      return out;
    };
    /** Draw node `id` (and its relationships to drawn nodes) if it is not drawn yet. */
    S.ensureNode = function (id) {
      if (nodes.get(id)) { return; }
      var near = null;
      S.adjacency(id).some(function (eid) {
        var e = S.edgeRec(eid);
        var other = e && (e.from === id ? e.to : e.from);
        var p = other && nodes.get(other) ? network.getPositions([other])[other] : null;
        if (p) { near = { x: p.x + 60, y: p.y - 60 }; }
        return !!p;
      });
      addNode(id, near || network.getViewPosition());
      S.adjacency(id).forEach(addEdge);
      S.renderLegend();
    };
    S.expand = function (id) {
      var centre = network.getPositions([id])[id] || { x: 0, y: 0 };
      var fresh = S.missingNeighbours(id);
      var ring = 90 + 12 * fresh.length;
      fresh.forEach(function (other, i) {
        var a = (2 * Math.PI * i) / fresh.length;
        addNode(other, { x: centre.x + ring * Math.cos(a), y: centre.y + ring * Math.sin(a) });
      });
      fresh.concat([id]).forEach(function (n) { S.adjacency(n).forEach(addEdge); });
      S.renderLegend();
      S.selectNode(id, {});
      S.say(X.fill(S.t.added, { n: fresh.length, name: S.name(id) }));
      return fresh.length;
    };
  }

  function selecting(S) {
    var network = S.network;
    S.selectNode = function (id, how) {
      how = how || {};
      var rec = S.nodeRec(id);
      if (!rec) { return; }
      S.ensureNode(id);
      if (S.hidden[rec.label]) { S.toggleLabel(rec.label, true); }
      S.current = { kind: "node", id: id };
      network.selectNodes([id]);
      S.highlight(network.getConnectedNodes(id).concat([id]), network.getConnectedEdges(id));
      if (how.centre) {
        network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
      }
      S.showNode(id, how);
      S.say(X.fill(S.t.selected, { name: S.name(id) }));
    };
    S.selectEdge = function (id, how) {
      var rec = S.edgeRec(id);
      if (!rec) { return; }
      S.current = { kind: "edge", id: id };
      if (S.edges.get(id)) { network.selectEdges([id]); }
      S.highlight([rec.from, rec.to], [id]);
      S.showEdge(id, how);
    };
    S.clearSelection = function () {
      S.current = null;
      network.unselectAll();
      S.unhighlight();
      S.hidePanel();
    };
    network.on("click", function (params) {
      if (params.nodes && params.nodes.length) {
        S.selectNode(params.nodes[0]);
      } else if (params.edges && params.edges.length) {
        S.selectEdge(params.edges[0]);
      } else if (S.current) {
        S.clearSelection();
      }
    });
  }

  function attach(options) {
    options = options || {};
    var S = state(options);
    var network = S.network;
    var container = network.body.container;
    var wrap = options.wrap || container.parentNode;
    growing(S);
    selecting(S);
    X.highlighter(S);
    var box = el("div", "gkg-explore");
    box.appendChild(X.searchBox(S));
    box.appendChild(X.details(S));
    var legendBox = X.legend(S);
    wrap.insertBefore(box, wrap.firstChild); // search and details come first in Tab order
    wrap.appendChild(legendBox);
    var frame = container.querySelector(".vis-network");
    if (frame) { frame.setAttribute("aria-label", S.t.canvas); }
    if (S.data.groups && S.data.groups.length) {
      network.on("beforeDrawing", function (ctx) { X.drawGroups(ctx, S.data.groups, network); });
    }
    S.renderLegend();
    S.say(X.fill(S.t.status, { nodes: S.nodes.length, edges: S.edges.length }));
    var api = {
      search: S.search, selectNode: S.selectNode, selectEdge: S.selectEdge, expand: S.expand,
      toggleLabel: S.toggleLabel, clearSelection: S.clearSelection, closePanel: S.closePanel,
      hiddenLabels: function () { return Object.keys(S.hidden); },
      current: function () { return S.current; },
      highlighted: S.highlighted
    };
    window.gkgExploreApi = api;
    return api;
  }

  X.attach = attach;
})();
