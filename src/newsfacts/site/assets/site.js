/* newsfacts review: the one script of the site. No framework, no network. Every page works
   without it (all content is in the HTML); it adds the details panel of a highlight, the
   filters and the sortable columns. */
(function () {
  "use strict";

  var details = document.getElementById("details");
  var FACT = "mark[data-fact]";

  /* Show the fields of the fact of `mark`; `others` are the highlights under the same
     point (overlapping spans), listed so that each can be chosen. */
  function select(mark, others) {
    if (!details) { return; }
    var card = document.getElementById("fact-" + mark.getAttribute("data-fact"));
    if (!card) { return; }
    var copy = card.cloneNode(true);
    copy.removeAttribute("id");
    copy.removeAttribute("data-card");
    details.replaceChildren(copy);
    if (others && others.length) {
      var also = document.createElement("p");
      also.className = "also";
      also.setAttribute("lang", "en");
      also.append("Also at this place: ");
      others.forEach(function (other) {
        var button = document.createElement("button");
        button.type = "button";
        button.setAttribute("data-select", other.getAttribute("data-fact"));
        button.textContent = other.getAttribute("data-fact");
        also.append(button, " ");
      });
      details.prepend(also);
    }
    document.querySelectorAll("mark.hl.active").forEach(function (m) {
      m.classList.remove("active");
    });
    mark.classList.add("active");
  }

  function markOf(node) {
    return node && node.closest ? node.closest(FACT) : null;
  }

  document.addEventListener("click", function (event) {
    var chosen = event.target.closest ? event.target.closest("[data-select]") : null;
    if (chosen) {
      var named = document.querySelector(
        'mark[data-fact="' + chosen.getAttribute("data-select") + '"]');
      if (named) { named.focus(); select(named); }
      return;
    }
    var mark = markOf(event.target);
    if (!mark) { return; }
    var under = document.elementsFromPoint(event.clientX, event.clientY).filter(function (el) {
      return el !== mark && el.matches(FACT);
    });
    select(mark, under);
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark) { select(mark); }
  });
  document.addEventListener("keydown", function (event) {
    var mark = markOf(event.target);
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(mark);
    }
  });
  if (location.hash.indexOf("#fact-") === 0) {
    var named = document.querySelector('mark[data-fact="' + location.hash.slice(6) + '"]');
    if (named) { select(named); }
  }

  /* Filters: a select[data-filter=NAME][data-target=ROWS] keeps the rows whose data-NAME
     is the chosen value; an output[data-count-for=ROWS] tells how many are shown. */
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  function applyFilters(target) {
    var active = selects.filter(function (s) { return s.dataset.target === target && s.value; });
    var rows = document.querySelectorAll(target);
    var shown = 0;
    rows.forEach(function (row) {
      var keep = active.every(function (s) {
        return row.getAttribute("data-" + s.dataset.filter) === s.value;
      });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    document.querySelectorAll("output[data-count-for]").forEach(function (out) {
      if (out.getAttribute("data-count-for") === target) {
        out.textContent = shown + " of " + rows.length + " shown";
      }
    });
    document.querySelectorAll("[data-source-section]").forEach(function (section) {
      section.hidden = !section.querySelector("tbody tr:not([hidden])");
    });
  }
  var targets = {};
  selects.forEach(function (s) {
    targets[s.dataset.target] = true;
    s.addEventListener("change", function () { applyFilters(s.dataset.target); });
  });
  Object.keys(targets).forEach(applyFilters);

  /* Sortable tables: each th[data-sort] holds a button; numbers sort by data-value. */
  function key(cell) {
    if (cell.hasAttribute("data-value")) {
      var raw = cell.getAttribute("data-value");
      return raw === "" ? null : parseFloat(raw);
    }
    return cell.textContent.trim();
  }
  function compare(a, b) {
    if (a === null || a === "") { return b === null || b === "" ? 0 : 1; }
    if (b === null || b === "") { return -1; }
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    return String(a).localeCompare(String(b), "zh-Hans", { numeric: true });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));
    heads.forEach(function (th, column) {
      th.querySelector("button").addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var order = compare(key(x.cells[column]), key(y.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
