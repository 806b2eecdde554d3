// Live queue: the server pushes the re-rendered queue over server-sent events.
(function () {
  var box = document.getElementById("queue");
  if (!box || !window.EventSource) return;
  var status = document.getElementById("live-status");
  var when = document.getElementById("live-time");
  var announce = document.getElementById("live-announce");
  var baseTitle = document.title;
  var source = new EventSource(box.getAttribute("data-events"));

  // Which link in the queue has keyboard focus, so that it keeps focus after an update.
  function focusedLink() {
    var el = document.activeElement;
    if (!el || !box.contains(el)) return null;
    var row = el.closest("tr[data-key]");
    return row ? { key: row.getAttribute("data-key"), href: el.getAttribute("href") } : null;
  }
  function restoreFocus(was) {
    if (!was) return;
    var rows = box.querySelectorAll("tr[data-key]");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute("data-key") === was.key) {
        var a = rows[i].querySelector("a");
        if (a) a.focus();
        return;
      }
    }
  }

  source.addEventListener("queue", function (ev) {
    var data = JSON.parse(ev.data);
    var was = focusedLink();
    box.innerHTML = data.html;
    restoreFocus(was);
    document.dispatchEvent(new Event("safeguard:updated"));
    var t = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    if (when) when.textContent = "Queue updated at " + t + ".";
    if (data.new_urgent > 0) {
      var msg = data.new_urgent + " new urgent item" + (data.new_urgent > 1 ? "s" : "") + " on the queue.";
      announce.textContent = msg;
      status.textContent = msg;
      document.title = "(" + data.new_urgent + ") " + baseTitle;
    }
  });
  // The session ended (signed out elsewhere, account disabled or changed): go to sign-in.
  source.addEventListener("signedout", function () {
    source.close();
    window.location.assign("/signin?next=" + encodeURIComponent(window.location.pathname));
  });
  source.onerror = function () {
    status.textContent = "Connection lost: trying again. Reload the page if this message stays.";
  };
  source.onopen = function () {
    status.textContent = "Updates automatically: you do not need to reload this page.";
  };
  // Once the user has come back to the page, the count in the tab title has served its purpose.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) document.title = baseTitle;
  });
})();
