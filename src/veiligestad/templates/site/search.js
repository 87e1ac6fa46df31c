// Search with Pagefind: its index and script are files of this site; nothing leaves the host.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: box.getAttribute("data-bundle"),
    showSubResults: true,
    showImages: false,
    translations: { placeholder: box.getAttribute("data-placeholder") }
  });
  var term = new URLSearchParams(window.location.search).get("q");
  if (term) { ui.triggerSearch(term); }
})();
