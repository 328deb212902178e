// Offline viewer of /api/openapi.json: every path, method, summary and parameter.
"use strict";
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
fetch("/api/openapi.json").then(r => r.json()).then(doc => {
  const main = document.getElementById("main");
  main.replaceChildren(el("h1", doc.info.title), el("p", doc.info.description));
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = el("section", undefined, "row");
      sec.append(el("h2", method.toUpperCase() + " " + path), el("p", op.summary || ""));
      const params = op.parameters || [];
      if (params.length) {
        const ul = el("ul");
        for (const p of params) {
          ul.append(el("li", p.name + " (" + p.in + (p.required ? ", required" : "") + "): " + (p.description || "")));
        }
        sec.append(ul);
      }
      main.append(sec);
    }
  }
}).catch(err => {
  document.getElementById("main").replaceChildren(el("p", "Cannot load the API description: " + err, "error"));
});
