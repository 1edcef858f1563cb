/* Draw the site's charts with the plotly.js bundle served from this site (no CDN).
 *
 * plotly.js (about 370 KB compressed) is fetched only by a page that has a chart, only once a
 * chart comes within a screen of the viewport, and asynchronously: the words, the summary and the
 * table are painted first, and a page with no chart (home, glossary, accessibility statement...)
 * loads only this small file. Before the page is printed every chart is drawn. The bundle's
 * address is worked out from this script's own, so it works under any sub-path.
 *
 * Each chart's figure sits in the page as inert JSON inside a <template> element.
 * Material for MkDocs' instant navigation swaps page content without reloading scripts, so
 * drawing hooks Material's document$ observable, which emits on the first load and after every
 * navigation. Charts are redrawn in the other palette when the reader switches between light and
 * dark mode, and with fewer period labels when their width changes.
 *
 * Under each drawn chart, two buttons save it as an image (PNG or SVG) for a paper, always in the
 * light palette on white. They are made here, so a reader without JavaScript never sees them.
 */
(function () {
  "use strict";

  // Contrast with the page (WCAG 1.4.11, 3:1): lines, the target and the range's edges. Light on
  // white: council 10.3, England 3.2, region 9.8, neighbours 3.0, target 10.9, range 5.1, gap
  // 7.0. Dark on #1E2129: 8.9, 8.9, 7.2, 9.2, 12.2, 8.5, 8.6.
  var DARK = {
    council: "#8EC5FF", england: "#5FD3C0", region: "#F28CC4",
    statistical_neighbours: "#FFB37A", target: "#E0E0E0", range: "#C7B3F0", gap: "#C8CCD0",
    rangeFill: "rgba(199,179,240,0.22)", text: "#E6E6E6", grid: "rgba(255,255,255,0.15)"
  };
  var LIGHT = {
    council: "#12436D", england: "#28A197", region: "#801650",
    statistical_neighbours: "#F46A25", target: "#3D3D3D", range: "#7F5BC0", gap: "#505A5F",
    rangeFill: "rgba(162,133,209,0.25)", text: "#1F1F1F", grid: "rgba(0,0,0,0.12)"
  };
  var TICK_FONT_PX = 13;  // the figure's font size (pages/charts.py)
  var TICK_GAP_PX = 16;   // clear space between two period labels
  var IMAGE = { width: 960, height: 540 };  // a saved chart: a 16:9 figure for a paper

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function themed(figure, colours) {
    figure.data.forEach(function (trace) {
      var role = trace.meta && trace.meta.role;
      if (role && colours[role]) {
        if (trace.line) { trace.line.color = colours[role]; }
        if (trace.marker) {
          trace.marker.color = colours[role];
          if (trace.marker.line) { trace.marker.line.color = colours[role]; }
        }
        if (trace.fillcolor && role === "range") { trace.fillcolor = colours.rangeFill; }
      }
    });
    var layout = figure.layout;
    layout.font = Object.assign({}, layout.font, { color: colours.text });
    ["xaxis", "yaxis"].forEach(function (axis) {
      layout[axis] = Object.assign({}, layout[axis], { gridcolor: colours.grid, linecolor: colours.grid });
    });
    return figure;
  }

  // The widest label's width in pixels, in the page's own font.
  function labelWidth(labels, element) {
    var context = document.createElement("canvas").getContext("2d");
    context.font = TICK_FONT_PX + "px " + getComputedStyle(element).fontFamily;
    return labels.reduce(function (widest, label) {
      return Math.max(widest, context.measureText(String(label)).width);
    }, 0);
  }

  // Label only as many periods as fit side by side, flat: every n-th of the generator's choice,
  // counted back from the latest so the latest period keeps its label.
  function fitTicks(figure, element) {
    var axis = figure.layout.xaxis;
    var chosen = axis && axis.tickvals;
    if (!chosen || !chosen.length) { return; }
    var margin = figure.layout.margin || {};
    var room = element.clientWidth - (margin.l || 0) - (margin.r || 0) - 24;  // 24: the y labels
    var fit = Math.max(1, Math.floor(room / (labelWidth(chosen, element) + TICK_GAP_PX)));
    var step = Math.ceil(chosen.length / fit);
    axis.tickvals = chosen.slice().reverse().filter(function (_, i) { return i % step === 0; }).reverse();
  }

  function figureOf(element) {
    var source = element.querySelector("template.js-chart-data");
    return JSON.parse(source.content.textContent);
  }

  // "chart-cla-rate" → "cla-rate", "breakdown-cla-rate" → "cla-rate-breakdown".
  function fileName(element) {
    var id = element.id;
    if (id.indexOf("chart-") === 0) { return id.slice(6); }
    if (id.indexOf("breakdown-") === 0) { return id.slice(10) + "-breakdown"; }
    return id;
  }

  // Text for a plotly label: its own small HTML escaped, wrapped into lines of at most width.
  function wrapped(text, width) {
    var lines = [""];
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").split(/\s+/)
      .forEach(function (word) {
        var last = lines.length - 1;
        if (lines[last] && (lines[last] + " " + word).length > width) { lines.push(word); }
        else { lines[last] = lines[last] ? lines[last] + " " + word : word; }
      });
    return lines;
  }

  // A saved chart travels without the page, so it carries its title and note.
  function titled(figure, element) {
    var title = wrapped(element.querySelector(".chart__title").textContent.trim(), 90);
    var note = element.querySelector(".chart__note");
    var lines = title.concat(note ? ["<span style='font-size:12px'>" +
                                      wrapped(note.textContent.trim(), 120).join(" ") + "</span>"] : []);
    // Above the plot, with the top margin grown to fit however many lines it has.
    figure.layout.title = { text: lines.join("<br>"), x: 0, xanchor: "left", xref: "paper",
                            yref: "paper", y: 1, yanchor: "bottom", automargin: true,
                            pad: { b: 16 }, font: { size: 15 } };
    return figure;
  }

  function save(element, format) {
    var figure = titled(themed(figureOf(element), LIGHT), element);
    figure.layout.paper_bgcolor = "#ffffff";
    figure.layout.plot_bgcolor = "#ffffff";
    figure.layout.font.family = getComputedStyle(element).fontFamily;
    return Plotly.downloadImage({ data: figure.data, layout: figure.layout }, {
      format: format, filename: fileName(element), width: IMAGE.width, height: IMAGE.height
    });
  }

  function addSaveButtons(element) {
    var next = element.nextElementSibling;
    if (next && next.classList.contains("chart__actions")) { return; }
    var actions = document.createElement("div");
    actions.className = "chart__actions";
    ["png", "svg"].forEach(function (format) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button chart__save";
      button.setAttribute("data-format", format);
      button.setAttribute("aria-describedby", element.id + "-title");
      button.textContent = "Save chart as " + format.toUpperCase();
      // A chart not drawn yet is saved all the same, once plotly.js has arrived.
      button.addEventListener("click", function () { withPlotly(function () { save(element, format); }); });
      actions.appendChild(button);
    });
    element.insertAdjacentElement("afterend", actions);
  }

  function draw(element) {
    if (typeof Plotly === "undefined") { return; }
    var figure = themed(figureOf(element), dark() ? DARK : LIGHT);
    fitTicks(figure, element);
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
    element.classList.remove("chart--waiting");
    element.classList.add("chart--drawn");
    element.setAttribute("data-drawn-width", String(element.clientWidth));
    addSaveButtons(element);
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

  function drawWhenReady(element) {
    withPlotly(function () {
      if (element.isConnected && !element.classList.contains("chart--drawn")) { draw(element); }
    });
  }

  // Draw every chart not drawn yet (where IntersectionObserver is missing).
  function drawRest() {
    document.querySelectorAll(".js-chart:not(.chart--drawn)").forEach(drawWhenReady);
  }

  // Draw every chart now, before the page is printed: the browser lays out the printed page as
  // soon as this handler returns, so a library still on its way would print no chart. If no
  // chart has come near the screen yet, plotly.js is fetched synchronously (usually from the
  // cache) and run as an inline script, which runs as it is inserted.
  function drawForPrint() {
    var rest = document.querySelectorAll(".js-chart:not(.chart--drawn)");
    if (!rest.length) { return; }
    if (typeof Plotly === "undefined") {
      try {
        var request = new XMLHttpRequest();
        request.open("GET", PLOTLY_URL, false);
        request.send();
        if (request.status === 200) {
          var script = document.createElement("script");
          script.text = request.responseText;
          document.head.appendChild(script);
        }
      } catch (error) { /* offline: the printed page keeps the words and the table */ }
    }
    rest.forEach(draw);
  }

  // Before a chart is drawn, hold its place: the plot's height, its note and its save buttons,
  // so that the words and the table under it do not move when it arrives (a reader who has
  // scrolled to the table would lose their place).
  function holdPlace(element) {
    if (element.classList.contains("chart--drawn")) { return; }
    element.classList.add("chart--waiting");
    var target = element.querySelector(".chart__plot");
    if (!target) {
      target = document.createElement("div");
      target.className = "chart__plot";
      element.appendChild(target);
    }
    var height = figureOf(element).layout.height;
    if (height) { target.style.minHeight = height + "px"; }
    addSaveButtons(element);
  }

  var observer = null;

  // A chart is fetched and drawn once it is within a screen of the viewport.
  function watch() {
    if (observer) { observer.disconnect(); }
    var charts = document.querySelectorAll(".js-chart");
    if (!charts.length) { return; }
    charts.forEach(holdPlace);
    if (!("IntersectionObserver" in window)) { drawRest(); return; }
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          drawWhenReady(entry.target);
        }
      });
    }, { rootMargin: "100% 0px 100% 0px" });
    charts.forEach(function (chart) { observer.observe(chart); });
  }

  function redrawDrawn() {
    document.querySelectorAll(".js-chart.chart--drawn").forEach(draw);
  }

  // Redraw a chart whose width changed (a phone turned, a window resized): the period labels
  // that fit depend on it.
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      document.querySelectorAll(".js-chart.chart--drawn").forEach(function (element) {
        if (element.getAttribute("data-drawn-width") !== String(element.clientWidth)) { draw(element); }
      });
    }, 200);
  });

  window.addEventListener("beforeprint", drawForPrint);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    var onPrint = function (query) { if (query.matches) { drawForPrint(); } };
    if (printing.addEventListener) { printing.addEventListener("change", onPrint); }
    else if (printing.addListener) { printing.addListener(onPrint); }
  }

  new MutationObserver(redrawDrawn).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });

  if (typeof document$ !== "undefined") {
    document$.subscribe(watch);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();  // fetched by pages.js after the page loaded
  }
})();
