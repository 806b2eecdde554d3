// Live queue: the server pushes the re-rendered queue over server-sent events.
(function () {
  var box = document.getElementById("queue");
  if (!box || !window.EventSource) return;
  var status = document.getElementById("live-status");
  var announce = document.getElementById("live-announce");
  var source = new EventSource(box.getAttribute("data-events"));
  source.addEventListener("queue", function (ev) {
    var data = JSON.parse(ev.data);
    box.innerHTML = data.html;
    var t = new Date().toLocaleTimeString("en-GB");
    status.textContent = "Updates automatically. Last update " + t + ".";
    if (data.new_urgent > 0) {
      var msg = data.new_urgent + " new urgent item" + (data.new_urgent > 1 ? "s" : "") + " on the queue.";
      announce.textContent = msg;
      status.textContent = msg + " Last update " + t + ".";
      document.title = "(" + data.new_urgent + ") Now · safeguard";
    }
  });
  source.onerror = function () {
    status.textContent = "Connection lost: trying again. Reload the page if this stays.";
  };
  source.onopen = function () {
    status.textContent = "Updates automatically.";
  };
})();
