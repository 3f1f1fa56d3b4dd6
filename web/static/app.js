// orgwork serve: the page's few behaviours. Every change goes to the server, which checks it
// with the library's validator and answers with the workspace's new HTML; nothing is judged here.
(function () {
  "use strict";
  const token = document.querySelector('meta[name="orgwork-token"]').content;
  const root = document.getElementById("workspace");
  if (!root) return;
  const file = root.dataset.file;
  let following = false;

  function flash(text, kind) {
    let box = root.querySelector(".flash");
    if (!box) {
      box = document.createElement("div");
      root.prepend(box);
    }
    box.className = "flash " + kind;
    box.setAttribute("role", kind === "error" ? "alert" : "status");
    box.textContent = text;
  }

  function show(answer) {
    if (answer.html !== undefined) {
      root.innerHTML = answer.html;
      wire();
    }
    if (answer.error) flash(answer.error, "error");
    else if (answer.saved) flash(answer.saved, "ok");
    if (answer.running) follow();
  }

  async function send(url, fields) {
    const body = new URLSearchParams(Object.assign({ file: file }, fields));
    let answer;
    try {
      const response = await fetch(url, { method: "POST", headers: { "X-Orgwork-Token": token }, body: body });
      answer = await response.json().catch(() => ({ error: "the server answered " + response.status }));
      if (response.status === 409 && answer.confirm) {
        if (window.confirm(answer.confirm)) return send(url, Object.assign({}, fields, { replace: "1" }));
        flash("Not saved.", "ok");
        return answer;
      }
    } catch (error) {
      answer = { error: "the server does not answer; is orgwork serve still running?" };
    }
    show(answer);
    return answer;
  }

  async function follow() {
    if (following) return;
    following = true;
    try {
      for (;;) {  // the server waits up to half a second for the job before it answers
        const response = await fetch("/api/state?wait=1&file=" + encodeURIComponent(file));
        const answer = await response.json();
        if (!answer.running) { show(answer); break; }
        const progress = root.querySelector(".progress");
        if (progress) progress.textContent = answer.progress;
      }
    } catch (error) {
      flash("the server does not answer; is orgwork serve still running?", "error");
    } finally {
      following = false;
    }
  }

  function moveTo(body, task, from, to, index) {
    return send("/api/move", { body: body, task: task, from_date: from.date, from_sitting: from.sitting,
                               to_date: to.date, to_sitting: to.sitting, index: String(index) });
  }

  // -- the annex: rows dragged between meetings (SortableJS) --------------------------------
  function sortRows(table, busy) {
    const body = table.dataset.body;
    table.querySelectorAll("tbody.meeting").forEach(function (group) {
      Sortable.create(group, {
        group: "annex-" + body, draggable: "tr.item-row", disabled: busy, animation: 120, forceFallback: true,
        fallbackTolerance: 3, ghostClass: "dragged",
        onStart: function () { table.classList.add("dragging"); },
        onEnd: function (event) {
          table.classList.remove("dragging");
          if (event.from === event.to && event.oldIndex === event.newIndex) return;
          let index = 0;
          for (const row of event.to.querySelectorAll("tr.item-row")) {
            if (row === event.item) break;
            if (!row.classList.contains("together")) index += 1;
          }
          moveTo(body, event.item.dataset.task, event.from.dataset, event.to.dataset, index);
        },
      });
    });
  }

  // -- the timeline: blocks dragged to another sitting (pointer events: SVG has no drag and drop)
  function dragBlocks(section, busy) {
    if (busy) return;
    const body = section.dataset.body;
    section.querySelectorAll("svg.timeline g.block[data-task]").forEach(function (block) {
      block.addEventListener("pointerdown", function (down) {
        if (down.button !== 0) return;
        down.preventDefault();
        block.setPointerCapture(down.pointerId);
        const ghost = document.createElement("div");
        ghost.className = "ghost";
        ghost.textContent = "item " + block.dataset.task;
        document.body.append(ghost);
        let target = null;
        let lit = null;
        function place(event) {
          ghost.style.left = event.clientX + 14 + "px";
          ghost.style.top = event.clientY + 10 + "px";
          const under = document.elementFromPoint(event.clientX, event.clientY);
          const holder = under && under.closest("[data-sitting]");
          if (lit) lit.classList.remove("target");
          lit = null;
          target = null;
          if (!holder || holder.closest("section.body") !== section || holder.classList.contains("closed")) return;
          const svg = holder.closest("svg");
          const selector = '[data-date="' + holder.dataset.date + '"][data-sitting="' + CSS.escape(holder.dataset.sitting) + '"]';
          lit = svg.querySelector("rect" + selector);
          if (lit) lit.classList.add("target");
          let index = 0;
          svg.querySelectorAll("g.block" + selector).forEach(function (other) {
            const box = other.getBoundingClientRect();
            if (other !== block && box.left + box.width / 2 < event.clientX) index += 1;
          });
          target = { date: holder.dataset.date, sitting: holder.dataset.sitting, index: index };
        }
        function end(event) {
          block.removeEventListener("pointermove", place);
          block.removeEventListener("pointerup", end);
          block.removeEventListener("pointercancel", end);
          ghost.remove();
          if (lit) lit.classList.remove("target");
          if (event.type !== "pointerup" || !target) return;
          const from = { date: block.dataset.date, sitting: block.dataset.sitting };
          if (target.date === from.date && target.sitting === from.sitting) {
            const own = Array.from(block.parentNode.querySelectorAll('g.block[data-date="' + from.date + '"][data-sitting="' + CSS.escape(from.sitting) + '"]'));
            if (own.indexOf(block) === target.index) return;
          }
          moveTo(body, block.dataset.task, from, target, target.index);
        }
        block.addEventListener("pointermove", place);
        block.addEventListener("pointerup", end);
        block.addEventListener("pointercancel", end);
        place(down);
      });
    });
  }

  function wire() {
    const layout = root.querySelector(".layout");
    const busy = Boolean(root.querySelector("[data-running]"));
    if (layout && layout.dataset.flagged) {
      JSON.parse(layout.dataset.flagged).forEach(function (f) {
        const section = root.querySelector('section.body[data-body="' + CSS.escape(f[0]) + '"]');
        if (!section) return;
        section.querySelectorAll('g.block[data-task="' + CSS.escape(f[1]) + '"][data-date="' + f[2] + '"][data-sitting="' + CSS.escape(f[3]) + '"]')
          .forEach(function (g) { g.classList.add("broken"); });
      });
    }
    root.querySelectorAll("table.annex[data-body]").forEach(function (table) { sortRows(table, busy); });
    root.querySelectorAll("section.body").forEach(function (section) { dragBlocks(section, busy); });
    root.querySelectorAll("[data-action]").forEach(function (button) {
      button.addEventListener("click", function () { send("/api/" + button.dataset.action, {}); });
    });
    root.querySelectorAll("form[data-api]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form.dataset.api, Object.fromEntries(new FormData(form)));
      });
    });
    root.querySelectorAll('select[name="item"]').forEach(function (select) {
      const input = select.form.querySelector('input[name="estimate"]');
      if (!input) return;
      const fill = function () { input.value = select.selectedOptions[0] ? select.selectedOptions[0].dataset.estimate : ""; };
      select.addEventListener("change", fill);
      fill();
    });
    if (busy) follow();
  }

  wire();
})();
