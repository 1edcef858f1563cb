/* Draw the site's charts with the plotly.js bundle served from this site (no CDN).
 *
 * plotly.js (about 370 KB compressed) is fetched only by a page that has a chart, and
 * asynchronously: the words, the summary and the table are painted first, and a page with no
 * chart (home, glossary, accessibility statement...) loads only this small file. The bundle's
 * address is worked out from this script's own, so it works under any sub-path.
 *
 * Each chart's figure sits in the page as inert JSON inside a <template> element.
 * Material for MkDocs' instant navigation swaps page content without reloading scripts, so
 * drawing hooks Material's document$ observable, which emits on the first load and after every
 * navigation. Charts are redrawn in the other palette when the reader switches between light and
 * dark mode.
 */
(function () {
  "use strict";

  var DARK = {
    council: "#8EC5FF", england: "#5FD3C0", region: "#F28CC4",
    statistical_neighbours: "#FFB37A", target: "#E0E0E0", range: "#C7B3F0", text: "#E6E6E6",
    grid: "rgba(255,255,255,0.15)"
  };
  var LIGHT = {
    council: "#12436D", england: "#28A197", region: "#801650",
    statistical_neighbours: "#F46A25", target: "#3D3D3D", range: "#A285D1", text: "#1F1F1F",
    grid: "rgba(0,0,0,0.12)"
  };

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? DARK : LIGHT;
  }

  function themed(figure) {
    var colours = scheme();
    figure.data.forEach(function (trace) {
      var role = trace.meta && trace.meta.role;
      if (role && colours[role]) {
        if (trace.line) { trace.line.color = colours[role]; }
        if (trace.marker) { trace.marker.color = colours[role]; }
      }
    });
    var layout = figure.layout;
    layout.font = Object.assign({}, layout.font, { color: colours.text });
    ["xaxis", "yaxis"].forEach(function (axis) {
      layout[axis] = Object.assign({}, layout[axis], { gridcolor: colours.grid, linecolor: colours.grid });
    });
    return figure;
  }

  function figureOf(element) {
    var source = element.querySelector("template.js-chart-data");
    return JSON.parse(source.content.textContent);
  }

  function draw(element) {
    if (typeof Plotly === "undefined") { return; }
    var figure = themed(figureOf(element));
    var target = element.querySelector(".chart__plot");
    if (!target) {
      target = document.createElement("div");
      target.className = "chart__plot";
      element.appendChild(target);
    }
    Plotly.react(target, figure.data, figure.layout, {
      displaylogo: false, responsive: true, displayModeBar: false, scrollZoom: false,
      staticPlot: false
    });
    element.classList.add("chart--drawn");
  }

  // This script's address, read while it first runs (document.currentScript is null later).
  var PLOTLY_URL = (function () {
    var me = document.currentScript && document.currentScript.src;
    return me ? me.replace(/charts\.js(\?.*)?$/, "plotly-basic.min.js") : "";
  })();
  var waiting = null;  // what to run once plotly.js has loaded; null until it is asked for

  function withPlotly(then) {
    if (typeof Plotly !== "undefined") { then(); return; }
    if (waiting === null) {
      waiting = [];
      var script = document.createElement("script");
      script.src = PLOTLY_URL;
      script.async = true;
      script.onload = function () {
        var ready = waiting;
        waiting = [];
        ready.forEach(function (run) { run(); });
      };
      document.head.appendChild(script);
    }
    waiting.push(then);
  }

  function drawAll() {
    if (!document.querySelector(".js-chart")) { return; }
    withPlotly(function () { document.querySelectorAll(".js-chart").forEach(draw); });
  }

  function redrawDrawn() {
    document.querySelectorAll(".js-chart.chart--drawn").forEach(draw);
  }

  new MutationObserver(redrawDrawn).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });

  if (typeof document$ !== "undefined") {
    document$.subscribe(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", drawAll);
  }
})();
