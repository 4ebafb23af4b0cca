/* A document page: click a value to see its evidence; confirm, mark wrong, correct or add
   values (kept by corrections.js). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("zwgk-data").textContent);
  var C = window.ZWGK_CORRECTIONS, KEYS = window.ZWGK_KEYS || [];
  var UNIT = {};
  KEYS.forEach(function (k) { UNIT[k.key] = k.unit; });
  function $(id) { return document.getElementById(id); }

  /* ---- evidence */
  function marksOf(btn) {
    var f = btn.getAttribute("data-fact");
    if (f !== null) { return document.querySelectorAll('mark[data-fact="' + f + '"]'); }
    return [];
  }
  var current = [];
  function show(btn) {
    var ms = marksOf(btn);
    current.forEach(function (m) { m.classList.remove("current", "flash"); });
    current = Array.prototype.slice.call(ms);
    if (!current.length) { return; }
    current[0].scrollIntoView({block: "center"});
    current.forEach(function (m) {
      m.classList.remove("flash");
      void m.offsetWidth;  /* restart the animation */
      m.classList.add("current", "flash");
    });
  }
  document.querySelectorAll("button.goto").forEach(function (b) {
    b.addEventListener("click", function () { show(b); });
  });

  /* ---- typed values */
  function parseValue(key, raw) {
    var s = String(raw).trim().replace(/[,，\s]/g, "");
    var unit = UNIT[key];
    if (!s) { return {error: "empty value"}; }
    if (unit === "bool") {
      if (/^(是|true|yes|y|1)$/i.test(s)) { return {value: true}; }
      if (/^(否|false|no|n|0)$/i.test(s)) { return {value: false}; }
      return {error: "type 是 or 否"};
    }
    var num = /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
    if (unit === "count" || unit === "signed") {
      if (num === null || !/^[-+]?\d+$/.test(s)) { return {error: "a whole number is expected"}; }
      if (unit === "count" && num < 0) { return {error: "a count is never negative"}; }
      return {value: num};
    }
    if (unit === "money") {
      if (num === null) { return {error: "an amount in 元 is expected (e.g. 5000 or 5000.5)"}; }
      return {value: num + 0.0};
    }
    return {value: num === null ? String(raw).trim() : num};
  }

  /* ---- review controls */
  function record(key, action, newValue, note) {
    var old = Object.prototype.hasOwnProperty.call(D.values, key) ? D.values[key] : null;
    return C.set(D.site, {document: D.doc_id, source: D.source, sha256: D.sha256, key: key, action: action,
                          old_value: old, new_value: newValue, note: note || ""});
  }
  function describe(c) {
    if (!c) { return ""; }
    if (c.action === "confirm") { return "confirmed"; }
    if (c.action === "wrong") { return "marked wrong"; }
    return (c.action === "add" ? "added: " : "corrected to ") + JSON.stringify(c.new_value);
  }
  function paint(td) {
    var key = td.getAttribute("data-key"), c = C.get(D.site, D.doc_id, key), tr = td.parentNode;
    tr.classList.remove("confirmed", "wrong", "corrected");
    if (c) { tr.classList.add(c.action === "confirm" ? "confirmed" : (c.action === "wrong" ? "wrong" : "corrected")); }
    td.querySelector(".st").textContent = describe(c) + (c && c.note ? " — " + c.note : "");
    td.querySelector(".undo").hidden = !c;
    C.showCount(D.site);
  }
  function button(label, cls, fn) {
    var b = document.createElement("button");
    b.type = "button"; b.textContent = label; b.className = cls;
    b.addEventListener("click", fn);
    return b;
  }
  document.querySelectorAll("td.review").forEach(function (td) {
    var key = td.getAttribute("data-key");
    var input = document.createElement("input");
    input.className = "newval"; input.size = 8; input.placeholder = "right value";
    var note = document.createElement("input");
    note.className = "note"; note.size = 8; note.placeholder = "note";
    var st = document.createElement("span"); st.className = "st";
    td.appendChild(button("✓", "confirm", function () { record(key, "confirm", D.values[key], note.value); paint(td); }));
    td.appendChild(button("✗", "wrong", function () { record(key, "wrong", null, note.value); paint(td); }));
    td.appendChild(input); td.appendChild(note);
    td.appendChild(button("save", "save", function () {
      var p = parseValue(key, input.value);
      if (p.error) { st.textContent = p.error; st.classList.add("bad"); return; }
      st.classList.remove("bad");
      record(key, "correct", p.value, note.value); paint(td);
    }));
    td.appendChild(button("undo", "undo", function () { C.remove(D.site, D.doc_id, key); paint(td); }));
    td.appendChild(st);
    td.querySelector(".confirm").title = "the value is right";
    td.querySelector(".wrong").title = "the value is wrong (no value is better)";
    paint(td);
  });

  /* ---- missing keys */
  var dl = $("keylist");
  KEYS.forEach(function (k) {
    var o = document.createElement("option");
    o.value = k.key; o.label = k.label; dl.appendChild(o);
  });
  function listAdded() {
    var box = $("added");
    box.textContent = "";
    C.list(D.site).filter(function (c) { return c.document === D.doc_id && c.action === "add"; }).forEach(function (c) {
      var div = document.createElement("div");
      div.className = "addedrow";
      div.setAttribute("data-key", c.key);
      div.textContent = "added " + c.key + " = " + JSON.stringify(c.new_value) + (c.note ? " — " + c.note : "") + " ";
      div.appendChild(button("undo", "undo", function () { C.remove(D.site, D.doc_id, c.key); listAdded(); }));
      box.appendChild(div);
    });
    C.showCount(D.site);
  }
  $("add-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var key = $("add-key").value.trim(), box = $("added");
    if (!/^[a-z_]+(\.[a-z_0-9]+)+$/.test(key)) { box.textContent = "not a key: " + key; return; }
    var p = parseValue(key, $("add-value").value);
    if (p.error) { box.textContent = p.error; return; }
    var has = Object.prototype.hasOwnProperty.call(D.values, key);
    record(key, has ? "correct" : "add", p.value, $("add-note").value);
    $("add-key").value = ""; $("add-value").value = ""; $("add-note").value = "";
    listAdded();
    document.querySelectorAll('td.review[data-key="' + key + '"]').forEach(paint);
  });
  listAdded();

  $("corr-download").addEventListener("click", function () { C.download(D.site); });
  $("corr-clear").addEventListener("click", function () {
    C.clearDocument(D.site, D.doc_id);
    document.querySelectorAll("td.review").forEach(paint);
    listAdded();
  });
  C.showCount(D.site);
})();
