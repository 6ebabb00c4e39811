/* eccar-plan: the filter of objectives and actions.
 *
 * Progressive enhancement: without this script every page shows everything, and the filter
 * forms stay hidden. The script makes no request of any kind: what it searches is the page
 * itself (the data-search attribute of each chapter, objective and action, folded the way
 * eccar_plan._reports.html.search.fold folds it). A chapter's text counts as part of each of
 * its objectives, as an objective's counts as part of each of its actions.
 */
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function containsAll(text, words) {
    for (var i = 0; i < words.length; i += 1) {
      if (text.indexOf(words[i]) === -1) {
        return false;
      }
    }
    return true;
  }

  function setUp(form) {
    var scope = document.getElementById(form.getAttribute("data-filter"));
    if (!scope) {
      return;
    }
    var query = form.querySelector("input[type=search]");
    var selects = all(form, "select");
    var status = form.querySelector("[data-filter-status]");
    var empty = scope.querySelector("[data-filter-empty]");
    var objectives = all(scope, "[data-kind=objective]");
    var groups = all(scope, "[data-filter-group]");

    function passes(element) {
      for (var i = 0; i < selects.length; i += 1) {
        var wanted = selects[i].value;
        if (wanted) {
          var values = (element.getAttribute("data-" + selects[i].name) || "").split(" ");
          if (values.indexOf(wanted) === -1) {
            return false;
          }
        }
      }
      return true;
    }

    function apply() {
      var words = fold(query ? query.value : "").split(" ").filter(Boolean);
      var active = words.length > 0 || selects.some(function (s) { return s.value; });
      var shown = 0;
      objectives.forEach(function (objective) {
        // an objective matches on its chapter's text too: the group's data-search
        var group = objective.closest("[data-filter-group]");
        var own = (group ? (group.getAttribute("data-search") || "") + " " : "") +
          (objective.getAttribute("data-search") || "");
        var anyAction = false;
        all(objective, "[data-kind=action]").forEach(function (action) {
          var text = own + " " + (action.getAttribute("data-search") || "");
          var match = containsAll(text, words) && passes(action);
          action.hidden = !match;
          anyAction = anyAction || match;
        });
        var match = anyAction || (containsAll(own, words) && passes(objective));
        objective.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      groups.forEach(function (group) {
        group.hidden = all(group, "[data-kind=objective]").every(function (o) { return o.hidden; });
      });
      if (empty) {
        empty.hidden = shown > 0;
      }
      if (status) {
        status.textContent = active
          ? status.getAttribute("data-template")
              .replace("{shown}", String(shown))
              .replace("{total}", String(objectives.length))
          : "";
      }
    }

    if (query && form.hasAttribute("data-filter-url") && window.URLSearchParams) {
      var asked = new URLSearchParams(window.location.search).get("q");
      if (asked) {
        query.value = asked;
      }
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.hidden = false;
    apply();
  }

  function start() {
    all(document, "form[data-filter]").forEach(setUp);
  }

  // Printing shows every finding: the closed groups open before printing and close after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = all(document, "details:not([open])");
    opened.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
