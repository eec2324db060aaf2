/* Samverkan report forms, made a little quicker. Everything here is optional: the forms
 * work the same without it (see samverkan/intake/forms/rows.py and submit_views.py).
 *
 * - Identifiers are checked as they are typed, by the server's own check
 *   (POST to the form's data-check-url), and the answer is shown under the box.
 * - "Add another" copies the formset's empty row in place instead of a round trip.
 * - A form is sent once per tap; a second tap while it is on its way is ignored.
 * - A form page keeps its report id in its history entry, so "back" to it brings back
 *   the same id even when the browser fetches the page anew: sending again stores once.
 * - Enter in the item id box closes the phone keyboard instead of sending half a form.
 */
(function () {
  "use strict";

  var DELAY_MS = 350;
  var timers = new WeakMap();

  function kindOf(input) {
    var from = input.getAttribute("data-identifier-kind-from");
    if (from) {
      var select = document.getElementById(from);
      return select ? select.value : "";
    }
    return input.getAttribute("data-identifier") || "";
  }

  function slotFor(input) {
    var id = input.id + "_check";
    var slot = document.getElementById(id);
    if (!slot) {
      slot = document.createElement("p");
      slot.id = id;
      slot.className = "check";
      slot.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", slot);
    }
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(id) < 0) {
      input.setAttribute("aria-describedby", described.concat([id]).join(" "));
    }
    return slot;
  }

  /* Names read back as written: confirming them would only repeat the box. */
  var QUIET_WHEN_RIGHT = ["person_name"];

  /* A right identifier is confirmed by its canonical writing under the box, or, where the
   * form asks for data-check-confirm="mark" (the phone form), by a mark inside the box only:
   * nothing below it moves while a thumb is on its way to the next target. */
  function show(input, kind, answer) {
    var slot = slotFor(input);
    var bad = !answer.ok;
    var right = !bad && Boolean(answer.display);
    var markOnly = input.form && input.form.getAttribute("data-check-confirm") === "mark";
    var spell = right && !markOnly && QUIET_WHEN_RIGHT.indexOf(kind) < 0;
    slot.textContent = bad ? answer.message : (spell ? "\u2713 " + answer.display : "");
    slot.className = "check" + (bad ? " bad" : (spell ? " ok" : ""));
    input.classList.toggle("is-bad", bad);
    input.classList.toggle("is-ok", right);
    /* The server's message was about what was sent; the check now speaks for the box. */
    var sent = document.getElementById(input.id + "_error");
    if (sent) {
      sent.hidden = true;
    }
  }

  function check(input) {
    var form = input.form;
    var url = form && form.getAttribute("data-check-url");
    var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    var kind = kindOf(input);
    if (!url || !token || !kind) {
      return;
    }
    var asked = input.value;
    var body = new FormData();
    body.append("kind", kind);
    body.append("value", asked);
    body.append("csrfmiddlewaretoken", token.value);
    fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && input.value === asked && kindOf(input) === kind) {
          show(input, kind, answer);
        }
      })
      .catch(function () { /* offline: the server checks again on sending */ });
  }

  function isIdentifier(element) {
    return element instanceof HTMLInputElement &&
      (element.hasAttribute("data-identifier") || element.hasAttribute("data-identifier-kind-from"));
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!isIdentifier(input)) {
      return;
    }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { check(input); }, DELAY_MS));
  });

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.id) {
      return;
    }
    var tagged = document.querySelector('input[data-identifier-kind-from="' + select.id + '"]');
    if (tagged && tagged.value) {
      check(tagged);
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("button[data-add-row]");
    if (!button) {
      return;
    }
    var prefix = button.getAttribute("data-add-row");
    var template = document.getElementById(prefix + "-template");
    var rows = document.getElementById(prefix + "-rows");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var most = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !rows || !total) {
      return; /* let the button ask the server */
    }
    event.preventDefault();
    var count = parseInt(total.value, 10);
    if (most && count >= parseInt(most.value, 10)) {
      return;
    }
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(count)));
    total.value = String(count + 1);
    var first = rows.lastElementChild &&
      rows.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var via = event.submitter;
    if (via && via.name === "add_row") {
      return;
    }
    if (form.hasAttribute("data-sending")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sending", "");
  });

  /* Back to a page kept in the browser's memory: it may be sent again (it stores once). */
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      form.removeAttribute("data-sending");
    });
  });

  /* The hidden report id belongs to the history entry, not to the copy of the page. */
  function keepReportIds() {
    var state = history.state && typeof history.state === "object" ? history.state : {};
    var kept = state.samverkanReportIds || {};
    var changed = false;
    document.querySelectorAll("form input[name=external_id]").forEach(function (input, index) {
      if (kept[index]) {
        input.value = kept[index];
      } else {
        kept[index] = input.value;
        changed = true;
      }
    });
    if (changed) {
      var next = Object.assign({}, state, { samverkanReportIds: kept });
      history.replaceState(next, "");
    }
  }
  keepReportIds();

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key === "Enter" && input instanceof HTMLInputElement &&
        input.getAttribute("enterkeyhint") === "next") {
      event.preventDefault();
      input.blur();
    }
  });
}());
