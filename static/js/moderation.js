/* The moderation pages. Progressive enhancement only: every form works without this file.
   Text a moderator selects in a comment fills that comment's "other text to remove" field, so it
   need not be copied by hand. The element holding the text names the field: data-redact-field. */
(function () {
  "use strict";
  document.querySelectorAll("[data-redact-field]").forEach(function (text) {
    var field = document.getElementById(text.getAttribute("data-redact-field"));
    if (!field) { return; }
    function takeSelection() {
      var selection = window.getSelection();
      var chosen = selection ? selection.toString().trim() : "";
      if (chosen && text.contains(selection.anchorNode) && text.contains(selection.focusNode)) {
        field.value = chosen;
      }
    }
    text.addEventListener("mouseup", takeSelection);
    text.addEventListener("keyup", takeSelection);
  });
})();
