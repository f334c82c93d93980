// Live sessions: the fragment #live is polled every two seconds (htmx). We send the
// ETag we have; the server answers 304 while nothing changed, and then nothing is
// swapped (neither on a 304 nor on a 200 carrying the same ETag from the cache).
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    if (element && element.id === "live" && element.dataset.etag && event.detail.verb === "get") {
      event.detail.headers["If-None-Match"] = element.dataset.etag;
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "live") return;
    var xhr = event.detail.xhr;
    if (xhr.status === 304) {
      event.detail.shouldSwap = false;
      return;
    }
    var polled = event.detail.requestConfig && event.detail.requestConfig.verb === "get";
    if (!polled) return;
    var etag = xhr.getResponseHeader("ETag");
    // Unchanged, or the person is filling in a form of the fragment (the result,
    // the rating): keep the page as it is; the next poll brings the news.
    if ((etag && etag === target.dataset.etag) || target.querySelector("form[data-dirty]")) {
      event.detail.shouldSwap = false;
    }
  });

  document.addEventListener("input", function (event) {
    var form = event.target && event.target.form;
    if (form && form.closest("#live") && !form.matches("[data-reset]")) {
      form.dataset.dirty = "1";
    }
  });

  // A sent idea clears its field (the field itself survives swaps: hx-preserve).
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (event.detail.successful && form && form.matches && form.matches("form[data-reset]")) {
      form.querySelectorAll("input[type=text]").forEach(function (input) { input.value = ""; });
    }
  });

  // The step timer counts down between polls; each swap brings the server's value.
  function tick() {
    document.querySelectorAll("[data-remaining]").forEach(function (element) {
      if (!element.dataset.started) element.dataset.started = String(Date.now());
      var left = Number(element.dataset.remaining) -
        Math.floor((Date.now() - Number(element.dataset.started)) / 1000);
      left = Math.max(0, left);
      var minutes = Math.floor(left / 60);
      var seconds = String(left % 60).padStart(2, "0");
      element.textContent = minutes + ":" + seconds;
      element.classList.toggle("timer-over", left === 0);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
})();
