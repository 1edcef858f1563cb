/* Fetch a page's own scripts only when the page has something for them to do.
 *
 * This small file is the only script of ours every page loads. charts.js (the charts, about 4 KB
 * compressed, which then fetches plotly.js itself) is fetched when the page has a chart, and
 * cite.js (the copy buttons) when it has a permanent link to copy: the home page, the glossary and
 * the other pages without either load neither (issue 20: a page without a chart within 120 KB).
 * Material's instant navigation swaps page content without reloading scripts, so the check runs
 * on its document$ observable, which emits on the first load and after every navigation; a
 * script fetched late still sees the current page, because document$ replays it to new
 * subscribers. Both scripts work out their own address, so the site works under any sub-path.
 *
 * It also states the role of each part of a data table. On a narrow screen pages.css stacks a
 * table's rows as cards; Chromium still reads it as a table, but Safari has been known to drop
 * the semantics of a table whose display is changed, so VoiceOver on a phone would read loose
 * text. Stated here rather than in the HTML, where a role an element already has is an error.
 */
(function () {
  "use strict";

  var folder = document.currentScript.src.replace(/[^/]*$/, "");
  var NEEDED = [
    { when: ".js-chart", script: "charts.js" },
    { when: "[data-copy]", script: "cite.js" }
  ];
  var fetched = {};

  function fetchWhenNeeded() {
    NEEDED.forEach(function (need) {
      if (fetched[need.script] || !document.querySelector(need.when)) { return; }
      fetched[need.script] = true;
      var script = document.createElement("script");
      script.src = folder + need.script;
      document.head.appendChild(script);
    });
  }

  function keepTableRoles() {
    document.querySelectorAll(".data-table").forEach(function (table) {
      table.setAttribute("role", "table");
      table.querySelectorAll("thead, tbody, tr, th, td").forEach(function (part) {
        var name = part.tagName;
        var role = name === "TR" ? "row" : name === "TD" ? "cell"
          : name === "TH" ? (part.getAttribute("scope") === "col" ? "columnheader" : "rowheader")
          : "rowgroup";
        part.setAttribute("role", role);
      });
    });
  }

  function onPage() {
    fetchWhenNeeded();
    keepTableRoles();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
