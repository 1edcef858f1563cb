/* Copy buttons for an indicator page's permanent link and its citation.
 *
 * The page itself holds a plain link and the citation as text (all a reader without JavaScript
 * needs). For each element marked data-copy="link" or data-copy="citation" this adds a real
 * <button> after it, so it is reachable and operable by keyboard, and says "Link copied" or
 * "Citation copied" through one polite live region, so a screen reader hears that it worked.
 * Material's instant navigation swaps page content without running scripts again, so this hooks
 * its document$ observable, which emits on the first load and after every navigation.
 */
(function () {
  "use strict";

  var WORDS = {
    link: { button: "Copy link", done: "Link copied" },
    citation: { button: "Copy citation", done: "Citation copied" }
  };
  var FAILED = "Could not copy: select the text and copy it instead";

  function textOf(element) {
    // The link's full address (a relative href is resolved by the browser).
    return element.tagName === "A" ? element.href : element.textContent.trim();
  }

  function copyBySelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  function say(status, words) {
    // Empty first, so saying the same words again is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = words; }, 50);
  }

  function addButtons(box) {
    if (box.querySelector(".copy-button")) { return; }
    var status = document.createElement("p");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.querySelectorAll("[data-copy]").forEach(function (source) {
      var words = WORDS[source.getAttribute("data-copy")];
      if (!words) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = words.button;
      button.addEventListener("click", function () {
        copy(textOf(source)).then(function () { say(status, words.done); },
                                  function () { say(status, FAILED); });
      });
      source.insertAdjacentElement("afterend", button);
    });
    box.appendChild(status);
  }

  function addAll() {
    document.querySelectorAll(".permalink").forEach(addButtons);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(addAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addAll);
  } else {
    addAll();  // fetched by pages.js after the page loaded
  }
})();
