/* Progressive enhancement only: every form works without this file. */
(function () {
  "use strict";

  // A second click on "send" while the first post is on its way does nothing.
  // (The server also refuses duplicates: each form carries a one-time submission key.)
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });

  // A live character count under the comment text.
  document.querySelectorAll("textarea[maxlength]").forEach(function (area) {
    var counter = document.createElement("p");
    counter.className = "char-count";
    counter.setAttribute("aria-live", "polite");
    var limit = parseInt(area.getAttribute("maxlength"), 10);
    var label = area.getAttribute("data-count-label") || "tegn igjen";
    function update() { counter.textContent = (limit - area.value.length) + " " + label; }
    area.insertAdjacentElement("afterend", counter);
    area.addEventListener("input", update);
    update();
  });
})();
