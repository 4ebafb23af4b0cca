/* The document list: rows from data/index.js, filtered and paged here (100 a page), so
   10,000 documents stay fast. */
(function () {
  "use strict";
  var D = window.ZWGK_INDEX, C = window.ZWGK_CORRECTIONS, PAGE = 100;
  var col = {};
  D.columns.forEach(function (c, i) { col[c] = i; });
  var rows = D.rows, shown = rows, page = 0;
  function $(id) { return document.getElementById(id); }
  function distinct(name) {
    var seen = {}, out = [];
    rows.forEach(function (r) {
      var v = r[col[name]];
      if (v !== null && v !== undefined && !seen[v]) { seen[v] = true; out.push(v); }
    });
    return out.sort();
  }
  function fill(sel, name) {
    distinct(name).forEach(function (v) {
      var o = document.createElement("option");
      o.value = String(v); o.textContent = String(v);
      sel.appendChild(o);
    });
  }
  fill($("f-kind"), "kind"); fill($("f-year"), "year"); fill($("f-template"), "template");
  function low(v) { return v === null || v === undefined ? "" : String(v).toLowerCase(); }
  function apply() {
    var q = low($("f-search").value.trim()), ag = low($("f-agency").value.trim());
    var kind = $("f-kind").value, year = $("f-year").value, tpl = $("f-template").value;
    var w = $("f-warnings").checked, c = $("f-conflicts").checked, e = $("f-errors").checked;
    var nv = $("f-novalues").checked;
    shown = rows.filter(function (r) {
      if (kind && String(r[col.kind]) !== kind) { return false; }
      if (year && String(r[col.year]) !== year) { return false; }
      if (tpl && String(r[col.template]) !== tpl) { return false; }
      if (w && !r[col.n_warnings]) { return false; }
      if (c && !r[col.n_conflicts]) { return false; }
      if (e && !r[col.errors].length) { return false; }
      if (nv && r[col.n_values]) { return false; }
      if (ag && low(r[col.agency]).indexOf(ag) < 0) { return false; }
      if (q && (low(r[col.id]) + "\n" + low(r[col.title]) + "\n" + low(r[col.agency])).indexOf(q) < 0) { return false; }
      return true;
    });
    page = 0;
    render();
  }
  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) { td.className = cls; }
    tr.appendChild(td);
    return td;
  }
  function render() {
    var tb = $("rows"), pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (page >= pages) { page = pages - 1; }
    tb.textContent = "";
    var frag = document.createDocumentFragment();
    shown.slice(page * PAGE, (page + 1) * PAGE).forEach(function (r) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-id", r[col.id]);
      var td = document.createElement("td"), a = document.createElement("a");
      a.href = r[col.href]; a.textContent = r[col.title] || r[col.id];
      td.appendChild(a);
      var id = document.createElement("div"); id.className = "id"; id.textContent = r[col.id];
      td.appendChild(id);
      tr.appendChild(td);
      cell(tr, r[col.kind]); cell(tr, r[col.year]); cell(tr, r[col.agency]); cell(tr, r[col.template]);
      cell(tr, r[col.n_values], "flag");
      cell(tr, r[col.n_warnings], "flag" + (r[col.n_warnings] ? " has" : ""));
      cell(tr, r[col.n_conflicts], "flag" + (r[col.n_conflicts] ? " has" : ""));
      cell(tr, r[col.errors].join(", "), "flag" + (r[col.errors].length ? " err" : ""));
      frag.appendChild(tr);
    });
    tb.appendChild(frag);
    $("count").textContent = shown.length + " of " + rows.length + " documents";
    $("pageinfo").textContent = "page " + (page + 1) + " of " + pages;
    $("prev").disabled = page === 0;
    $("next").disabled = page >= pages - 1;
  }
  ["f-search", "f-agency"].forEach(function (i) { $(i).addEventListener("input", apply); });
  ["f-kind", "f-year", "f-template", "f-warnings", "f-conflicts", "f-errors", "f-novalues"].forEach(function (i) {
    $(i).addEventListener("change", apply);
  });
  $("prev").addEventListener("click", function () { page -= 1; render(); });
  $("next").addEventListener("click", function () { page += 1; render(); });
  $("corr-download").addEventListener("click", function () { C.download(D.site); });
  C.showCount(D.site);
  apply();
})();
