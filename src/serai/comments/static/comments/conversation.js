/* Serai reader conversation: live character counter, inline replies, posting and voting in place.
   Everything here is an enhancement: every form works as a plain POST without this script. */
(function () {
  "use strict";

  var segmenter = (typeof Intl !== "undefined" && Intl.Segmenter) ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  // The same two sets are in serai/comments/text.py: browser and server must count alike.
  var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;
  var TRIM = /^[\t\n\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

  // Count as the server does: line endings to \n, controls dropped, NFC, trimmed, then graphemes.
  function normalise(text) {
    return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").normalize("NFC").replace(TRIM, "");
  }
  function graphemes(text) {
    if (!segmenter) { return Array.from(text).length; }
    var n = 0, it = segmenter.segment(text)[Symbol.iterator]();
    while (!it.next().done) { n++; }
    return n;
  }

  // The server gives each message in every plural form of the page's language, by the names
  // Intl.PluralRules answers with ("one", "few", "many", "other"): "1 character", "5 characters".
  var pluralRules = (typeof Intl !== "undefined" && Intl.PluralRules) ? new Intl.PluralRules(document.documentElement.lang || undefined) : null;
  function plural(messages, n) {
    var forms;
    try { forms = JSON.parse(messages); } catch (e) { return messages.replace("{n}", String(n)); }
    var category = pluralRules ? pluralRules.select(n) : (n === 1 ? "one" : "other");
    return (forms[category] || forms.other).replace("{n}", String(n));
  }

  function setupCounter(form) {
    var area = form.querySelector("textarea[data-limit]");
    var visible = form.querySelector("[data-counter-visible]");
    var live = form.querySelector("[data-counter-live]");
    if (!area || !visible) { return; }
    var limit = parseInt(area.getAttribute("data-limit"), 10);
    var lastAnnounced = null;
    function update() {
      var remaining = limit - graphemes(normalise(area.value));
      visible.textContent = remaining + " / " + limit;
      visible.classList.toggle("over", remaining < 0);
      // Announce politely, and only at steps, so screen readers are not flooded while typing.
      var step = remaining <= 0 ? remaining : (remaining <= 20 ? Math.ceil(remaining / 5) * 5 : (remaining <= 100 ? Math.ceil(remaining / 25) * 25 : null));
      if (live && step !== null && step !== lastAnnounced) {
        lastAnnounced = step;
        live.textContent = remaining < 0
          ? plural(form.getAttribute("data-msg-over"), -remaining)
          : plural(form.getAttribute("data-msg-left"), remaining);
      }
    }
    area.addEventListener("input", update);
    update();
  }

  function showErrors(form, errors) {
    form.querySelectorAll(".js-error").forEach(function (el) { el.remove(); });
    Object.keys(errors).forEach(function (name) {
      var field = form.querySelector("[name='" + (name === "__all__" ? "text" : name) + "']");
      var p = document.createElement("span");
      p.className = "field-error js-error";
      p.setAttribute("role", "alert");
      p.textContent = errors[name].map(function (e) { return e.message; }).join(" ");
      if (field && field.parentNode) { field.parentNode.insertBefore(p, field); }
    });
  }

  function setupPosting(form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !form.action) { return; }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      fetch(form.action, { method: "POST", body: new FormData(form), headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json().then(function (data) { return { status: response.status, data: data }; }); })
        .then(function (result) {
          if (button) { button.disabled = false; }
          if (!result.data.ok) { showErrors(form, result.data.errors || {}); return; }
          var holder = document.createElement("div");
          holder.innerHTML = result.data.html;
          var note = document.createElement("p");
          note.className = "notice posted";
          note.setAttribute("role", "status");
          note.textContent = result.data.message;
          form.parentNode.insertBefore(note, form);
          form.parentNode.insertBefore(holder.firstElementChild || holder, form);
          // Keep the name and address for the next comment; clear only what was said. A form
          // token serves one comment: the next one goes with the new token the server sent.
          form.querySelector("textarea").value = "";
          var tokenField = form.querySelector("[name=token]");
          if (tokenField && result.data.token) { tokenField.value = result.data.token; }
          form.querySelectorAll(".js-error").forEach(function (el) { el.remove(); });
          var area = form.querySelector("textarea"); if (area) { area.dispatchEvent(new Event("input")); }
          var parentField = form.querySelector("[name=parent]");
          if (parentField && parentField.value) { cancelReply(form); }
        })
        .catch(function () { if (button) { button.disabled = false; } form.submit(); });
    });
  }

  var home = null;
  function cancelReply(form) {
    form.querySelector("[name=parent]").value = "";
    var label = form.querySelector(".replying-to"); if (label) { label.remove(); }
    if (home) { home.appendChild(form); }
  }

  function setupReplies(form) {
    home = form.parentNode.insertBefore(document.createElement("div"), form);
    home.appendChild(form);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-reply]");
      if (!link) { return; }
      event.preventDefault();
      var comment = link.closest(".comment");
      form.querySelector("[name=parent]").value = link.getAttribute("data-reply");
      var label = form.querySelector(".replying-to");
      if (!label) {
        label = document.createElement("p");
        label.className = "replying-to";
        form.insertBefore(label, form.firstChild);
      }
      // A function, so "$&" and the like in a reader's name are not read as replacement patterns.
      var name = link.getAttribute("data-reply-name");
      label.textContent = form.getAttribute("data-msg-replying").replace("{name}", function () { return name; }) + " ";
      var cancel = document.createElement("button");
      cancel.type = "button"; cancel.className = "link-button";
      cancel.textContent = form.getAttribute("data-msg-cancel");
      cancel.addEventListener("click", function () { cancelReply(form); });
      label.appendChild(cancel);
      comment.parentNode.insertBefore(form, comment.nextSibling);
      var area = form.querySelector("textarea"); if (area) { area.focus(); }
    });
  }

  function setupVoting() {
    var box = document.querySelector("[data-feedback]");
    var form = box && box.querySelector("form");
    if (!form || !window.fetch) { return; }
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button) { return; }
      event.preventDefault();
      var body = new FormData(form); body.append("liked", button.value);
      fetch(form.action, { method: "POST", body: body, headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var out = box.querySelector(".feedback-result");
          out.hidden = false;
          out.textContent = data.ok && data.percent !== null
            ? box.getAttribute("data-msg-result").replace("{n}", String(data.percent))
            : (data.error || "");
          form.remove();
        });
    });
  }

  // Pages carry absolute dates (they may be served from a cache for hours); "5 minutes ago" is
  // worked out here, with the absolute date kept beside it.
  function relativeTimes() {
    if (typeof Intl === "undefined" || !Intl.RelativeTimeFormat) { return; }
    var lang = document.documentElement.lang || undefined;
    var rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    var now = Date.now();
    document.querySelectorAll("time[data-relative]").forEach(function (el) {
      var seconds = Math.round((Date.parse(el.getAttribute("datetime")) - now) / 1000);
      var units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
      for (var i = 0; i < units.length; i++) {
        if (Math.abs(seconds) >= units[i][1] || units[i][0] === "second") {
          var absolute = el.getAttribute("data-absolute") || el.textContent;
          el.setAttribute("data-absolute", absolute);
          el.textContent = rtf.format(Math.round(seconds / units[i][1]), units[i][0]) + " (" + absolute + ")";
          break;
        }
      }
    });
  }

  document.querySelectorAll("form[data-comment-form]").forEach(function (form) {
    setupCounter(form);
    if (form.id === "comment-form") { setupPosting(form); setupReplies(form); }
  });
  setupVoting();
  relativeTimes();
})();
