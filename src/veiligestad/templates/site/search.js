// Search with Pagefind: its index and script are files of this site; nothing leaves the host.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") { return; }
  var options = {
    element: "#search",
    bundlePath: box.getAttribute("data-bundle"),
    showSubResults: true,
    showImages: false,
    translations: { placeholder: box.getAttribute("data-placeholder") }
  };
  // A large site's index comes in parts (docs/site.md): the others are merged into the first.
  var parts = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean);
  if (parts.length) {
    options.mergeIndex = parts.map(function (path) { return { bundlePath: path }; });
  }
  var ui = new PagefindUI(options);
  var term = new URLSearchParams(window.location.search).get("q");
  if (term) { ui.triggerSearch(term); }
})();
