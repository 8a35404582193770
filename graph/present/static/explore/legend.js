/* gkg explore, part 4 of 7: the legend. One button per label drawn, with its symbol,
 * name (in the page's language) and count; pressing it hides or shows that label's nodes
 * (aria-pressed says which). Counts follow the drawing, so "expand" keeps them right. */
(function () {
  "use strict";
  var X = window.gkgExplore;
  var el = X.el;

  function legend(S) {
    var t = S.t;
    var box = el("div", "gkg-legend");
    box.id = "gkg-legend";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t.legend);
    box.appendChild(el("div", "gkg-legend-title", t.legend));
    var list = el("ul");
    box.appendChild(list);
    var buttons = {};

    function countDrawn() {
      var counts = {};
      S.nodes.forEach(function (n) { counts[n.kind || ""] = (counts[n.kind || ""] || 0) + 1; });
      return counts;
    }
    function button(label) {
      var li = el("li");
      var b = el("button", "gkg-type");
      b.type = "button";
      b.dataset.label = label;
      b.appendChild(S.symbol(label));
      b.appendChild(el("span", "nm", S.labelName(label)));
      b.appendChild(el("span", "n"));
      b.addEventListener("click", function () { toggle(label); });
      li.appendChild(b);
      list.appendChild(li);
      return b;
    }
    function render() {
      var counts = countDrawn();
      var order = Object.keys(S.data.labels || {}).filter(function (l) { return counts[l]; });
      Object.keys(counts).forEach(function (l) { if (order.indexOf(l) < 0) { order.push(l); } });
      order.forEach(function (label) {
        var b = buttons[label] || (buttons[label] = button(label));
        b.querySelector(".n").textContent = String(counts[label] || 0);
        b.setAttribute("aria-pressed", S.hidden[label] ? "false" : "true");
        b.title = S.labelName(label) + ": " + (S.hidden[label] ? t.hidden : t.shown);
      });
    }
    /** Hide (or, with show true, show) the nodes of one label; returns how many. */
    function toggle(label, show) {
      var hide = show === undefined ? !S.hidden[label] : !show;
      if (hide) { S.hidden[label] = true; } else { delete S.hidden[label]; }
      var ids = S.nodes.getIds({ filter: function (n) { return (n.kind || "") === label; } });
      S.nodes.update(ids.map(function (id) { return { id: id, hidden: hide }; }));
      var current = S.current;
      if (hide && current && current.kind === "node" && ids.indexOf(current.id) >= 0) {
        S.clearSelection();
      }
      render();
      S.say(X.fill(hide ? t.hiddenLabel : t.shownLabel, { label: S.labelName(label), n: ids.length }));
      return ids.length;
    }
    S.renderLegend = render;
    S.toggleLabel = toggle;
    return box;
  }

  X.legend = legend;
})();
