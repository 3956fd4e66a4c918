// Progressive enhancement: the YouTube player (a third-party request) loads only on a click.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.yt-lite");
  if (!link) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = link.dataset.embed;
  frame.title = link.getAttribute("aria-label") || "Video";
  frame.allow = "autoplay; encrypted-media; picture-in-picture";
  frame.allowFullscreen = true;
  frame.width = 640;
  frame.height = 360;
  link.replaceWith(frame);
});
