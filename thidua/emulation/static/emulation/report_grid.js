/* The member's report grid: live points while the officer types (nothing is saved), and a
   confirmation before sending the report. Plain JavaScript, no framework. */
(function () {
  "use strict";
  var form = document.querySelector("[data-report-grid]");
  if (!form) {
    return;
  }
  var url = form.getAttribute("data-points-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var status = form.querySelector("[data-live-status]");
  var timer = null;
  var latest = 0;
  var edited = {};  // codes whose value the officer changed since the page loaded

  function each(selector, fn) {
    Array.prototype.forEach.call(form.querySelectorAll(selector), fn);
  }

  function collect() {
    var values = {};
    each("[data-value-input]", function (input) {
      values[input.getAttribute("data-code")] = input.value;
    });
    return values;
  }

  function show(data) {
    each("[data-points-for]", function (el) {
      var code = el.getAttribute("data-points-for");
      el.textContent = Object.prototype.hasOwnProperty.call(data.points, code) ? data.points[code] : "–";
    });
    each("[data-live-errors-for]", function (el) {
      var code = el.getAttribute("data-live-errors-for");
      var server = form.querySelector('[data-errors-for="' + code + '"]');
      // The server's messages for a row describe what was sent; until the officer edits that row
      // they stay, and the live check of the same value would only say it a second time (#17).
      var messages = server && !edited[code] ? [] : data.errors[code] || [];
      el.textContent = messages.join(" ");
    });
    each("[data-value-input]", function (input) {
      var code = input.getAttribute("data-code");
      var hint = form.querySelector('[data-readas-for="' + code + '"]');
      var readAs = data.read_as[code];
      var typed = input.value.trim();
      // "1.234" could mean 1,234 or 1234: say how it was read whenever a dot was typed.
      if (hint) {
        hint.textContent = readAs && typed.indexOf(".") >= 0 && readAs !== typed ? "Đọc là: " + readAs : "";
      }
    });
    form.querySelector("[data-total]").textContent = data.total === null ? "–" : data.total;
    var problems = data.problems.slice();
    if (data.vetoed) {
      problems.push("Vi phạm tiêu chí phủ quyết: đơn vị bị xếp cuối và không được suy tôn dẫn đầu.");
    }
    form.querySelector("[data-problems]").textContent = problems.join(" ");
    status.textContent = "";
  }

  function refresh() {
    var mine = ++latest;
    status.textContent = "Đang tính điểm…";
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({values: collect()})
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        if (mine === latest) {
          show(data);
        }
      })
      .catch(function () {
        if (mine === latest) {
          status.textContent = "Chưa tính được điểm (mất kết nối?). Số liệu vẫn được lưu khi bấm «Lưu».";
        }
      });
  }

  function schedule(event) {
    if (!event.target.hasAttribute("data-value-input")) {
      return;
    }
    var code = event.target.getAttribute("data-code");
    if (!edited[code]) {
      // The value is no longer the one the server judged: its messages give way to the live ones.
      edited[code] = true;
      var server = form.querySelector('[data-errors-for="' + code + '"]');
      if (server) {
        server.hidden = true;
      }
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }

  each("input[type=file]", function (input) {
    input.addEventListener("change", function () {
      var code = input.getAttribute("data-code");
      var box = form.querySelector('[data-chosen-for="' + code + '"]');
      var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
      if (box) {
        box.textContent = names.length ? "Sẽ tải lên khi bấm «Lưu»: " + names.join(", ") : "";
      }
    });
  });

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  each("[data-confirm]", function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
  refresh();
})();
