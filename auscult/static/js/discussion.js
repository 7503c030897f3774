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

  // New comments while reading: the thread asks, now and then (with jitter, and not while the tab is hidden), how
  // many comments are published; the answer is one small URL every reader shares from the cache. When there are
  // more than the thread shows, it offers them, and the heading's count follows.
  var POLL_JITTER = 0.25;
  var polling = null;

  function thread() { return document.getElementById("comments"); }

  function schedule() {
    var block = thread();
    if (!block || !block.dataset.countUrl) return;
    var seconds = Number(block.dataset.pollSeconds) || 60;
    var wait = seconds * 1000 * (1 - POLL_JITTER + Math.random() * 2 * POLL_JITTER);
    window.clearTimeout(polling);
    polling = window.setTimeout(poll, wait);
  }

  function poll() {
    var block = thread();
    if (!block) return;
    if (document.visibilityState === "hidden") { schedule(); return; }
    fetch(block.dataset.countUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (found) { if (found) offer(found.published); })
      .catch(function () {})
      .then(schedule);
  }

  function offer(published) {
    var block = thread();
    var shown = Number(block.dataset.count) || 0;
    var heading = block.querySelector(".comments-block__count");
    if (heading) heading.textContent = "(" + published + ")";
    var region = document.getElementById("comments-new");
    if (!region || published <= shown) return;
    var fresh = published - shown;
    var text = fresh + " new comment" + (fresh === 1 ? "" : "s");
    var button = region.querySelector("button");
    if (button && button.dataset.fresh === String(fresh)) return;
    region.textContent = "";
    button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary comments-new__show";
    button.dataset.fresh = String(fresh);
    button.textContent = text + " \u2014 show";
    button.addEventListener("click", function () {
      window.htmx.ajax("GET", block.dataset.newestUrl, { target: "#comments", swap: "outerHTML" }).then(function () {
        var heading = document.getElementById("comments-heading");
        if (heading) heading.focus();
      });
    });
    region.append(button);
  }

  document.addEventListener("DOMContentLoaded", schedule);
  // A new thread block (paged, re-ordered, posted to) counts from what it shows.
  document.addEventListener("htmx:afterSettle", schedule);

  // Paging or re-ordering the thread afterwards: what the status region said is no longer news.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    var status = document.getElementById("comment-status");
    if (status && elt && elt.closest && elt.closest("#comments")) status.textContent = "";
  });
})();
