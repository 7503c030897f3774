/* When an htmx request fails, say so beside the form or link that made it.

   htmx does not swap in an error response (4xx/5xx) or a failed connection, and by default says
   nothing: the member would press "Post comment" and see no change. This says what happened, in a
   role="alert" message the screen reader announces, and leaves the form as it was, so the text
   typed is still there to send again. No inline script: the Content-Security-Policy forbids it. */
(function () {
  "use strict";

  var CLASS = "request-error";
  var KEPT = "; your text is still here \u2014 ";
  // [with text typed in the form, without]
  var MESSAGES = {
    server: ["Something went wrong on our side" + KEPT + "please try again.",
             "Something went wrong on our side; please try again."],
    // A 4xx: often an expired form, which only a reload mends (and a reload loses unsent text).
    refused: ["That could not be sent" + KEPT + "copy it, reload the page and try again.",
              "That could not be done; please reload the page and try again."],
    offline: ["We could not reach the magazine" + KEPT + "please check your connection and try again.",
              "We could not reach the magazine; please check your connection and try again."]
  };

  // The form that made the request, else the element itself (a link, a button).
  function anchorOf(event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.isConnected) return null;
    return elt.closest("form") || elt;
  }

  function messageFor(anchor) {
    var next = anchor.tagName === "FORM" ? anchor.lastElementChild : anchor.nextElementSibling;
    return next && next.classList.contains(CLASS) ? next : null;
  }

  function hasText(anchor) {
    return anchor.tagName === "FORM" && Array.prototype.some.call(
      anchor.querySelectorAll("textarea, input[type=text]"), function (field) { return field.value.trim() !== ""; }
    );
  }

  function show(event, kind) {
    var anchor = anchorOf(event);
    if (!anchor) return;
    var text = MESSAGES[kind][hasText(anchor) ? 0 : 1];
    var message = messageFor(anchor);
    if (!message) {
      message = document.createElement("p");
      message.className = "message message--error " + CLASS;
      message.setAttribute("role", "alert");
      if (anchor.tagName === "FORM") anchor.append(message);
      else anchor.insertAdjacentElement("afterend", message);
    }
    // Emptied first, so that the same failure twice is announced twice.
    message.textContent = "";
    window.setTimeout(function () { message.textContent = text; }, 50);
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    show(event, xhr && xhr.status >= 500 ? "server" : "refused");
  });

  document.addEventListener("htmx:sendError", function (event) {
    show(event, "offline");
  });

  // A new attempt clears the old message; if it fails too, a fresh one is announced.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var anchor = anchorOf(event);
    var message = anchor && messageFor(anchor);
    if (message) message.remove();
  });
})();
