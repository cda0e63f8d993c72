// The disclosure check as the creator types: asks POST <check-url> (same origin, with the form's key) and shows
// the verdict, what is wrong and a caption that passes. "Use this caption" replaces the caption only while it is
// still exactly the text that was checked: anything typed since keeps the button off until the next answer, so
// accepting a suggestion never drops what was typed after it. Without this file the form still works.
(function () {
  "use strict";
  var WAIT_MS = 400;

  function setup(form) {
    var id = form.getAttribute("data-deliverable");
    var url = form.getAttribute("data-check-url");
    var key = form.querySelector("input[name=csrf]").value;
    var caption = document.getElementById("caption-" + id);
    var box = document.getElementById("check-" + id);
    var verdict = document.getElementById("verdict-" + id);
    var findings = document.getElementById("findings-" + id);
    var fix = document.getElementById("fix-" + id);
    var fixed = document.getElementById("fixed-" + id);
    var use = document.getElementById("use-fixed-" + id);
    var label = document.getElementById("label-" + id);
    var timer = null;
    var asked = 0;
    var checkedText = null;
    var suggestion = null;

    function stale() {
      use.disabled = caption.value !== checkedText;
    }

    function show(answer, text) {
      checkedText = text;
      suggestion = answer.fixed_caption;
      box.hidden = false;
      box.className = "check live-check verdict-" + answer.verdict;
      verdict.textContent = answer.verdict_text;
      verdict.setAttribute("data-verdict", answer.verdict);
      while (findings.firstChild) findings.removeChild(findings.firstChild);
      (answer.findings || []).forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        findings.appendChild(item);
      });
      var differs = suggestion && suggestion !== text.trim();
      fix.hidden = !differs;
      fixed.textContent = differs ? suggestion : "";
      label.hidden = !answer.switch_on;
      label.textContent = answer.switch_on || "";
      stale();
    }

    function ask() {
      var text = caption.value;
      var mine = ++asked;
      if (!text.trim()) {
        box.hidden = true;
        return;
      }
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": key },
        body: JSON.stringify({ deliverable: Number(id), caption: text })
      })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (mine !== asked || answer.error) return; // an older answer, or one the form will show on sending
          show(answer, text);
        })
        .catch(function () {});
    }

    caption.addEventListener("input", function () {
      stale();
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
    use.addEventListener("click", function () {
      if (caption.value !== checkedText || !suggestion) {
        ask(); // typed since the check: check again rather than lose what was typed
        return;
      }
      caption.value = suggestion;
      caption.focus();
      ask();
    });
    if (caption.value.trim()) ask();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.draft-form"), setup);
  });
})();
