"""The person network of a collection, as GraphML and GEXF for Gephi and other graph tools.

Nodes are person entities; an edge joins two persons named in the same document (weight: the
number of such documents) or linked by a document's transmission (sender to recipient, one
chain step to the next), each kind of link counted apart, with the first and last day of the
documents that make it. Both show the archive as corrected (merged, split, renamed persons;
historians' dates) and say so: a node's ``corrected`` lists the changes to that person, an edge's
the corrected dates of its documents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations, pairwise

from lxml import etree

from kartoteka.export.collection import Collection, all_agents
from kartoteka.model import Agent, MentionKind, Record

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    mentions: int
    documents: int
    corrected: str = ""  # the historians' changes to this person, one label each


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # "co-mention" or "correspondence"
    weight: int
    first_date: str = ""  # the earliest day its documents may be from (ISO), "" if none is dated
    last_date: str = ""
    corrected: str = ""  # the corrected dates among its documents


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _person_ids(agents: tuple[Agent, ...], persons: set[str]) -> list[str]:
    return [a.entity for a in agents if a.entity is not None and a.entity in persons]


def _correspondence(r: Record, persons: set[str]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for s in _person_ids(r.senders, persons):
        for t in _person_ids(r.recipients, persons):
            pairs.add((s, t))
    steps = [_person_ids(st.agents, persons) for st in r.chain]
    for here, there in pairwise(steps):
        for s in here:
            for t in there:
                pairs.add((s, t))
    return {(s, t) for s, t in pairs if s != t}


def person_network(c: Collection) -> Network:
    """Persons and their links across the collection."""
    persons = {e.id: e for e in c.of_kind(MentionKind.PERSON)}
    ids = set(persons)
    mentions: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    co: Counter[tuple[str, str]] = Counter()
    corr: Counter[tuple[str, str]] = Counter()
    made_by: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
    for r in c.records:
        here = [m.entity for m in r.mentions if m.entity in ids]
        mentions.update(x for x in here if x is not None)
        named = sorted({x for x in here if x is not None} | {a for a in _agent_ids(r) if a in ids})
        docs.update(named)
        pairs = list(combinations(named, 2))
        co.update(pairs)
        sent = _correspondence(r, ids)
        corr.update(sent)
        for s, t in pairs:
            made_by[("co-mention", s, t)].append(r)
        for s, t in sent:
            made_by[("correspondence", s, t)].append(r)
    nodes = tuple(Node(i, persons[i].name, mentions[i], docs[i],
                       "; ".join(x.label() for x in c.entity_fixes(i))) for i in sorted(ids))
    edges = [_edge(c, "co-mention", s, t, n, made_by[("co-mention", s, t)]) for (s, t), n in sorted(co.items())]
    edges += [_edge(c, "correspondence", s, t, n, made_by[("correspondence", s, t)])
              for (s, t), n in sorted(corr.items())]
    return Network(nodes, tuple(edges))


def _edge(c: Collection, kind: str, source: str, target: str, weight: int, records: list[Record]) -> Edge:
    dated = [r.date for r in records if r.date is not None]
    fixed = [f for r in records if (f := c.fixes(r).get("date")) is not None]
    return Edge(source, target, kind, weight,
                min((d.not_before for d in dated), default=""), max((d.not_after for d in dated), default=""),
                "; ".join(f.label() for f in fixed))


def _agent_ids(r: Record) -> list[str]:
    return [a.entity for _, a in all_agents(r) if a.entity is not None]


def _xml(root: etree._Element) -> str:
    body: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def to_graphml(net: Network) -> str:
    """GraphML: a graph with node label/mentions/documents/corrected and edge kind/weight/
    first_date/last_date/corrected; correspondence edges directed, co-mention edges undirected."""
    g = f"{{{GRAPHML_NS}}}"
    root = etree.Element(g + "graphml", nsmap={None: GRAPHML_NS})  # type: ignore[dict-item]
    keys = (("label", "node", "string"), ("mentions", "node", "int"), ("documents", "node", "int"),
            ("corrected", "node", "string"), ("kind", "edge", "string"), ("weight", "edge", "double"),
            ("first_date", "edge", "string"), ("last_date", "edge", "string"),
            ("edge_corrected", "edge", "string"))
    for name, dom, typ in keys:
        etree.SubElement(root, g + "key", id=name,
                         attrib={"for": dom, "attr.name": name.removeprefix("edge_"), "attr.type": typ})
    graph = etree.SubElement(root, g + "graph", id="persons", edgedefault="directed")
    for n in net.nodes:
        node = etree.SubElement(graph, g + "node", id=n.id)
        for k, v in (("label", n.label), ("mentions", str(n.mentions)), ("documents", str(n.documents)),
                     ("corrected", n.corrected)):
            if v:
                etree.SubElement(node, g + "data", key=k).text = v
    for i, e in enumerate(net.edges):
        # correspondence runs from sender to recipient; a co-mention has no direction, which GraphML
        # says edge by edge (a mixed graph: Gephi, yEd and igraph read it, networkx refuses it)
        edge = etree.SubElement(graph, g + "edge", id=f"e{i}", source=e.source, target=e.target)
        if e.kind == "co-mention":
            edge.set("directed", "false")
        for k, v in (("kind", e.kind), ("weight", str(e.weight)), ("first_date", e.first_date),
                     ("last_date", e.last_date), ("edge_corrected", e.corrected)):
            if v:
                etree.SubElement(edge, g + "data", key=k).text = v
    return _xml(root)


def to_gexf(net: Network) -> str:
    """GEXF 1.3 (Gephi's own format): node attributes mentions/documents, edge kind, weight."""
    x = f"{{{GEXF_NS}}}"
    root = etree.Element(x + "gexf", nsmap={None: GEXF_NS}, version="1.3")  # type: ignore[dict-item]
    meta = etree.SubElement(root, x + "meta")
    etree.SubElement(meta, x + "creator").text = "kartoteka"
    etree.SubElement(meta, x + "description").text = "Persons named together or in correspondence"
    graph = etree.SubElement(root, x + "graph", defaultedgetype="directed", mode="static")
    nattrs = etree.SubElement(graph, x + "attributes", attrib={"class": "node"})
    etree.SubElement(nattrs, x + "attribute", id="0", title="mentions", type="integer")
    etree.SubElement(nattrs, x + "attribute", id="1", title="documents", type="integer")
    etree.SubElement(nattrs, x + "attribute", id="2", title="corrected", type="string")
    eattrs = etree.SubElement(graph, x + "attributes", attrib={"class": "edge"})
    for i, title in enumerate(("kind", "first_date", "last_date", "corrected")):
        etree.SubElement(eattrs, x + "attribute", id=str(i), title=title, type="string")
    nodes = etree.SubElement(graph, x + "nodes")
    for n in net.nodes:
        node = etree.SubElement(nodes, x + "node", id=n.id, label=n.label)
        values = etree.SubElement(node, x + "attvalues")
        etree.SubElement(values, x + "attvalue", attrib={"for": "0", "value": str(n.mentions)})
        etree.SubElement(values, x + "attvalue", attrib={"for": "1", "value": str(n.documents)})
        if n.corrected:
            etree.SubElement(values, x + "attvalue", attrib={"for": "2", "value": n.corrected})
    edges = etree.SubElement(graph, x + "edges")
    for i, e in enumerate(net.edges):
        edge = etree.SubElement(edges, x + "edge", id=str(i), source=e.source, target=e.target,
                                weight=str(float(e.weight)))
        if e.kind != "correspondence":
            # both ways, in a directed graph: readers that take one direction per graph (networkx) read it
            edge.set("type", "mutual")
        values = etree.SubElement(edge, x + "attvalues")
        for i, v in enumerate((e.kind, e.first_date, e.last_date, e.corrected)):
            if v:
                etree.SubElement(values, x + "attvalue", attrib={"for": str(i), "value": v})
    return _xml(root)


__all__ = ["Edge", "Network", "Node", "person_network", "to_gexf", "to_graphml"]
