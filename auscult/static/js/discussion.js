/* After the member's own post or reply through htmx, bring it into view: the thread is swapped for the page that
   holds the comment (or "Have your say", where one awaiting moderation is shown to its author), and the server
   names it in an event (HX-Trigger-After-Settle "comment-shown"). The comment is scrolled to, marked, and given
   focus, so that keyboard and screen-reader users continue from it rather than from the top of the page; what
   happened is announced from the page's status region, which the same response fills. No inline script: the
   Content-Security-Policy forbids it. */
(function () {
  "use strict";

  var SHOWN = "comment--shown";

  document.addEventListener("comment-shown", function (event) {
    var id = event.detail && event.detail.id;
    var comment = id && document.getElementById("comment-" + id);
    if (!comment) return;
    Array.prototype.forEach.call(document.querySelectorAll("." + SHOWN), function (other) {
      other.classList.remove(SHOWN);
    });
    comment.classList.add(SHOWN);
    if (!comment.hasAttribute("tabindex")) comment.setAttribute("tabindex", "-1");
    comment.focus({ preventScroll: true });
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    comment.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
  });

  // Paging or re-ordering the thread afterwards: what the status region said is no longer news.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    var status = document.getElementById("comment-status");
    if (status && elt && elt.closest && elt.closest("#comments")) status.textContent = "";
  });
})();
