// The Amur dashboard: one page, routes in the hash (#/search, #/events, #/map,
// #/entity/KEY, #/article/DOC, #/show/ID, #/calendar, #/curate). Every piece of
// data goes in with textContent or as an attribute value: no HTML is built
// from strings, so an article's text can never run as markup.
"use strict";

const main = () => document.getElementById("main");

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function link(text, hash) {
  const a = el("a", text);
  a.href = hash;
  return a;
}

function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  return p.toString();
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: "not JSON (" + r.status + ")" }));
  if (!r.ok) throw new Error(body.error || String(r.status));
  return body;
}

function show(...nodes) {
  const m = main();
  m.replaceChildren(...nodes);
  m.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function fail(err) {
  show(el("p", String(err.message || err), "error"));
}

// One line from the structured fields: type, who, where, when (English names first).
function summary(e) {
  let s = e.type.replace(/_/g, " ");
  s = s.charAt(0).toUpperCase() + s.slice(1);
  if (e.status !== "occurred") s += " (" + e.status + ")";
  if (e.participants.length) s += ": " + e.participants.join(", ");
  if (e.location) s += " in " + e.location;
  return s;
}

// Text with [start, end) spans (Unicode scalar values) wrapped in <mark>.
function marked(text, spans, cls) {
  const chars = Array.from(text);
  const box = el("div", undefined, cls);
  let at = 0;
  for (const [a, b] of spans) {
    if (a < at) continue;
    box.append(document.createTextNode(chars.slice(at, a).join("")));
    box.append(el("mark", chars.slice(a, b).join("")));
    at = b;
  }
  box.append(document.createTextNode(chars.slice(at).join("")));
  return box;
}

function eventRow(e) {
  const row = el("div", undefined, "row");
  const title = el("div");
  title.append(link(summary(e), "#/show/" + encodeURIComponent(e.id)));
  row.append(title, el("div", (e.date || "undated") + " · " + e.sources.length + " source(s) · " + e.languages.join(", "), "meta"));
  for (const s of e.sources.slice(0, 3)) {
    const ev = el("div", undefined, "evidence");
    ev.append(el("q", s.evidence), document.createTextNode(" — "), link(s.title || s.source, "#/article/" + encodeURIComponent(s.doc_id)));
    row.append(ev);
  }
  const who = el("div", undefined, "meta");
  e.participant_ids.forEach((id, i) => {
    if (i) who.append(document.createTextNode(" · "));
    who.append(link(e.participants[i] || id, "#/entity/" + encodeURIComponent(id)));
  });
  row.append(who);
  return row;
}

function form(fields, values, onSubmit) {
  const f = el("form");
  for (const [name, label] of fields) {
    const i = el("input");
    i.name = name;
    i.placeholder = label;
    i.setAttribute("aria-label", label);
    i.value = values[name] || "";
    f.append(i);
  }
  f.append(el("button", "Go"));
  f.addEventListener("submit", ev => {
    ev.preventDefault();
    const v = {};
    for (const [name] of fields) v[name] = f.elements[name].value.trim();
    onSubmit(v);
  });
  return f;
}

async function searchPage(q) {
  const f = form([["q", "Search articles"], ["lang", "en, ru, zh"], ["entity", "Entity"], ["region", "Region"], ["from", "From"], ["to", "To"]], q,
    v => { location.hash = "#/search?" + params(v); });
  if (!q.q) return show(el("h1", "Search"), f);
  const [r, named] = await Promise.all([
    api("/api/search?" + params(Object.assign({ limit: 100 }, q))),
    // A query that is a name (in any of three languages) also offers that entity's page.
    api("/api/entities?" + params({ name: q.q })).catch(() => ({ matches: [] })),
  ]);
  // Facets counted by the server over every match: language, year and
  // region refine the search; entity types are shown as counts.
  const facets = el("div", undefined, "facets");
  const refine = (name, list, param) => {
    if (!list.length) return;
    const group = el("div", undefined, "facet");
    group.append(el("span", name + ": ", "meta"));
    for (const c of list) {
      const label = c.value + " (" + c.count + ")";
      group.append(param ? link(label, "#/search?" + params(Object.assign({}, q, param(c.value)))) : el("span", label, "count"), " ");
    }
    facets.append(group);
  };
  refine("Language", r.facets.language, v => ({ lang: v }));
  refine("Year", r.facets.year, v => ({ from: v, to: v }));
  refine("Region", r.facets.region.slice(0, 12), v => ({ region: v }));
  refine("Names", r.facets.entity_type, null);
  const list = el("div");
  for (const h of r.hits) {
    const row = el("div", undefined, "row");
    row.append(link(h.title || h.source, "#/article/" + encodeURIComponent(h.doc_id)), el("div", (h.published || "undated") + " · " + h.language + " · " + h.source, "meta"));
    list.append(row);
  }
  const shown = r.hits.length < r.total ? r.hits.length + " of " + r.total : String(r.total);
  const feed = link("Atom feed of new articles matching this search", "/feeds/search.atom?" + params({ q: q.q, lang: q.lang, entity: q.entity, region: q.region }));
  const profiles = el("p", undefined, "entity-hit");
  for (const e of named.matches) profiles.append(el("span", e.type + ": ", "meta"), link(e.name, "#/entity/" + encodeURIComponent(e.id)));
  show(el("h1", "Search"), f, ...(named.matches.length ? [profiles] : []), facets, el("p", shown + " article(s)", "meta"), feed, list);
}

async function eventsPage(q, heading) {
  const f = form([["type", "Type"], ["entity", "Entity"], ["region", "Region"], ["pair", "CN-HL:RU-AMU"], ["from", "From"], ["to", "To"]], q,
    v => { location.hash = "#/events?" + params(v); });
  const offset = Number(q.offset || 0);
  const r = await api("/api/events?" + params(Object.assign({ limit: 50 }, q)));
  const list = el("div");
  r.rows.forEach(e => list.append(eventRow(e)));
  const nav = el("p");
  if (offset > 0) nav.append(link("← earlier", "#/events?" + params(Object.assign({}, q, { offset: Math.max(0, offset - 50) }))), document.createTextNode(" "));
  if (offset + r.rows.length < r.total) nav.append(link("later →", "#/events?" + params(Object.assign({}, q, { offset: offset + 50 }))));
  const feed = link("Atom feed of these events", "/feeds/events.atom?" + params({ type: q.type, entity: q.entity, region: q.region, pair: q.pair }));
  show(el("h1", heading || "Timeline"), f, el("p", r.total + " event(s), from " + (offset + 1), "meta"), list, nav, feed);
}

async function mapPage() {
  const s = await api("/api/stats");
  const rows = Object.keys(s.matrix).sort();
  const cols = [...new Set(rows.flatMap(r => Object.keys(s.matrix[r])))].sort();
  const max = Math.max(1, ...rows.flatMap(r => Object.values(s.matrix[r])));
  const t = el("table", undefined, "heat");
  const head = el("tr");
  head.append(el("th", "CN \\ RU"));
  cols.forEach(c => head.append(el("th", c)));
  t.append(head);
  for (const r of rows) {
    const tr = el("tr");
    tr.append(el("th", r));
    for (const c of cols) {
      const n = s.matrix[r][c] || 0;
      const td = el("td");
      if (n) {
        // A link per cell: the click and the keyboard open that pair's events.
        const a = link(String(n), "#/events?" + params({ pair: r + ":" + c }));
        a.title = r + " × " + c + ": " + n + " event(s)";
        td.append(a);
        td.className = "n";
        td.style.background = "rgba(11, 92, 173, " + (0.12 + 0.5 * n / max).toFixed(2) + ")";
      }
      tr.append(td);
    }
    t.append(tr);
  }
  show(el("h1", "Who works with whom"), el("p", "Events linking a Chinese province (rows) and a Russian region (columns); open a cell for its events.", "meta"),
    rows.length ? t : el("p", "No events link a province and a region yet."));
}

async function entityPage(key) {
  const p = await api("/api/entities/" + encodeURIComponent(key));
  const out = [el("h1", p.name), el("p", p.type + " · " + p.id + (p.code ? " · " + p.code : ""), "meta")];
  const names = el("ul");
  for (const [lang, n] of Object.entries(p.names)) names.append(el("li", lang + ": " + n));
  out.push(el("h2", "Names"), names);
  if (p.terms.length || p.offices.length) {
    const ul = el("ul");
    p.terms.forEach(t => ul.append(el("li", (t.from || "?") + "–" + (t.to || "now") + ": " + t.title + ", " + t.of)));
    p.offices.forEach(([d, o]) => ul.append(el("li", (d || "undated") + " (as reported): " + o)));
    out.push(el("h2", "Offices"), ul);
  }
  out.push(el("h2", "Events (" + p.events.length + ")"));
  p.events.forEach(e => out.push(eventRow(e)));
  if (p.co_participants.length) {
    const ul = el("ul");
    p.co_participants.forEach(([n, c]) => ul.append(el("li", n + " (" + c + ")")));
    out.push(el("h2", "Works with"), ul);
  }
  if (p.agreements.length) {
    const ul = el("ul");
    p.agreements.forEach(a => { const li = el("li"); li.append(link((a.date || "undated") + " " + a.kind + ": " + a.parties.join(", "), "#/show/" + encodeURIComponent(a.id))); ul.append(li); });
    out.push(el("h2", "Agreements"), ul);
  }
  const figs = await api("/api/figures?" + params({ entity: p.id, limit: 200 })).catch(() => ({ rows: [] }));
  const vals = figs.rows.filter(f => f.value !== null);
  if (vals.length) {
    const max = Math.max(...vals.map(f => Math.abs(f.value)));
    const chart = el("div");
    for (const f of vals) {
      const line = el("div", undefined, "meta");
      const bar = el("span", undefined, "bar");
      bar.style.width = (12 * Math.abs(f.value) / max).toFixed(2) + "rem";
      line.append(document.createTextNode((f.period || "?") + " " + (f.flow || f.kind) + " "), bar, document.createTextNode(" " + f.value + " " + (f.unit || "")));
      chart.append(line);
    }
    out.push(el("h2", "Trade figures"), chart);
  }
  const arts = el("ul", undefined, "articles");
  p.articles.forEach(a => { const li = el("li"); li.append(link((a.published || "undated") + " [" + a.language + "] " + (a.title || a.source), "#/article/" + encodeURIComponent(a.doc_id))); arts.append(li); });
  out.push(el("h2", "Articles"), arts);
  show(...out);
}

// The article text with each fact's evidence marked and each name a link to
// its entity page. Offsets are in code points, as the API gives them.
function annotated(text, spans, mentions, cls) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const [a, b] of spans) { cuts.add(a); cuts.add(b); }
  const names = mentions.filter(m => m.start < m.end && m.end <= chars.length);
  for (const m of names) { cuts.add(m.start); cuts.add(m.end); }
  const points = Array.from(cuts).filter(c => c >= 0 && c <= chars.length).sort((x, y) => x - y);
  const box = el("div", undefined, cls);
  let mark = null, markEnd = -1;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const m = names.find(n => n.start <= a && b <= n.end);
    let node = document.createTextNode(piece);
    if (m) {
      node = link(piece, "#/entity/" + encodeURIComponent(m.entity_id));
      node.className = "mention " + m.type;
      node.title = m.name + " (" + m.type + ")";
    }
    const ev = spans.find(([x, y]) => x <= a && b <= y);
    if (ev) {
      if (!mark || markEnd !== ev[1]) { mark = el("mark"); markEnd = ev[1]; box.append(mark); }
      mark.append(node);
    } else {
      mark = null;
      box.append(node);
    }
  }
  return box;
}

async function articlePage(doc) {
  const s = await api("/api/documents/" + encodeURIComponent(doc));
  const a = s.article;
  show(el("h1", a.title || a.source), el("p", (a.published || "undated") + " · " + a.language + " · " + a.source, "meta"),
    el("p", "Each fact's evidence sentence is marked; each name links to its page.", "meta"),
    annotated(s.text.text, s.text.spans, s.mentions || [], "article-text"));
}

async function factPage(id) {
  const s = await api("/api/show/" + encodeURIComponent(id));
  const fact = s.event || s.agreement || s.figure;
  if (!fact) return articlePage(id);
  const out = [el("h1", s.event ? summary(s.event) : s.kind + " " + fact.id), el("p", fact.id + " · " + (fact.date || fact.period || "undated"), "meta")];
  const sources = s.event ? s.event.sources : [fact.source];
  s.passages.forEach((p, i) => {
    const src = sources[i];
    if (src) out.push(el("h2", (src.published || "") + " " + (src.title || src.source)), link("open the article", "#/article/" + encodeURIComponent(src.doc_id)));
    out.push(marked(p.text, p.spans, "article-text"));
  });
  show(...out);
}

async function curatePage() {
  const token = el("input");
  token.type = "password";
  token.placeholder = "Token";
  token.setAttribute("aria-label", "Token");
  token.value = sessionStorage.getItem("amur-token") || "";
  const action = el("select");
  action.setAttribute("aria-label", "Action");
  ["rename", "merge", "reject", "split", "undo"].forEach(a => { const o = el("option", a); o.value = a; action.append(o); });
  const a = el("input"); a.placeholder = "id / A / event / n"; a.setAttribute("aria-label", "First argument");
  const b = el("input"); b.placeholder = "new name / B"; b.setAttribute("aria-label", "Second argument");
  const f = el("form");
  const result = el("p", "", "meta");
  f.append(token, action, a, b, el("button", "Apply"));
  f.addEventListener("submit", async ev => {
    ev.preventDefault();
    sessionStorage.setItem("amur-token", token.value);
    const x = a.value.trim(), y = b.value.trim();
    const body = { action: action.value };
    if (action.value === "rename") Object.assign(body, { id: x, name: y });
    if (action.value === "merge") Object.assign(body, { a: x, b: y });
    if (action.value === "reject") body.id = x;
    if (action.value === "split") body.event = x;
    if (action.value === "undo") body.n = Number(x);
    const r = await fetch("/api/curate", { method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value }, body: JSON.stringify(body) });
    const j = await r.json().catch(() => ({}));
    result.textContent = r.ok ? (j.summary || "undone") : ("refused: " + (j.error || r.status));
    if (r.ok) list();
  });
  const ul = el("ul");
  const list = async () => {
    const cs = await api("/api/curations");
    ul.replaceChildren(...cs.map(c => el("li", c.id + ". " + c.action + " " + c.a + (c.b ? " " + c.b : "") + (c.value ? " → " + c.value : ""))));
  };
  show(el("h1", "Curation"), el("p", "Corrections need the server's token; every one can be undone.", "meta"), f, result, el("h2", "Recorded corrections"), ul);
  await list();
}

async function route() {
  const h = location.hash.replace(/^#\/?/, "");
  const [path, qs] = h.split("?");
  const q = Object.fromEntries(new URLSearchParams(qs || ""));
  const [page, ...rest] = path.split("/");
  const arg = decodeURIComponent(rest.join("/"));
  try {
    if (page === "events") await eventsPage(q);
    else if (page === "map") await mapPage();
    else if (page === "calendar") await eventsPage(Object.assign({ status: "planned", from: new Date().toISOString().slice(0, 10) }, q), "Planned events ahead");
    else if (page === "entity") await entityPage(arg);
    else if (page === "article") await articlePage(arg);
    else if (page === "show") await factPage(arg);
    else if (page === "curate") await curatePage();
    else await searchPage(q);
  } catch (err) {
    fail(err);
  }
}

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", route);
