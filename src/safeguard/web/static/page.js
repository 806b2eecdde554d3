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

  // Ages ("3 h 20 min ago") keep ticking while the page is open, counted from the server's
  // clock at the time the page was made (the same words as the server writes).
  var serverNow = Date.parse(document.body.getAttribute("data-now") || "");
  var offset = isNaN(serverNow) ? 0 : serverNow - Date.now();
  function describe(ms) {
    var minutes = Math.max(0, Math.floor(ms / 60000));
    var days = Math.floor(minutes / 1440), rem = minutes % 1440;
    var hours = Math.floor(rem / 60), mins = rem % 60;
    if (days >= 60) return "about " + Math.round(days / 30.44) + " months";
    if (days >= 7) return days + " days";
    if (days) return days + " day" + (days !== 1 ? "s" : "") + " " + hours + " h";
    if (hours) return hours + " h " + mins + " min";
    return mins + " min";
  }
  function tick() {
    var els = document.querySelectorAll("[data-since]");
    var now = Date.now() + offset;
    for (var i = 0; i < els.length; i++) {
      var since = Date.parse(els[i].getAttribute("data-since"));
      if (isNaN(since)) continue;
      var fmt = els[i].getAttribute("data-format") || "{} ago";
      els[i].textContent = fmt.replace("{}", describe(now - since));
    }
  }
  setInterval(tick, 30000);
  document.addEventListener("safeguard:updated", tick);
  window.safeguardTick = tick;
})();
