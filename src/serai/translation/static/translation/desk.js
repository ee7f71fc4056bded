/* The translation desk with a keyboard: j/k move between comments, Enter writes the translation
   of the comment in focus, Ctrl+Enter (or Cmd+Enter) saves it, Esc goes back to the comment,
   s skips it.

   Every card is a plain form that works without this script. With it, a card is saved or skipped
   in the background and leaves the page; a refused save keeps the card and its text, and says why.
   A key acts only on the card that has the focus (or holds the text box being typed in); with
   nothing in focus it does nothing but say so, so a stray key never saves or skips anything. */
(function () {
  "use strict";
  var list = document.querySelector("[data-queue]");
  var status = document.querySelector("[data-status]");
  if (!list) { return; }

  function cards() {
    return Array.prototype.slice.call(list.querySelectorAll("[data-card]:not([hidden])"));
  }

  function say(text, isError) {
    if (!status) { return; }
    status.textContent = "";
    var p = document.createElement("p");
    p.className = isError ? "message-error" : "message-success";
    p.textContent = text;
    status.appendChild(p);
  }

  /* The card the translator points at: the one holding the focus, or none. */
  function focused() {
    var active = document.activeElement;
    var card = active && active.closest ? active.closest("[data-card]") : null;
    return card && !card.hidden ? card : null;
  }

  function show(card) {
    cards().forEach(function (c) { c.classList.toggle("is-current", c === card); });
    if (card) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    var all = cards();
    if (!all.length) { return; }
    var index = all.indexOf(focused());
    show(all[Math.max(0, Math.min(all.length - 1, index < 0 ? 0 : index + step))]);
  }

  function nothing() {
    say(status && status.dataset.nothing || "Nothing is in focus: press j to go to the first comment.", true);
  }

  function after(card) {
    var all = cards(), index = all.indexOf(card);
    return all[index + 1] || all[index - 1] || null;
  }

  function send(form, action) {
    var data = new FormData(form);
    return fetch(action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken") }
    }).then(function (response) {
      return response.json();
    }).catch(function () {
      return { ok: false, message: status && status.dataset.failed || "That did not work: try again." };
    });
  }

  function act(card, which) {
    var form = card.querySelector("form");
    var button = card.querySelector('[data-action="' + which + '"]');
    if (!form || !button || card.dataset.busy) { return; }
    card.dataset.busy = "1";
    send(form, button.getAttribute("formaction") || form.action).then(function (answer) {
      delete card.dataset.busy;
      if (answer.ok) {
        var next = after(card);
        card.remove();
        show(next);
        var count = document.querySelector("[aria-current] .count");
        if (count && which === "save") { count.textContent = Math.max(0, parseInt(count.textContent, 10) - 1); }
        var empty = document.querySelector("[data-empty]");
        if (empty) { empty.hidden = cards().length > 0; }
      }
      if (!answer.ok || which === "save") { say(answer.message, !answer.ok); }
      if (!answer.ok) { card.querySelector("[data-text]").focus(); }
    });
  }

  list.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = event.submitter;
    act(event.target.closest("[data-card]"), button && button.dataset.action === "skip" ? "skip" : "save");
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.isComposing) { return; }
    var card = focused();
    var inText = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (inText) {
      if (card && event.target.matches("[data-text]")) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); act(card, "save"); }
        if (event.key === "Escape") { event.preventDefault(); show(card); }
      }
      return;
    }
    if (event.ctrlKey || event.metaKey) { return; }
    if (event.key === "j" || event.key === "k") { event.preventDefault(); move(event.key === "j" ? 1 : -1); return; }
    if (event.key === "Enter" && card && document.activeElement === card) {
      event.preventDefault();
      card.querySelector("[data-text]").focus();
      return;
    }
    if (event.key === "s") {
      event.preventDefault();
      if (card) { act(card, "skip"); } else { nothing(); }
    }
  });

  list.addEventListener("focusin", function (event) {
    var card = event.target.closest("[data-card]");
    cards().forEach(function (c) { c.classList.toggle("is-current", c === card); });
  });

  var legend = document.querySelector("[data-shortcuts]");
  if (legend) { legend.hidden = false; }
  var fromHash = /^#card-\d+$/.test(location.hash) && document.querySelector(location.hash);
  if (fromHash) { show(fromHash); }
})();
