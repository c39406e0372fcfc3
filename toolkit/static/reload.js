// Live reload for the preview: the server sends its build generation whenever it changes.
(function () {
  var source = new EventSource("/__klaar/events");
  var seen = null;
  source.onmessage = function (event) {
    if (seen !== null && event.data !== seen) { location.reload(); }
    seen = event.data;
  };
})();
