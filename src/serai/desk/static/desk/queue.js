/* The moderation queue with a keyboard: j/k move, a approve, r reject, b ban, d dismiss reports,
   1-9 choose a clause, x select, shift+j/k select a range, shift+x select all, u undo.

   The queue is a plain form that works without this script. With it, decisions are sent in the
   background and the queue updates in place: decided cards leave, focus moves to the next card,
   the counts follow. A key acts on the selected comments if any are selected, else on the card
   that has the focus; with nothing in focus or selected it does nothing. */
(function () {
  "use strict";
  var form = document.querySelector("[data-queue-form]");
  var status = document.querySelector("[data-status]");
  var tabs = document.querySelector("[data-counts-url]");
  var list = form && form.querySelector("[data-queue]");
  var current = null;   // the card in focus, if any
  var anchor = null;    // where a range selection starts
  var chain = Promise.resolve();  // decisions are sent one after another, in the order pressed

  function cards() {
    return list ? Array.prototype.slice.call(list.querySelectorAll("[data-card]:not([hidden])")) : [];
  }

  /* A new decision replaces the undo of the previous one; a hint or a failure keeps it. */
  function say(text, isError, undo) {
    if (!status) { return; }
    var kept = !undo && isError ? status.querySelector("[data-undo]") : null;
    status.textContent = "";
    var p = document.createElement("p");
    p.className = isError ? "message-error" : "message-success";
    p.textContent = text;
    status.appendChild(p);
    var undoForm = document.querySelector("template[data-undo-template]");
    if (undo && undoForm) { status.appendChild(undoForm.content.cloneNode(true)); }
    if (kept) { status.appendChild(kept); }
  }

  function setCurrent(card) {
    if (current && current !== card) { current.classList.remove("is-current"); }
    current = card;
    if (card) {
      card.classList.add("is-current");
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    }
  }

  /* The card the moderator points at: the current card, only while focus is on or inside it. */
  function focused() {
    var active = document.activeElement;
    var card = active && active.closest ? active.closest("[data-card]") : null;
    return card && !card.hidden ? card : null;
  }

  function move(step, extend) {
    var all = cards();
    if (!all.length) { return; }
    var from = focused() || current;
    var index = from ? all.indexOf(from) : -1;
    var next = all[Math.max(0, Math.min(all.length - 1, index < 0 ? 0 : index + step))];
    if (extend) {
      if (from) { box(from).checked = true; }
      box(next).checked = true;
    }
    setCurrent(next);
  }

  function box(card) { return card.querySelector("[data-select]"); }

  function selected() {
    return cards().filter(function (card) { return box(card).checked; });
  }

  function selectAll() {
    var all = cards();
    var every = all.length && all.every(function (card) { return box(card).checked; });
    all.forEach(function (card) { box(card).checked = !every; });
    syncAll();
  }

  function syncAll() {
    var all = document.querySelector("[data-select-all]");
    if (!all) { return; }
    var n = selected().length;
    all.checked = n > 0 && n === cards().length;
    all.indeterminate = n > 0 && n < cards().length;
  }

  function clauseFor(card) {
    var select = card ? card.querySelector("[data-clause]") : form.querySelector("[data-bulk-clause]");
    return select;
  }

  function chooseClause(number) {
    var targets = selected().length ? [null] : (focused() ? [focused()] : []);
    targets.forEach(function (card) {
      var select = clauseFor(card);
      if (!select) { return; }
      var option = select.querySelector('option[data-number="' + number + '"]');
      if (option) { select.value = option.value; }
    });
  }

  /* Which comments a key acts on: the selection, else the focused card, else none. */
  function targets() {
    var chosen = selected();
    if (chosen.length) { return { cards: chosen, bulk: true }; }
    var card = focused();
    return card ? { cards: [card], bulk: false } : null;
  }

  function payload(action, target) {
    var data = new FormData(form);
    data.delete("act");
    data.delete("bulk");
    data.delete("ids");
    data.delete("all");
    if (target.bulk) {
      data.set("bulk", action);
      target.cards.forEach(function (card) { data.append("ids", card.dataset.id); });
    } else {
      data.set("act", action + ":" + target.cards[0].dataset.id);
    }
    return data;
  }

  function after(target) {
    var all = cards();
    var last = all.indexOf(target.cards[target.cards.length - 1]);
    var rest = all.slice(last + 1).concat(all.slice(0, last).reverse());
    return rest.filter(function (card) { return target.cards.indexOf(card) < 0; })[0] || null;
  }

  function updateCounts(counts) {
    if (!counts) { return; }
    Object.keys(counts).forEach(function (tab) {
      var span = document.querySelector('[data-count="' + tab + '"]');
      if (span) { span.textContent = counts[tab]; }
    });
  }

  function decide(action, only) {
    var target = only ? { cards: [only], bulk: false } : targets();
    if (!target) {
      say(status && status.dataset.nothing || "Choose a comment first: j moves to the next one.", true);
      return;
    }
    var button = !target.bulk && target.cards[0].querySelector('[data-action="' + action + '"]');
    if (!target.bulk && !button) { return; }  // no such decision for this card
    if ((action === "reject" || action === "ban")) {
      var select = clauseFor(target.bulk ? null : target.cards[0]);
      if (select && !select.value) {  // a clause must be chosen first, and the moderator is told so
        say(status && status.dataset.clause || "Choose the clause of the Comment Policy the comment breaks.", true);
        select.focus();
        return;
      }
    }
    var data = payload(action, target);
    var next = after(target);
    target.cards.forEach(function (card) { card.hidden = true; box(card).checked = false; });
    if (!target.bulk || focused() === null || focused().hidden) { setCurrent(next); }
    if (!next) { form.querySelector("[data-select-all]").focus(); }
    if (!next && current) { current.classList.remove("is-current"); current = null; }
    syncAll();
    chain = chain.then(function () { return send(form.action, data); }).then(function (answer) {
      if (answer.ok) {
        target.cards.forEach(function (card) { card.remove(); });
      } else {  // nothing was decided: the cards come back, still selected if they were
        target.cards.forEach(function (card) { card.hidden = false; box(card).checked = target.bulk; });
        setCurrent(target.cards[0]);
        syncAll();
      }
      say(answer.message, !answer.ok, answer.undo);
      updateCounts(answer.counts);
      var empty = document.querySelector("[data-empty]");
      if (empty) { empty.hidden = cards().length > 0; }
    });
  }

  function send(url, data) {
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken") }
    }).then(function (response) {
      return response.json();
    }).catch(function () {
      return { ok: false, message: status && status.dataset.failed || "That did not work: try again." };
    });
  }

  function undo() {
    var button = document.querySelector("[data-undo] button");
    if (button) { chain.then(function () { button.click(); }); }
  }

  var keys = {
    j: function () { move(1, false); },
    k: function () { move(-1, false); },
    J: function () { move(1, true); },
    K: function () { move(-1, true); },
    x: function () { var card = focused(); if (card) { box(card).checked = !box(card).checked; anchor = card; syncAll(); } },
    X: selectAll,
    a: function () { decide("approve"); },
    r: function () { decide("reject"); },
    b: function () { decide("ban"); },
    d: function () { decide("dismiss"); },
    u: undo,
    Escape: function () { cards().forEach(function (card) { box(card).checked = false; }); syncAll(); }
  };

  document.addEventListener("keydown", function (event) {
    if (!list || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    var target = event.target;
    if (target.closest && target.closest("input[type=text], textarea, select, [contenteditable]")) { return; }
    var handler = keys[event.key];
    if (/^[1-9]$/.test(event.key)) { handler = function () { chooseClause(event.key); }; }
    if (!handler) { return; }
    event.preventDefault();
    handler();
  });

  var legend = document.querySelector("[data-shortcuts]");
  if (legend && list) { legend.hidden = false; }  // the keys work only with this script

  if (list) {
    list.addEventListener("focusin", function (event) {
      var card = event.target.closest("[data-card]");
      if (card && card !== current) {
        if (current) { current.classList.remove("is-current"); }
        current = card;
        card.classList.add("is-current");
      }
    });
    /* shift+click on a checkbox selects the range from the last one clicked. */
    list.addEventListener("click", function (event) {
      var clicked = event.target.closest("[data-select]");
      if (!clicked) { return; }
      var card = clicked.closest("[data-card]");
      if (event.shiftKey && anchor && anchor !== card) {
        var all = cards(), from = all.indexOf(anchor), to = all.indexOf(card);
        all.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(function (c) { box(c).checked = clicked.checked; });
      }
      anchor = card;
      syncAll();
    });
    /* The card's own buttons go the same way as the keys. */
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[name=act], button[name=bulk]");
      if (!button) { return; }
      event.preventDefault();
      if (button.name === "act") {
        decide(button.value.split(":")[0], button.closest("[data-card]"));
      } else if (selected().length) {
        decide(button.value);
      } else {
        say(status && status.dataset.none || "Select at least one comment first.", true);
      }
    });
    var all = form.querySelector("[data-select-all]");
    if (all) {
      all.addEventListener("change", function () {
        cards().forEach(function (card) { box(card).checked = all.checked; });
        syncAll();
      });
    }
    var fromHash = /^#card-\d+$/.test(location.hash) && document.querySelector(location.hash);
    if (fromHash) { setCurrent(fromHash); }
  }

  /* Counts stay current while the moderator works, also for other moderators' decisions. */
  if (tabs) {
    window.setInterval(function () {
      if (document.hidden) { return; }
      fetch(tabs.dataset.countsUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(updateCounts)
        .catch(function () {});
    }, 20000);
  }
})();
