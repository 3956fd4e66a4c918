// The article page's side column: a fragment baked with the section's front pages, fetched
// after the page is shown; the article itself is left out of its lists, and an emptied list goes.
(function () {
  var rail = document.querySelector("aside[data-rail]");
  if (!rail || !window.fetch) return;
  fetch(rail.getAttribute("data-rail"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) {
      rail.innerHTML = html;
      var self = rail.getAttribute("data-exclude");
      rail.querySelectorAll('li[data-id="' + self + '"]').forEach(function (li) { li.remove(); });
      rail.querySelectorAll("section").forEach(function (block) {
        var items = block.querySelectorAll("li");
        if (!items.length) block.remove();
        else if (block.classList.contains("rail-more") && items.length > 5) items[items.length - 1].remove();
      });
      if (!rail.querySelector("section")) rail.remove();
    })
    .catch(function () { rail.remove(); });
})();
