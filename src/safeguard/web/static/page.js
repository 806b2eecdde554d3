// Small aids for every page; the pages work without them.
(function () {
  // On a narrow screen each table row of class "cards" is shown as a card: label each cell
  // with its column heading.
  function label() {
    var tables = document.querySelectorAll("table.cards");
    for (var t = 0; t < tables.length; t++) {
      var heads = tables[t].querySelectorAll("thead th");
      var rows = tables[t].querySelectorAll("tbody tr");
      for (var r = 0; r < rows.length; r++) {
        var cells = rows[r].children;
        for (var c = 0; c < cells.length && c < heads.length; c++) {
          cells[c].setAttribute("data-label", heads[c].textContent.trim());
        }
      }
    }
  }
  label();
  document.addEventListener("safeguard:updated", label);  // the live queue was replaced

  // Times keep ticking while the page is open. The server writes instants (UTC, ISO 8601) in
  // data attributes and the words it would say now; this script says them again every minute,
  // counted from the server's clock (the page's data-now), with the same words as the server
  // (safeguard.timing.duration_words):
  //   data-since="T"  "3 h 20 min" since T (data-format "{} ago" puts it in a sentence)
  //   data-due="T"    "due in 2 h" until T, then "overdue by 5 min" (the row turns urgent)
  var serverNow = Date.parse(document.body.getAttribute("data-now") || "");
  var offset = isNaN(serverNow) ? 0 : serverNow - Date.now();
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function duration(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    if (minutes < 1) return "under 1 min";
    var h = Math.floor(minutes / 60), m = minutes % 60;
    if (h < 48) {
      if (h === 0) return m + " min";
      return h + " h" + (m ? " " + m + " min" : "");
    }
    var days = Math.floor(h / 24);
    h = h % 24;
    return plural(days, "day") + (h ? " " + h + " h" : "");
  }
  var timer = null;
  function tick() {
    var now = Date.now() + offset;
    var next = Infinity;
    var els = document.querySelectorAll("[data-since]");
    for (var i = 0; i < els.length; i++) {
      var since = Date.parse(els[i].getAttribute("data-since"));
      if (isNaN(since)) continue;
      var fmt = els[i].getAttribute("data-format") || "{}";
      els[i].textContent = fmt.replace("{}", duration(now - since));
    }
    var due = document.querySelectorAll("[data-due]");
    for (var j = 0; j < due.length; j++) {
      var at = Date.parse(due[j].getAttribute("data-due"));
      if (isNaN(at)) continue;
      if (at > now) {
        due[j].textContent = "due in " + duration(at - now);
        next = Math.min(next, at);
      } else {
        due[j].textContent = "overdue by " + duration(now - at);
        var row = due[j].closest("tr");
        if (row && !row.classList.contains("urgent")) {
          row.classList.add("urgent");
          row.setAttribute("data-overdue", "");
        }
      }
    }
    // Next minute, or the moment something falls due, whichever comes first.
    if (timer) clearTimeout(timer);
    var wait = Math.min(60000 - (now % 60000), next - now + 50);
    timer = setTimeout(tick, Math.max(250, wait));
  }
  tick();
  document.addEventListener("safeguard:updated", tick);
  window.safeguardTick = tick;
  window.safeguardDuration = duration;  // the browser test compares it with the server's
})();
