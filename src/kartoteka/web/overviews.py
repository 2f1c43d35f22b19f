"""The reading room's overviews of a search's documents: the timeline, the map and the network of
people, and their JSON twins (handlers of :class:`kartoteka.web.pages.Pages`).

Besides the search (which scopes the documents), a view's own state travels in its URL:
``start`` and ``end`` (months, ``YYYY`` or ``YYYY-MM``: the timeline's visible range, the map's and
the network's dates), ``page`` and ``at`` (the timeline list's page, or the month to list; the
map's place to show in time), ``view`` (the map's zoom, an SVG viewBox), ``ego`` and ``min`` (the
network's centre and least co-mentions for a tie).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from kartoteka.store.pageviews import Count, EntityBrief, PersonLink, PersonNetwork
from kartoteka.web import figures
from kartoteka.web.figures import labelled, located, month_of, pinned, shift, unlocated
from kartoteka.web.finder import Finder, Query
from kartoteka.web.layout import Spot, place
from kartoteka.web.ties import FLOORS, default_floor, thinned

LIST_PAGE = 50  # documents a timeline page lists
TIMELINE_W, TIMELINE_H = 900, 160
NET_W, NET_H = 1000, 640
DRAWN_KEPT = 64  # network layouts kept per process (by content version and request)
EGO_PEOPLE = 40  # a person and at most this many minus one of the people named with them
_drawn: OrderedDict[tuple[Any, ...], tuple[int, PersonNetwork, list[Spot]]] = OrderedDict()
_drawn_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Window:
    """A range of months from the URL (``start``, ``end``; either open), in order."""

    start: str | None = None
    end: str | None = None

    @classmethod
    def of(cls, request: Request) -> Window:
        p = request.query_params
        start, end = month_of(p.get("start", "")[:20]), month_of(p.get("end", "")[:20], last=True)
        if start and end and start > end:
            start, end = month_of(p.get("end", "")[:20]), month_of(p.get("start", "")[:20], last=True)
        return cls(start, end)

    def pairs(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in (("start", self.start), ("end", self.end)) if v]


def link(path: str, query: Query, *pairs: tuple[str, str], anchor: str = "") -> str:
    """A view's URL: the search's parameters, then the view's own."""
    all_pairs = query.pairs() + [(k, v) for k, v in pairs if v]
    return path + ("?" + urlencode(all_pairs) if all_pairs else "") + (f"#{anchor}" if anchor else "")


def _param_int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    try:
        return min(max(int(request.query_params.get(name, "")), lo), hi)
    except ValueError:
        return default


def _filled(counts: Sequence[Count]) -> list[Count]:
    """Counts per year or per month with the empty ones between them, so that bars stand in time."""
    if not counts:
        return []
    have = {c.key: c.count for c in counts}
    first, last = counts[0].key, counts[-1].key
    if len(first) == 4:
        keys = [str(y) for y in range(int(first), int(last) + 1)]
    else:
        keys = [first]
        while keys[-1] < last and len(keys) < figures.MAX_MONTHS:
            keys.append(shift(keys[-1], 1))
    return [Count(k, k, have.get(k, 0)) for k in keys]


def _tie(e: PersonLink, s: tuple[EntityBrief, Spot], t: tuple[EntityBrief, Spot]) -> dict[str, Any]:
    """A tie as the page draws it: a transmission's arrow ends at the edge of the receiver's circle."""
    (a, sa), (b, sb) = s, t
    x2, y2 = sb.x, sb.y
    if e.kind == "chain":
        d = math.hypot(sb.x - sa.x, sb.y - sa.y) or 1.0
        x2, y2 = sb.x - (sb.x - sa.x) / d * (sb.r + 2), sb.y - (sb.y - sa.y) / d * (sb.r + 2)
    chain = e.kind == "chain"
    return {"kind": "chain" if chain else "co", "s": a.id, "t": b.id, "x1": sa.x, "y1": sa.y,
            "x2": f"{x2:.1f}", "y2": f"{y2:.1f}", "width": f"{min(1 + math.log(e.weight) * 1.5, 6):.1f}",
            "title": f"{a.name} {'→' if chain else '—'} {b.name}: {e.weight} document{'' if e.weight == 1 else 's'} "
                     f"({'sent to' if chain else 'named together'})"}


def _place_links(base: str) -> Callable[[str], str]:
    """A place's link on the map page: ``base`` and the place's ``at`` (one quoting per place, not
    the whole query string again for each of hundreds)."""
    base += "&at=" if "?" in base else "?at="
    return lambda pid: f"{base}{quote(pid, safe='')}#place"


class Overviews:
    """Timeline, map and network handlers over the pages' finder."""

    finder: Finder

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        raise NotImplementedError

    def scope(self, query: Query) -> list[int] | None:
        raise NotImplementedError

    # ------------------------------------------------------------ timeline

    async def timeline_page(self, request: Request) -> Response:
        query, asked = Query.of(request), Window.of(request)
        scope = self.scope(query)
        reading = self.finder.reading
        counted = reading.timeline_months(scope)
        counts = [(m.key, m.count) for m in counted[0]]
        focus = figures.focus(counts)
        first, last = (counts[0][0], counts[-1][0]) if counts else (None, None)
        shown = Window(asked.start or (focus[0] if focus else None), asked.end or (focus[1] if focus else None))
        offset = (_param_int(request, "page", 1, 1, 10**6) - 1) * LIST_PAGE
        at = month_of(request.query_params.get("at", "")[:20])
        if at:
            offset = reading.timeline_position(scope, shown.start, at) // LIST_PAGE * LIST_PAGE
        tl = reading.timeline(scope, LIST_PAGE, start=shown.start, end=shown.end, offset=offset, counted=counted)
        ctx = self._axis(query, shown, counts, first, last, focus)
        page = offset // LIST_PAGE + 1
        own = shown.pairs() if asked.start or asked.end else []
        return self.render(
            request, "timeline.html", query=query, pairs=query.pairs(), title="Timeline", docs=tl.documents, events=tl.events,
            undated=tl.undated, dated=tl.dated, listed_total=tl.listed_total, listed_from=tl.listed_from,
            prev_href=link("/timeline", query, *own, ("page", str(page - 1))) if page > 1 else None,
            next_href=(link("/timeline", query, *own, ("page", str(page + 1)))
                       if offset + LIST_PAGE < tl.listed_total else None), **ctx)

    def _axis(self, query: Query, shown: Window, counts: list[tuple[str, int]], first: str | None,
              last: str | None, focus: tuple[str, str] | None) -> dict[str, Any]:
        """The bars, ticks and range links of the timeline's figure."""
        if not (first and last and shown.start and shown.end):
            return {"bars": [], "ticks": [], "width": TIMELINE_W, "height": TIMELINE_H, "shown": shown,
                    "first": first, "last": last, "before": 0, "after": 0, "links": {}}
        bars, ticks = figures.month_bars(counts, TIMELINE_W, TIMELINE_H, (shown.start, shown.end))
        own = shown.pairs()
        rows = [{"x": b.x, "y": b.y, "width": b.width, "height": b.height, "label": b.label, "count": b.count,
                 "href": link("/timeline", query, *own, ("at", b.key), anchor=f"m-{b.key}")} for b in bars if b.count]
        months = len(bars)
        lo, hi = shift(shown.start, -max(months // 2, 1)), shift(shown.end, max(months // 2, 1))
        links = {
            "whole": link("/timeline", query, ("start", first), ("end", last)),
            "focus": link("/timeline", query),
            "wider": link("/timeline", query, ("start", max(lo, first)), ("end", min(hi, last))),
            "earlier": link("/timeline", query, ("start", first), ("end", shown.end)),
            "later": link("/timeline", query, ("start", shown.start), ("end", last)),
        }
        return {"bars": rows, "ticks": ticks, "width": TIMELINE_W, "height": TIMELINE_H, "shown": shown,
                "first": first, "last": last, "months": months, "focus": focus, "links": links,
                "before": sum(n for m, n in counts if m < shown.start),
                "after": sum(n for m, n in counts if m > shown.end)}

    async def timeline_api(self, request: Request) -> Response:
        w = Window.of(request)
        offset = _param_int(request, "offset", 0, 0, 10**9)
        tl = self.finder.reading.timeline(self.scope(Query.of(request)), start=w.start, end=w.end, offset=offset)
        return JSONResponse(asdict(tl))

    # ------------------------------------------------------------ map

    async def map_page(self, request: Request) -> Response:
        query, window = Query.of(request), Window.of(request)
        reading = self.finder.reading
        scope = reading.within(self.scope(query), window.start, window.end)
        places = reading.places(scope)
        points = figures.map_points(located(places))
        view = figures.viewbox(request.query_params.get("view", "")) or figures.frame(points)
        scale = max(view.width / figures.MAP_WIDTH, 0.02)
        at = request.query_params.get("at", "")[:300]
        shown = reading.place_documents(at, scope) if at else None
        # by month when the place's documents fall within three years (and are dated to a month), else by year
        counted = shown.years if shown else ()
        if shown and shown.months and int(shown.years[-1].key) - int(shown.years[0].key) < 3:
            counted = shown.months
        steps = _filled(counted)
        top = max((c.count for c in steps), default=1)
        return self.render(
            request, "map.html", query=query, pairs=query.pairs(), title="Map", points=points, view=view, scale=scale,
            labels=labelled(points, scale), unlocated=unlocated(places), window=window, shown=shown,
            place_years=[{"label": c.label, "count": c.count, "h": 40 * c.count / top} for c in steps],
            place_href=_place_links(link("/map", query, *window.pairs())),
            reset_href=link("/map", query, *window.pairs()))

    async def map_api(self, request: Request) -> Response:
        window = Window.of(request)
        reading = self.finder.reading
        places = reading.places(reading.within(self.scope(Query.of(request)), window.start, window.end))
        return JSONResponse({"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": p.id, "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
             "properties": {"name": p.name, "documents": p.documents, "authority": dict(p.authority)}}
            for p in places if pinned(p)]})

    # ------------------------------------------------------------ network

    def _network(self, request: Request) -> tuple[Query, Window, str | None, int, PersonNetwork, list[Spot]]:
        """The network a request asks for and where its people stand; kept by the archive's content
        version and the request, since laying it out costs more than reading it."""
        query, window = Query.of(request), Window.of(request)
        ego = request.query_params.get("ego", "").strip()[:300] or None
        asked = _param_int(request, "min", 0, 1, 1000) or None
        reading = self.finder.reading
        key = (self.finder.path, reading.version(), tuple(query.pairs()), window, ego, asked)
        with _drawn_lock:
            kept = _drawn.get(key)
            if kept is not None:
                _drawn.move_to_end(key)
        if kept is None:
            scope = reading.within(self.scope(query), window.start, window.end)
            net = reading.network(scope, EGO_PEOPLE if ego else 60, ego=ego)
            least = asked or default_floor([e.weight for e in net.edges if e.kind == "co-mention"], len(net.nodes))
            net = thinned(net, least, ego)
            kept = (least, net, self._layout(net, ego))
            with _drawn_lock:
                _drawn[key] = kept
                while len(_drawn) > DRAWN_KEPT:
                    _drawn.popitem(last=False)
        return query, window, ego, *kept

    @staticmethod
    def _layout(net: PersonNetwork, ego: str | None) -> list[Spot]:
        """Spots for the people with a tie (all of an ego network), in the order of ``net.nodes``;
        an untied person's spot is None-like: radius 0 and never drawn."""
        tied = {e.source for e in net.edges} | {e.target for e in net.edges} | ({ego} if ego else set())
        drawn = [n for n in net.nodes if n.id in tied]
        top = max((n.documents for n in drawn), default=1) or 1
        index = {n.id: i for i, n in enumerate(drawn)}
        ties = [(index[e.source], index[e.target], float(e.weight)) for e in net.edges
                if e.source in index and e.target in index]
        spots = place([5 + 11 * math.sqrt(max(n.documents, 1) / top) for n in drawn], ties,
                      [n.name for n in drawn], NET_W, NET_H, pin=index.get(ego) if ego else None)
        at = dict(zip((n.id for n in drawn), spots, strict=True))
        return [at.get(n.id, Spot(0, 0, 0, 0, 0, "start")) for n in net.nodes]

    async def network_page(self, request: Request) -> Response:
        query, window, ego, least, net, spots = self._network(request)
        by_id = {n.id: (n, s) for n, s in zip(net.nodes, spots, strict=True) if s.r > 0}
        people = [{"id": n.id, "name": n.name, "documents": n.documents, "spot": s, "ego": n.id == ego,
                   "minor": s.crowded} for n, s in by_id.values()]
        ties = [_tie(e, by_id[e.source], by_id[e.target]) for e in net.edges if e.source in by_id and e.target in by_id]
        untied = [n for n in net.nodes if n.id not in by_id]
        centre = net.nodes[0] if ego and net.nodes and net.nodes[0].id == ego else None
        return self.render(
            request, "network.html", query=query, pairs=query.pairs(), title="Network", nodes=net.nodes, people=people, ties=ties,
            untied=untied, n_nodes=len(people), n_edges=len(ties), more=net.more, counted_over=net.counted_over,
            width=NET_W, height=NET_H, window=window, ego=ego, centre=centre, least=least, floors=FLOORS,
            whole_href=link("/network", query, *window.pairs()),
            ego_href=lambda pid: link("/network", query, *window.pairs(), ("ego", pid)))

    async def network_api(self, request: Request) -> Response:
        _, _, _, _, net, spots = self._network(request)
        out = asdict(net)
        out["layout"] = {n.id: {"x": s.x, "y": s.y, "r": s.r} for n, s in zip(net.nodes, spots, strict=True)
                         if s.r > 0}
        return JSONResponse(out)


__all__ = ["LIST_PAGE", "Overviews", "Window", "link"]
