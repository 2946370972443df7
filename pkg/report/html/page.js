// Renders the report from the data embedded in the page. Only textContent is
// used for data, never innerHTML, so no workload name can inject markup.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  };
  const symbol = { fail: "✖", flake: "⚠", pass: "✔", skip: "–" };

  for (const f of data.facts) $("facts").append(el("dt", { text: f.name }), el("dd", { text: f.value }));

  $("verdict").textContent = data.brief.verdict;
  if (data.brief.verdict.startsWith("PASS")) $("summary").classList.add("ok");
  const list = (title, items, target) => {
    if (!items || !items.length) return;
    target.append(el("h2", { text: title }), el("ul", {}, ...items.map((t) => el("li", { text: t }))));
  };
  list("Tell the customer: risks specific to this cluster", data.brief.risks, $("risks"));
  list("File: product-wide convention gaps, by component", data.brief.gaps, $("gaps"));

  const components = [...new Set(data.namespaces.map((n) => n.component || "—"))].sort();
  for (const c of components) $("f-component").append(el("option", { value: c, text: c }));

  const headRow = el("tr", {}, el("th", { text: "namespace" }), el("th", { text: "component" }));
  for (const c of data.checks) {
    headRow.append(el("th", { class: "check" + (c.informing ? " informing" : ""), "data-check": c.id,
      title: (c.title || c.id) + (c.informing ? " (informing)" : ""), text: c.id + (c.informing ? " *" : "") }));
  }
  document.querySelector("#matrix thead").append(headRow);

  const rows = [];
  for (const ns of data.namespaces) {
    const tr = el("tr", { "data-namespace": ns.namespace },
      el("td", { class: "ns", text: ns.namespace }), el("td", { class: "comp", text: ns.component || "—" }));
    for (const c of data.checks) {
      const cell = ns.cells[c.id];
      const td = el("td", { class: "cell" + (cell ? " " + cell.outcome : ""), "data-check": c.id, tabindex: "0",
        title: c.id + ": " + (cell ? cell.outcome : "not run"), text: cell ? symbol[cell.outcome] : "" });
      if (cell) {
        td.addEventListener("click", () => show(ns, c, cell));
        td.addEventListener("keydown", (e) => { if (e.key === "Enter") show(ns, c, cell); });
      }
      tr.append(td);
    }
    // Text the search looks in: names, component, and every violation.
    const text = [ns.namespace, ns.component].concat(...Object.values(ns.cells).map((cell) =>
      (cell.violations || []).map((v) => v.workload + " " + (v.container || "") + " " + v.message))).join("\n").toLowerCase();
    rows.push({ ns, tr, text });
    document.querySelector("#matrix tbody").append(tr);
  }

  function show(ns, check, cell) {
    const d = $("detail");
    d.replaceChildren(el("h2", { text: ns.namespace + " · " + check.id + ": " + cell.outcome }));
    if (ns.component) d.append(el("p", { text: "Jira component: " + ns.component }));
    if (cell.reason) d.append(el("p", { text: cell.reason }));
    if (check.fix && cell.violations) d.append(el("p", { class: "fix", text: "How to fix: " + check.fix }));
    for (const v of cell.violations || []) {
      const div = el("div", { class: "violation" },
        el("strong", { text: v.workload + (v.container ? " container " + v.container : "") }),
        el("p", { text: v.message }));
      if (v.exception) div.append(el("p", { text: "Covered by exception " + v.exception }));
      if (v.stanza) div.append(el("p", { text: "Exception stanza, once the bug is filed:" }), el("pre", { class: "stanza", text: v.stanza }));
      d.append(div);
    }
    if (!cell.violations || !cell.violations.length) d.append(el("p", { text: "No violation." }));
    d.hidden = false;
    d.scrollIntoView({ block: "nearest" });
  }

  function apply() {
    const comp = $("f-component").value, outcome = $("f-outcome").value;
    const lifecycle = $("f-lifecycle").value, q = $("f-text").value.trim().toLowerCase();
    const visible = data.checks.filter((c) => !lifecycle || (lifecycle === "informing") === c.informing).map((c) => c.id);
    for (const th of document.querySelectorAll("[data-check]")) th.hidden = !visible.includes(th.dataset.check);
    let shown = 0;
    for (const r of rows) {
      const outcomes = visible.map((id) => r.ns.cells[id] && r.ns.cells[id].outcome).filter(Boolean);
      const ok = (!comp || (r.ns.component || "—") === comp) &&
        (!outcome || (outcome === "pass" ? outcomes.every((o) => o === "pass" || o === "skip") && outcomes.includes("pass")
          : outcomes.includes(outcome))) &&
        (!q || r.text.includes(q));
      r.tr.hidden = !ok;
      if (ok) shown++;
    }
    $("shown").textContent = shown + " of " + rows.length + " namespaces";
  }
  for (const id of ["f-component", "f-outcome", "f-lifecycle"]) $(id).addEventListener("change", apply);
  $("f-text").addEventListener("input", apply);
  apply();
})();
