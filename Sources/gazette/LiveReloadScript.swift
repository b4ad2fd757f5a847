/// The script `gazette serve` adds to every page it serves (never to `Output/`): it asks the server for the build
/// status twice a second, reloads the page when a new build is in place, and shows a failed build's errors at the
/// top of the page until a build succeeds. It is a file of the server, so pages keep their `script-src 'self'`
/// policy; it styles its box through the CSS object model, which `style-src 'self'` allows.
enum LiveReloadScript {
    static let text = #"""
    (function () {
      "use strict";
      var seen = null;
      function show(error) {
        var box = document.getElementById("gazette-build-error");
        if (!error) {
          if (box) box.remove();
          return;
        }
        if (!box) {
          box = document.createElement("div");
          box.id = "gazette-build-error";
          box.setAttribute("role", "alert");
          var s = box.style;
          s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.zIndex = "2147483647";
          s.maxHeight = "50vh"; s.overflow = "auto"; s.padding = "1em"; s.background = "#fff0f0";
          s.color = "#8b0000"; s.borderBottom = "3px solid #8b0000"; s.font = "14px/1.5 monospace";
          s.whiteSpace = "pre-wrap"; s.textAlign = "left";
          document.body.appendChild(box);
        }
        box.textContent = "gazette serve: the last build failed; this page is the last good build.\n\n" + error;
      }
      function poll() {
        fetch("/_gazette/status.json", { cache: "no-store" })
          .then(function (response) { return response.json(); })
          .then(function (status) {
            if (seen !== null && status.build !== seen && !status.error) {
              location.reload();
              return;
            }
            seen = status.build;
            show(status.error);
          })
          .catch(function () {})
          .then(function () { setTimeout(poll, 500); });
      }
      poll();
    })();
    """#
}
