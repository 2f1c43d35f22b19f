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

// The network is laid out and drawn on the server (no two circles closer than their radii);
// here one person's own ties alone while they are pointed at or focused, and a changed filter
// applies at once.
function wireNetwork() {
  const svg = document.getElementById("network");
  const form = document.getElementById("network-filter");
  if (form) {
    form.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => form.requestSubmit()));
  }
  if (!svg) return;
  const lines = [...svg.querySelectorAll("line[data-s]")];
  svg.querySelectorAll("a[data-id]").forEach((a) => {
    const me = a.dataset.id;
    const on = () => {
      svg.classList.add("focused");
      lines.forEach((line) => line.classList.toggle("hot", line.dataset.s === me || line.dataset.t === me));
      a.classList.add("hot");
    };
    const off = () => {
      svg.classList.remove("focused");
      lines.forEach((line) => line.classList.remove("hot"));
      a.classList.remove("hot");
    };
    a.addEventListener("mouseenter", on); a.addEventListener("focus", on);
    a.addEventListener("mouseleave", off); a.addEventListener("blur", off);
  });
}

function el(name, attrs) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, String(v)));
  return e;
}

function monthAfter(month, by) {
  const n = (+month.slice(0, 4)) * 12 + (+month.slice(5, 7)) - 1 + by;
  return `${String(Math.floor(n / 12)).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`;
}

// Brushing the timeline: drag across the bars, and the form is sent with the months dragged over
// (the form itself, with its labelled month fields, is the keyboard's way to the same).
function wireTimeline() {
  const svg = document.getElementById("timeline");
  const form = document.getElementById("timeline-range");
  if (!svg || !form) return;
  const start = svg.dataset.start, months = +svg.dataset.months, width = +svg.dataset.width;
  if (!start || !months) return;
  const toX = (ev) => {
    const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
    return Math.min(Math.max(pt.matrixTransform(svg.getScreenCTM().inverse()).x, 0), width);
  };
  const month = (x) => monthAfter(start, Math.min(Math.floor((x / width) * months), months - 1));
  let from = null, moved = false;
  const band = el("rect", { class: "brush", x: 0, y: -12, width: 0, height: 0 });
  svg.appendChild(band);
  svg.addEventListener("pointerdown", (ev) => {
    from = toX(ev); moved = false;
  });
  svg.addEventListener("pointermove", (ev) => {
    if (from === null) return;
    const x = toX(ev);
    if (!moved && Math.abs(x - from) < 3) return;
    if (!moved) svg.setPointerCapture(ev.pointerId);  // only a drag: a click stays the bar's
    moved = true;
    band.setAttribute("x", Math.min(x, from)); band.setAttribute("width", Math.abs(x - from));
    band.setAttribute("height", +svg.viewBox.baseVal.height);
  });
  svg.addEventListener("pointerup", (ev) => {
    if (from === null) return;
    const x = toX(ev), x0 = from;
    from = null;
    if (!moved) return;
    form.querySelector("[name=start]").value = month(Math.min(x, x0));
    form.querySelector("[name=end]").value = month(Math.max(x, x0));
    form.requestSubmit();
  });
  // a drag is not a click on the bar it ends on
  svg.addEventListener("click", (ev) => { if (moved) { ev.preventDefault(); moved = false; } }, true);
}

// The map zooms and pans by its viewBox (no tiles: the shipped outline map only). Circles and
// names keep their size on the screen; which names show is chosen again for the new scale, as
// the server chose them (the best-known first, none covering another).
function wireMap() {
  const svg = document.getElementById("map");
  if (!svg) return;
  const W = 1000, H = 500;
  const fit = svg.dataset.fit.split(",").map(Number);
  const places = [...svg.querySelectorAll("a.place")].map((a) => {
    const c = a.querySelector("circle");
    return { a, c, x: +c.getAttribute("cx"), y: +c.getAttribute("cy"), r: +c.dataset.r, name: a.dataset.name, n: +a.dataset.count };
  });
  const labels = svg.querySelector("g.labels");
  const viewField = document.getElementById("m-view");
  let view = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
  const relabel = (scale) => {
    const taken = [], out = [];
    [...places].sort((p, q) => q.n - p.n || p.name.localeCompare(q.name)).forEach((p) => {
      if (out.length >= 25) return;
      const x0 = p.x + p.r * scale + scale;
      const box = [x0, p.y - 6 * scale, x0 + p.name.length * 5.6 * scale, p.y + 4 * scale];
      if (taken.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) return;
      taken.push(box);
      const t = el("text", { class: "label", x: x0.toFixed(2), y: (p.y + 3 * scale).toFixed(2), "font-size": (9 * scale).toFixed(2) });
      t.textContent = p.name;
      out.push(t);
    });
    labels.replaceChildren(...out);
  };
  const show = (v) => {
    let [x, y, w] = v;
    w = Math.min(Math.max(w, 10), W);
    const h = (w * H) / W;
    x = Math.min(Math.max(x, 0), W - w); y = Math.min(Math.max(y, 0), H - h);
    view = [x, y, w, h];
    svg.setAttribute("viewBox", view.map((n) => n.toFixed(1)).join(" "));
    const scale = Math.max(w / W, 0.02);
    places.forEach((p) => p.c.setAttribute("r", (p.r * scale).toFixed(3)));
    relabel(scale);
    const state = view.map((n) => n.toFixed(1)).join(",");
    if (viewField) viewField.value = state;
    const url = new URL(location.href);
    url.searchParams.set("view", state);
    history.replaceState(null, "", url);
  };
  const zoom = (factor, cx, cy) => {
    const [x, y, w, h] = view;
    const px = cx === undefined ? x + w / 2 : cx, py = cy === undefined ? y + h / 2 : cy;
    const nw = w * factor;
    show([px - ((px - x) * nw) / w, py - ((py - y) * nw) / w, nw]);
  };
  document.getElementById("zoom-in").addEventListener("click", () => zoom(0.5));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(2));
  document.getElementById("zoom-reset").addEventListener("click", () => show(fit));
  const toMap = (ev) => {
    const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  };
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const p = toMap(ev);
    zoom(ev.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
  }, { passive: false });
  let grab = null, dragged = false;
  svg.addEventListener("pointerdown", (ev) => { grab = toMap(ev); dragged = false; });
  svg.addEventListener("pointermove", (ev) => {
    if (!grab) return;
    const p = toMap(ev);
    if (!dragged && Math.hypot(p.x - grab.x, p.y - grab.y) < view[2] / 200) return;
    dragged = true;
    show([view[0] - (p.x - grab.x), view[1] - (p.y - grab.y), view[2]]);
  });
  svg.addEventListener("pointerup", () => { grab = null; });
  svg.addEventListener("pointerleave", () => { grab = null; });
  svg.addEventListener("keydown", (ev) => {
    const step = view[2] / 8;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[ev.key]) { ev.preventDefault(); show([view[0] + moves[ev.key][0], view[1] + moves[ev.key][1], view[2]]); }
    else if (ev.key === "+" || ev.key === "=") { ev.preventDefault(); zoom(0.5); }
    else if (ev.key === "-") { ev.preventDefault(); zoom(2); }
  });
  // a place opens with the map as it is now (zoom kept); a drag is not a click
  places.forEach((p) => p.a.addEventListener("click", (ev) => {
    if (dragged) { ev.preventDefault(); dragged = false; return; }
    const url = new URL(p.a.getAttribute("href"), location.href);  // an SVG link's href is no string
    url.searchParams.set("view", view.map((n) => n.toFixed(1)).join(","));
    p.a.setAttribute("href", url.pathname + url.search + url.hash);
  }));
}

document.addEventListener("DOMContentLoaded", () => {
  wireKeys();
  wireEvidence();
  showOffsetFromHash();
  wirePickers();
  wireNetwork();
  wireTimeline();
  wireMap();
});
