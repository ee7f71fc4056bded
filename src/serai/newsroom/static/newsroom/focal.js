// The image library's focal point: a click on the preview sets the two percentage fields.
"use strict";
(function () {
  function init() {
    var picker = document.querySelector(".focal-picker");
    var fx = document.getElementById("id_focal_x");
    var fy = document.getElementById("id_focal_y");
    if (!picker || !fx || !fy) return;
    var dot = picker.querySelector(".focal-dot");
    function show() {
      dot.style.left = fx.value + "%";
      dot.style.top = fy.value + "%";
      dot.hidden = false;
    }
    picker.addEventListener("click", function (event) {
      var box = picker.getBoundingClientRect();
      fx.value = Math.round(((event.clientX - box.left) / box.width) * 100);
      fy.value = Math.round(((event.clientY - box.top) / box.height) * 100);
      show();
    });
    fx.addEventListener("input", show);
    fy.addEventListener("input", show);
    show();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
