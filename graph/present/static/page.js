(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gkg-data").textContent);
  var status = document.getElementById("gkg-status");
  function say(text) { if (status) { status.textContent = text; } }
  function tip(lines) {
    var box = document.createElement("div");
    box.className = "gkg-tip";
    lines.forEach(function (line) {
      var row = document.createElement("div");
      if (line[0] === "") {
        row.className = "head";
      } else if (line[0] === "#") {
        row.className = "sec";
      } else {
        var key = document.createElement("span");
        key.className = "k";
        key.textContent = line[0] + ": ";
        row.appendChild(key);
      }
      row.appendChild(document.createTextNode(line[1]));
      box.appendChild(row);
    });
    return box;
  }
  [data.nodes, data.edges].forEach(function (items) {
    items.forEach(function (item) {
      if (item.tip) { item.title = tip(item.tip); delete item.tip; }
    });
  });
  var summary = data.nodes.length + " nodes, " + data.edges.length + " relationships";
  window.gkgSettled = false;
  if (!data.nodes.length) { say("Nothing to draw."); window.gkgSettled = true; return; }
  var container = document.getElementById("gkg-graph");
  var started = Date.now();
  var network = new vis.Network(container, {
    nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)
  }, data.options);
  window.gkgNetwork = network;
  say("Laying out " + summary + "…");
  network.on("stabilizationProgress", function (p) {
    say("Laying out " + summary + ": " + Math.round(100 * p.iterations / p.total) + "%");
    if (Date.now() - started > data.settleBudgetMs) { network.stopSimulation(); }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    window.gkgSettleMs = Date.now() - started;
    network.once("afterDrawing", function () {
      window.gkgSettled = true;
      say(summary + ". Drag to move, scroll to zoom, hover for details.");
    });
    network.redraw();
  });
})();
