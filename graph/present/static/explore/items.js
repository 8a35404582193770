/* gkg explore, part 2 of 7: vis-network items (nodes, edges, their hover tooltips) built
 * from the page's records, and the faint group discs drawn behind a grouped layout. */
(function () {
  "use strict";
  var X = window.gkgExplore;
  var el = X.el;

  /** A hover tooltip (an element, so vis-network shows it as built) for a record. */
  function tooltip(rec, heading, sub) {
    var box = el("div", "gkg-tip");
    box.appendChild(el("div", "head", heading));
    if (sub) { box.appendChild(el("div", "sub", sub)); }
    (rec.properties || []).forEach(function (p) {
      var row = el("div");
      row.appendChild(el("span", "k", p.key + ": "));
      row.appendChild(document.createTextNode(X.propText(p)));
      box.appendChild(row);
    });
    (rec.sources || []).forEach(function (src) {
      var row = el("div", "src", X.describeSource(src));
      if (src.quote) { row.appendChild(el("q", null, src.quote)); }
      box.appendChild(row);
    });
    return box;
  }

  function visNode(id, rec, data) {
    var style = (data.labels || {})[rec.label] || {};
    var name = X.displayName(rec, data.lang, id);
    var sub = X.labelName(data.labels || {}, rec.label, data.lang) + " \u00b7 " + id;
    var item = {
      id: id, label: X.shorten(name), kind: rec.label || "",
      shape: style.shape || "dot", color: style.colour || "#bdbdbd",
      value: rec.size || 1, title: tooltip(rec, name, sub)
    };
    if (typeof rec.x === "number" && typeof rec.y === "number") { item.x = rec.x; item.y = rec.y; }
    return item;
  }

  function visEdge(id, rec, data, lookup) {
    var name = function (n) { return X.displayName(lookup(n), data.lang, n); };
    return {
      id: id, from: rec.from, to: rec.to, label: rec.type,
      title: tooltip(rec, name(rec.from) + " \u2192 " + name(rec.to), rec.type)
    };
  }

  /** Faint discs with captions behind each group of a grouped layout. */
  function drawGroups(ctx, groups, network) {
    var scale = network.getScale();
    ctx.save();
    groups.forEach(function (g) {
      ctx.beginPath();
      ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(120,144,156,0.06)";
      ctx.fill();
      ctx.lineWidth = 1 / scale;
      ctx.strokeStyle = "rgba(120,144,156,0.35)";
      ctx.stroke();
      var size = g.font || 18;
      ctx.font = "600 " + size + "px system-ui, 'Noto Sans KR', 'Noto Sans CJK KR', sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      ctx.fillStyle = "rgba(55,71,79,0.85)";
      ctx.fillText(String(g.caption || g.key), g.x, g.y - g.r - size * 0.2);
    });
    ctx.restore();
  }

  X.tooltip = tooltip;
  X.visNode = visNode;
  X.visEdge = visEdge;
  X.drawGroups = drawGroups;
})();
