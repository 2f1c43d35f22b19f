// kartoteka reading room: small progressive enhancements. Pages work without this file.
// Never inserts markup from data: text goes in through textContent and attributes only.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function segmentsIn(a, b) {
  const out = [];
  document.querySelectorAll("#text span[data-a]").forEach((s) => {
    const sa = +s.dataset.a, sb = +s.dataset.b;
    if (sa >= a && sb <= b) out.push(s);
  });
  return out;
}

function light(a, b, on) {
  segmentsIn(a, b).forEach((s) => s.classList.toggle("lit", on));
}

function wireEvidence() {
  const said = document.getElementById("provenance");
  let hiding = 0;
  const tell = (el) => {
    if (!said || !el.dataset.src) return;
    clearTimeout(hiding);
    said.textContent = el.dataset.src;
    said.hidden = false;
  };
  // the bar goes a moment after the value is left, so it never stays over the text being read
  const untell = () => { clearTimeout(hiding); hiding = setTimeout(() => { if (said) said.hidden = true; }, 2500); };
  document.querySelectorAll(".ev-none[data-src]").forEach((el) => {
    el.addEventListener("mouseenter", () => tell(el));
    el.addEventListener("focus", () => tell(el));
    el.addEventListener("mouseleave", untell);
    el.addEventListener("blur", untell);
  });
  // a mention says what it is on keyboard focus (the pointer has its title; a reader's pointer
  // crosses the text all the time and the bar would flicker)
  document.querySelectorAll("#text a.mention[data-src]").forEach((el) => {
    el.addEventListener("focus", () => tell(el));
    el.addEventListener("blur", untell);
  });
  // a click pins the value's characters: they stay lit, scrolled into the middle of the screen,
  // until another value is clicked (pointing and focusing light them only while they last)
  let pinned = null;
  document.querySelectorAll(".ev[data-a]").forEach((el) => {
    const a = +el.dataset.a, b = +el.dataset.b;
    const on = () => { el.classList.add("on"); light(a, b, true); tell(el); };
    const off = () => {
      if (pinned === el) return;
      el.classList.remove("on"); light(a, b, false); untell();
    };
    el.addEventListener("mouseenter", on);
    el.addEventListener("mouseleave", off);
    el.addEventListener("focus", on);
    el.addEventListener("blur", off);
    el.addEventListener("click", () => {
      const before = pinned;
      pinned = el;
      if (before && before !== el) {
        before.classList.remove("on");
        light(+before.dataset.a, +before.dataset.b, false);
      }
      on();
      const first = segmentsIn(a, b)[0];
      if (first) {
        const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        first.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
      }
    });
  });
}

function showOffsetFromHash() {
  const m = /^#(\d+)$/.exec(location.hash);
  if (!m || !document.getElementById("text")) return;
  const at = +m[1];
  const seg = [...document.querySelectorAll("#text span[data-a]")].find((s) => +s.dataset.a <= at && at < +s.dataset.b);
  if (!seg) return;
  const target = seg.querySelector("a") || seg;
  target.classList.add("lit");
  target.scrollIntoView({ block: "center" });
}

function wireKeys() {
  document.addEventListener("keydown", (ev) => {
    const tag = (ev.target && ev.target.tagName) || "";
    if (/INPUT|TEXTAREA|SELECT/.test(tag) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "/") {
      const box = document.getElementById("q") || document.getElementById("topq");
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
    }
    // j / k: the next or previous document (of the search it was opened from, else of the collection)
    if (ev.key === "j" || ev.key === "k") {
      const link = document.querySelector(`.docnav a[data-key="${ev.key}"]`);
      if (link) { ev.preventDefault(); link.click(); }
    }
  });
}

function wirePickers() {
  const list = document.getElementById("candidates");
  if (!list) return;
  let timer = 0;
  document.querySelectorAll("input.entity-pick").forEach((inp) => {
    inp.addEventListener("input", () => {
      clearTimeout(timer);
      const prefix = inp.value.trim();
      if (prefix.length < 2) return;
      timer = setTimeout(async () => {
        const url = `/api/entities?kind=${encodeURIComponent(inp.dataset.kind || "person")}&prefix=${encodeURIComponent(prefix)}`;
        const res = await fetch(url, { headers: { accept: "application/json" } });
        if (!res.ok) return;
        const items = await res.json();
        list.replaceChildren(...items.map((it) => {
          const o = document.createElement("option");
          o.value = it.id;
          o.label = `${it.name} (${it.documents})`;
          return o;
        }));
      }, 150);
    });
  });
}

// Fruchterman–Reingold: every pair repels (k²/d), ties pull (d²/k), a little gravity keeps loners in,
// and the step shrinks as the layout cools. Deterministic: the start is a circle in list order.
function layout(nodes, edges, w, h) {
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const t = (2 * Math.PI * i) / Math.max(n, 1);
    d.x = w / 2 + (w / 4) * Math.cos(t);
    d.y = h / 2 + (h / 4) * Math.sin(t);
  });
  const byId = new Map(nodes.map((d) => [d.id, d]));
  const links = edges.map((e) => ({ s: byId.get(e.source), t: byId.get(e.target), w: e.weight, kind: e.kind }))
    .filter((l) => l.s && l.t);
  const k = 1.05 * Math.sqrt((w * h) / Math.max(n, 1));
  const iters = 400;
  for (let it = 0; it < iters; it++) {
    const temp = (w / 10) * (1 - it / iters) + 0.5;
    nodes.forEach((d) => { d.dx = 0; d.dy = 0; });
    for (let i = 0; i < n; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < n; j++) {
        const b = nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
        const f = (k * k) / d;
        a.dx += (dx / d) * f; a.dy += (dy / d) * f;
        b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
      }
    }
    links.forEach((l) => {
      const dx = l.s.x - l.t.x, dy = l.s.y - l.t.y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
      const f = ((d * d) / k) * Math.min(1 + Math.log(l.w) / 2, 2);
      l.s.dx -= (dx / d) * f; l.s.dy -= (dy / d) * f;
      l.t.dx += (dx / d) * f; l.t.dy += (dy / d) * f;
    });
    nodes.forEach((d) => {
      d.dx += (w / 2 - d.x) * 3 * (k / w); d.dy += (h / 2 - d.y) * 4 * (k / h);
      const len = Math.max(Math.sqrt(d.dx * d.dx + d.dy * d.dy), 0.01);
      const step = Math.min(len, temp);
      d.x = Math.min(w - 40, Math.max(40, d.x + (d.dx / len) * step));
      d.y = Math.min(h - 20, Math.max(20, d.y + (d.dy / len) * step));
    });
  }
  return links;
}

function el(name, attrs) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, String(v)));
  return e;
}

async function drawNetwork() {
  const svg = document.getElementById("network");
  if (!svg) return;
  const res = await fetch(svg.dataset.src, { headers: { accept: "application/json" } });
  if (!res.ok) return;
  const data = await res.json();
  const w = 1000, h = 640;
  const nodes = data.nodes.map((d) => ({ ...d }));
  const links = layout(nodes, data.edges, w, h);
  const top = Math.max(1, ...nodes.map((d) => d.documents));
  // only the 30 most documented people are labelled at once; every other name shows on hover or focus
  const labelFloor = nodes.map((d) => d.documents).sort((a, b) => b - a)[Math.min(29, nodes.length - 1)] || 0;
  const gl = el("g", { class: "links" }), gn = el("g", { class: "nodes" });
  const defs = el("defs", {});
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.appendChild(el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }));
  defs.appendChild(marker);
  const lines = links.map((l) => {
    const line = el("line", { class: l.kind === "chain" ? "chain" : "co", "stroke-width": Math.min(1 + Math.log(l.w) * 1.5, 6) });
    if (l.kind === "chain") line.setAttribute("marker-end", "url(#arrow)");
    const t = document.createElementNS(SVG, "title");
    t.textContent = `${l.s.name} — ${l.t.name}: ${l.w} (${l.kind})`;
    line.appendChild(t);
    gl.appendChild(line);
    return [line, l];
  });
  const place = () => lines.forEach(([line, l]) => {
    line.setAttribute("x1", l.s.x); line.setAttribute("y1", l.s.y);
    line.setAttribute("x2", l.t.x); line.setAttribute("y2", l.t.y);
  });
  nodes.forEach((d) => {
    const a = el("a", { href: `/entities/${encodeURIComponent(d.id)}`, "data-id": d.id });
    const r = 4 + 10 * Math.sqrt(d.documents / top);
    const c = el("circle", { r, cx: d.x, cy: d.y });
    const title = document.createElementNS(SVG, "title");
    title.textContent = `${d.name}: ${d.documents} document(s)`;
    c.appendChild(title);
    const label = el("text", { x: d.x + r + 3, y: d.y + 4 });
    label.textContent = d.name;
    if (d.documents < labelFloor) label.classList.add("minor");
    a.append(c, label);
    gn.appendChild(a);
    let dragging = false, moved = false;
    c.addEventListener("pointerdown", (ev) => { dragging = true; moved = false; c.setPointerCapture(ev.pointerId); });
    c.addEventListener("pointermove", (ev) => {
      if (!dragging) return;
      const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
      const p = pt.matrixTransform(svg.getScreenCTM().inverse());
      d.x = p.x; d.y = p.y; moved = true;
      c.setAttribute("cx", d.x); c.setAttribute("cy", d.y);
      label.setAttribute("x", d.x + r + 3); label.setAttribute("y", d.y + 4);
      place();
    });
    c.addEventListener("pointerup", () => { dragging = false; });
    a.addEventListener("click", (ev) => { if (moved) { ev.preventDefault(); moved = false; } });
  });
  place();
  svg.replaceChildren(defs, gl, gn);
  svg.dataset.drawn = String(nodes.length);
  wireNetworkReading(svg, lines, gn);
}

// Reading a dense network: a floor on co-mention ties (transmission ties always stay), and one
// person's own ties alone while they are pointed at or focused.
function wireNetworkReading(svg, lines, gn) {
  const floor = document.getElementById("netmin");
  const apply = () => {
    const min = floor ? +floor.value : 1;
    lines.forEach(([line, l]) => { line.style.display = l.kind !== "chain" && l.w < min ? "none" : ""; });
  };
  if (floor) {
    floor.addEventListener("change", apply);
    floor.closest("label").hidden = false;  // of use only with the drawing, which needs this file
  }
  apply();
  gn.querySelectorAll("a[data-id]").forEach((a) => {
    const me = a.dataset.id;
    const on = () => {
      svg.classList.add("focused");
      lines.forEach(([line, l]) => line.classList.toggle("hot", l.s.id === me || l.t.id === me));
      a.classList.add("hot");
    };
    const off = () => {
      svg.classList.remove("focused");
      lines.forEach(([line]) => line.classList.remove("hot"));
      a.classList.remove("hot");
    };
    a.addEventListener("mouseenter", on); a.addEventListener("focus", on);
    a.addEventListener("mouseleave", off); a.addEventListener("blur", off);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  wireKeys();
  wireEvidence();
  showOffsetFromHash();
  wirePickers();
  drawNetwork();
});
