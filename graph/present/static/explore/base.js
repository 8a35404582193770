/* gkg explore, part 1 of 7: the shared namespace, interface texts and small helpers.
 * Plain ES2019, no framework, nothing fetched. Seed text only ever reaches the page
 * through textContent / createTextNode (see el()).
 */
(function () {
  "use strict";

  var UI = {
    en: {
      search: "Find an entity", searchHint: "Name, 이름, id or alias", matches: "Matches",
      none: "No entity matches", notShown: "not drawn yet", legend: "Types (click to hide or show)",
      details: "Details", close: "Close", aliases: "Also known as",
      properties: "Properties", sources: "Sources", noSources: "No sources recorded.",
      outgoing: "Relationships out", incoming: "Relationships in", none2: "None.",
      expandN: "Expand: add {n} neighbours", expand1: "Expand: add 1 neighbour",
      allShown: "All neighbours shown", inferred: "inferred", superseded: "superseded",
      relationship: "Relationship", from: "From", to: "To", shown: "shown", hidden: "hidden",
      selected: "Selected {name}.", added: "Added {n} neighbours of {name}.",
      hiddenLabel: "{label}: {n} nodes hidden.", shownLabel: "{label}: {n} nodes shown.",
      status: "{nodes} nodes, {edges} relationships. Search, click or hover for details.",
      source: "source", noProps: "No properties.", page: "Open its page",
      canvas: "Graph drawing: arrow keys move, + and - zoom", nothing: "Nothing to draw.",
      laying: "Laying out {nodes} nodes, {edges} relationships: {pct}%",
      unknown: "unknown"
    },
    ko: {
      search: "개체 찾기", searchHint: "이름, name, id 또는 별칭", matches: "검색 결과",
      none: "일치하는 개체가 없습니다", notShown: "아직 그려지지 않음",
      legend: "유형 (눌러서 숨기기/보이기)", details: "상세 정보", close: "닫기",
      aliases: "다른 이름", properties: "속성", sources: "출처", noSources: "출처 기록 없음.",
      outgoing: "나가는 관계", incoming: "들어오는 관계", none2: "없음.",
      expandN: "펼치기: 이웃 {n}개 추가", expand1: "펼치기: 이웃 1개 추가", allShown: "모든 이웃 표시됨",
      inferred: "추론됨", superseded: "대체됨", relationship: "관계", from: "출발", to: "도착",
      shown: "표시", hidden: "숨김", selected: "{name} 선택됨.",
      added: "{name}의 이웃 {n}개를 추가했습니다.", hiddenLabel: "{label}: 노드 {n}개 숨김.",
      shownLabel: "{label}: 노드 {n}개 표시.",
      status: "노드 {nodes}개, 관계 {edges}개. 검색하거나 클릭하거나 마우스를 올려 보세요.",
      source: "출처", noProps: "속성 없음.", page: "개체 페이지 열기",
      canvas: "그래프 그림: 화살표 키로 이동, + 와 - 로 확대/축소", nothing: "그릴 것이 없습니다.",
      laying: "노드 {nodes}개, 관계 {edges}개 배치 중: {pct}%",
      unknown: "알 수 없음"
    }
  };
  var MAX_LABEL = 40;

  /** Text for comparing names: NFKC, lower case, no spaces, hyphens, dots or underscores. */
  function normalise(text) {
    var s = String(text == null ? "" : text);
    if (s.normalize) { s = s.normalize("NFKC"); }
    return s.toLowerCase().replace(/[\s\-_.·・]+/g, "");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }

  /** An element with a class and text (text via textContent, never markup). */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text != null) { node.textContent = String(text); }
    return node;
  }

  function readData() {
    return JSON.parse(document.getElementById("gkg-data").textContent);
  }

  function shorten(text) {
    return text.length <= MAX_LABEL ? text : text.slice(0, MAX_LABEL - 1) + "\u2026";
  }

  /** The display name: Korean or English name by language, the other, then the id. */
  function displayName(rec, lang, id) {
    if (!rec) { return id; }
    var first = lang === "ko" ? rec.nameKo : rec.name;
    var second = lang === "ko" ? rec.name : rec.nameKo;
    return String(first || second || id);
  }

  function describeSource(src) {
    var parts = [];
    if (src.publisher) { parts.push(src.publisher); }
    if (src.title) { parts.push("\u201c" + src.title + "\u201d"); }
    var text = parts.join(", ") || src.sourceId;
    if (src.date) { text += " (" + src.date + ")"; }
    return text;
  }

  function propText(p) { return p.unit ? p.value + " " + p.unit : String(p.value); }

  /** A label's name in the page's language, from the document's label table. */
  function labelName(labels, label, lang) {
    var l = labels[label];
    if (l && l.name) { return l.name[lang] || l.name.en || label; }
    return label || UI[lang].unknown;
  }

  window.gkgExplore = {
    UI: UI, normalise: normalise, fill: fill, el: el, readData: readData, shorten: shorten,
    displayName: displayName, describeSource: describeSource, propText: propText,
    labelName: labelName
  };
})();
