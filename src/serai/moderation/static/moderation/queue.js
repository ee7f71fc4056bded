/* Keyboard shortcuts for the moderation queue: j/k move, a approve, r reject, x select.
   The queue is a plain form that works without this script; the keys only press its buttons. */
(function () {
  "use strict";
  var list = document.querySelector("[data-queue]");
  if (!list) { return; }
  var cards = Array.prototype.slice.call(list.querySelectorAll("[data-card]"));
  var current = -1;

  function select(index) {
    if (!cards.length) { return; }
    index = Math.max(0, Math.min(cards.length - 1, index));
    if (cards[current]) { cards[current].classList.remove("is-current"); }
    current = index;
    cards[current].classList.add("is-current");
    cards[current].focus();
    cards[current].scrollIntoView({ block: "nearest" });
  }

  function press(action) {
    var card = cards[current];
    var button = card && card.querySelector('[data-action="' + action + '"]');
    if (button) { button.click(); }
  }

  function reject() {
    var card = cards[current];
    var clause = card && card.querySelector("[data-clause]");
    if (clause && !clause.value) { clause.focus(); return; }  // a clause must be chosen first
    press("reject");
  }

  function toggle() {
    var box = cards[current] && cards[current].querySelector("[data-select]");
    if (box) { box.checked = !box.checked; }
  }

  var keys = {
    j: function () { select(current + 1); },
    k: function () { select(current - 1); },
    a: function () { press("approve"); },
    r: reject,
    x: toggle
  };

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    if (target.closest && target.closest("input[type=text], textarea, select, [contenteditable]")) { return; }
    var handler = keys[event.key];
    if (!handler) { return; }
    if (current < 0 && event.key !== "j" && event.key !== "k") { select(0); }
    event.preventDefault();
    handler();
  });

  list.addEventListener("focusin", function (event) {
    var card = event.target.closest("[data-card]");
    var index = cards.indexOf(card);
    if (index >= 0 && index !== current) {
      if (cards[current]) { cards[current].classList.remove("is-current"); }
      current = index;
      card.classList.add("is-current");
    }
  });
})();
