/* gkg explore, part 5 of 7: neighbour highlighting. Dimming is drawn, not stored: after
 * vis-network draws, a translucent veil covers the canvas and the kept nodes and edges are
 * drawn again on top. The cost is the kept items only, so selecting in a 2,000-node graph
 * stays instant (updating every DataSet item would take most of a second). This uses
 * vis-network's own drawing objects (network.body), the one place the page reaches inside. */
(function () {
  "use strict";
  var X = window.gkgExplore;

  function highlighter(S) {
    var network = S.network;
    var container = network.body.container;
    var kept = null; // {nodes: [ids], edges: [ids]} while something is highlighted

    function redrawSoon() { // one redraw on the next frame, shared with vis-network's own
      var emitter = network.body && network.body.emitter;
      if (emitter) { emitter.emit("_requestRedraw"); } else { network.redraw(); }
    }
    function shown(n) { return n && !n.options.hidden; }
    function drawKept(ctx) {
      if (!kept) { return; }
      var body = network.body;
      var w = container.clientWidth, h = container.clientHeight;
      var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: w, y: h });
      ctx.save();
      ctx.fillStyle = "rgba(255,255,255,0.8)";
      ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
      ctx.restore();
      kept.edges.forEach(function (id) {
        var e = body.edges[id];
        if (e && !e.options.hidden && shown(e.from) && shown(e.to)) { e.draw(ctx); }
      });
      var labels = [];
      kept.nodes.forEach(function (id) {
        var n = body.nodes[id];
        var drawn = shown(n) ? n.draw(ctx) : null;
        if (drawn && drawn.drawExternalLabel) { labels.push(drawn.drawExternalLabel); }
      });
      labels.forEach(function (draw) { draw(); }); // dots and squares label below the shape
    }
    network.on("afterDrawing", drawKept);

    S.highlight = function (keepNodes, keepEdges) {
      kept = { nodes: keepNodes.slice(), edges: keepEdges.slice() };
      redrawSoon();
    };
    S.unhighlight = function () {
      if (kept) { kept = null; redrawSoon(); }
    };
    S.highlighted = function () { return kept; };
  }

  X.highlighter = highlighter;
})();
