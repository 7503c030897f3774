// Keyboard shortcuts for the moderation queue: j/k move, a approves, r focuses the reason
// (then Enter on Reject/Remove), x selects for a bulk decision. Ignored while typing or in a chooser.
(function () {
  const items = Array.from(document.querySelectorAll(".mod-item"));
  if (!items.length) return;
  let current = -1;
  function focusItem(index, { scroll = true } = {}) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((item, i) => item.classList.toggle("mod-item--current", i === current));
    items[current].focus({ preventScroll: !scroll });
    if (scroll) items[current].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.matches("input[type=text], input[type=number], textarea, select")) return;
    // A chooser's modal (the article or member filter) is open: its keys are its own.
    if (target.closest(".modal")) return;
    const item = items[current];
    switch (event.key) {
      case "j": focusItem(current + 1); break;
      case "k": focusItem(current - 1); break;
      case "a": if (item) item.querySelector("[data-key=a]").click(); break;
      case "r": if (item) { item.querySelector("[data-reason]").focus(); } break;
      case "x": if (item) { const box = item.querySelector("input[type=checkbox]"); box.checked = !box.checked; } break;
      default: return;
    }
    event.preventDefault();
  });
  // The first item takes focus where it is: on a phone the page still opens at the tabs and filters.
  focusItem(0, { scroll: false });
})();
