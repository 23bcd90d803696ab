/* Progressive enhancement for the share links: the "Link to this article" link
   becomes "Copy link" and puts the article's address on the clipboard. Without
   JavaScript (or a clipboard) it stays a plain link to the article. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("a[data-copy-link]").forEach(function (link) {
    var status = link.closest(".share").querySelector(".share__status");
    link.textContent = "Copy link";
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(
        function () { status.textContent = "Link copied."; },
        function () { status.textContent = "Could not copy: the address is " + link.href; }
      );
    });
  });
})();
