/* gkg page bootstrap: builds vis-network's DataSets from the gkg-data document, draws them
 * and attaches gkgExplore. With x/y on every node the layout is precomputed: physics stays
 * off and the page is settled after its first drawing. Otherwise it lays out with physics
 * (stopping at data.settleBudgetMs) and then switches physics off.
 * Sets window.gkgNetwork / gkgNodes / gkgEdges, gkgSettled and gkgSettleMs for tests.
 */
(function () {
  "use strict";
  var now = function () { return window.performance ? performance.now() : Date.now(); };
  var started = now();
  var X = window.gkgExplore;
  var data = X.readData();
  var t = X.UI[data.lang === "ko" ? "ko" : "en"];
  var status = document.getElementById("gkg-status");
  function say(text) { if (status) { status.textContent = text; } }
  window.gkgSettled = false;
  var ids = Object.keys(data.nodes || {});
  if (!ids.length) {
    say(t.nothing);
    window.gkgSettled = true;
    return;
  }
  var lookup = function (id) { return (data.nodes || {})[id] || null; };
  var nodeItems = ids.map(function (id) { return X.visNode(id, data.nodes[id], data); });
  var edgeItems = Object.keys(data.edges || {}).map(function (id) {
    return X.visEdge(id, data.edges[id], data, lookup);
  });
  var placed = nodeItems.every(function (n) { return typeof n.x === "number"; });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var options = data.options || {};
  if (placed) {
    options.physics = { enabled: false };
    options.layout = { improvedLayout: false };
  }
  var network = new vis.Network(document.getElementById("gkg-graph"),
    { nodes: nodes, edges: edges }, options);
  window.gkgNetwork = network;
  window.gkgNodes = nodes;
  window.gkgEdges = edges;
  X.attach({ network: network, nodes: nodes, edges: edges, data: data });
  var summary = { nodes: nodeItems.length, edges: edgeItems.length };
  function settled() {
    window.gkgSettleMs = Math.round(now() - started);
    network.once("afterDrawing", function () { window.gkgSettled = true; });
    network.redraw();
  }
  if (placed) {
    network.fit();
    settled();
    return;
  }
  network.on("stabilizationProgress", function (p) {
    summary.pct = Math.round(100 * p.iterations / p.total);
    say(X.fill(t.laying, summary));
    if (now() - started > (data.settleBudgetMs || 5000)) { network.stopSimulation(); }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    say(X.fill(t.status, summary));
    settled();
  });
})();
