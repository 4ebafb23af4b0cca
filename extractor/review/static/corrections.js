/* Corrections kept in the browser (localStorage, one entry per site) and downloaded as one
   corrections.json: {"format": "zwgk-corrections", "version": 1, "corrections": [
   {document, source, sha256, key, action, old_value, new_value, note, time}]}.
   action: confirm | wrong | correct | add. `zwgk export OUTDIR --corrections FILE` applies
   them; `zwgk eval CORPUS --corrections FILE` takes them as gold. */
(function () {
  "use strict";
  function storeKey(site) { return "zwgk.corrections." + site; }
  function load(site) {
    try {
      var o = JSON.parse(window.localStorage.getItem(storeKey(site)) || "{}");
      return (o && typeof o === "object") ? o : {};
    } catch (e) { return {}; }
  }
  function save(site, o) { window.localStorage.setItem(storeKey(site), JSON.stringify(o)); }
  function id(doc, key) { return doc + "\u0000" + key; }
  var api = {
    get: function (site, doc, key) { return load(site)[id(doc, key)] || null; },
    set: function (site, c) {
      var o = load(site);
      c.time = new Date().toISOString();
      o[id(c.document, c.key)] = c;
      save(site, o);
      return c;
    },
    remove: function (site, doc, key) { var o = load(site); delete o[id(doc, key)]; save(site, o); },
    clearDocument: function (site, doc) {
      var o = load(site);
      Object.keys(o).forEach(function (k) { if (o[k].document === doc) { delete o[k]; } });
      save(site, o);
    },
    list: function (site) {
      var o = load(site);
      return Object.keys(o).sort().map(function (k) { return o[k]; });
    },
    fileText: function (site) {
      return JSON.stringify({format: "zwgk-corrections", version: 1, site: site,
                             created: new Date().toISOString(), corrections: api.list(site)}, null, 1);
    },
    download: function (site) {
      var blob = new Blob([api.fileText(site)], {type: "application/json"});
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "corrections.json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    },
    showCount: function (site) {
      var el = document.getElementById("corr-count");
      if (el) {
        var n = api.list(site).length;
        el.textContent = n + (n === 1 ? " correction" : " corrections") + " kept in this browser";
      }
    }
  };
  window.ZWGK_CORRECTIONS = api;
})();
