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
    // Numbers as the page's language writes them: "10 000" in Norwegian, "10,000" in English.
    var language = document.documentElement.lang === "en" ? "en-GB" : "nb-NO";
    function update() { counter.textContent = (limit - area.value.length).toLocaleString(language) + " " + label; }
    area.insertAdjacentElement("afterend", counter);
    area.addEventListener("input", update);
    update();
  });
})();

/* The analysis page: while a run is under way, follow its progress and reload when it is done. */
(function () {
  "use strict";
  var section = document.querySelector("[data-status-url][data-active]");
  if (!section || !window.fetch) { return; }
  var bar = section.querySelector("progress");
  function poll() {
    fetch(section.getAttribute("data-status-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        if (run.status === "queued" || run.status === "running") {
          if (bar) { bar.value = Math.round(run.progress * 100); }
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();

/* A long draft is read a part at a time (consultations.reading): a link to /hoeringer/<slug>#anchor
   whose paragraph is on another part is sent on to that part. Without this script the contents lead there. */
(function () {
  "use strict";
  var draft = document.querySelector("[data-reading-pages]");
  var id = decodeURIComponent(window.location.hash.slice(1));
  if (!draft || !id || document.getElementById(id)) { return; }
  window.location.replace(draft.getAttribute("data-reading-pages").replace(/-$/, encodeURIComponent(id)));
})();

// "Kopier lenken": the share block's button copies the address; without scripts the field is there to
// select and copy by hand, and the button stays hidden.
(function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.dataset.copied;
      });
    });
  });
})();

// A page that answers something the reader just did (a comment sent) moves focus to that answer, so a
// screen reader reads it out first. Without JavaScript it is the page's first content all the same.
(function () {
  var answer = document.querySelector("[data-focus-on-load]");
  if (answer) answer.focus();
})();

// A wide table or block of code scrolls inside its own box; on a narrow screen a line above it says
// so, in words, for those who would not notice the shadow at its edge.
(function () {
  var main = document.querySelector("main[data-scroll-hint]");
  if (!main) return;
  document.querySelectorAll(".unit-text table, .unit-text pre").forEach(function (box) {
    if (box.scrollWidth <= box.clientWidth + 1) return;
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.textContent = main.getAttribute("data-scroll-hint") + " →";
    box.insertAdjacentElement("beforebegin", hint);
  });
})();
