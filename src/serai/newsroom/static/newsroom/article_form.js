// The article form: a live preview of the body, rendered by the server with the same code as the
// article page (no third-party request, no inline script).
"use strict";
(function () {
  function init() {
    var preview = document.querySelector(".body-preview[data-preview-url]");
    var body = document.getElementById("id_body");
    if (!preview || !body) return;
    var form = body.form;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var dateline = document.getElementById("id_dateline");
    var language = document.getElementById("id_language");
    var timer = null;
    var sent = 0;
    function refresh() {
      var data = new FormData();
      data.append("body", body.value);
      data.append("dateline", dateline ? dateline.value : "");
      data.append("language", language ? language.value : "");
      var mine = ++sent;
      fetch(preview.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          // The server's answer is sanitised HTML (the article renderer's allow-list).
          if (html !== null && mine === sent) preview.innerHTML = html;
        })
        .catch(function () { /* offline: the preview waits for the next keystroke */ });
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    }
    body.addEventListener("input", later);
    if (dateline) dateline.addEventListener("input", later);
    refresh();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
