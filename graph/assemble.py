"""Assemble one document's extracted facts into an RDF graph.

Entities (people, bodies, posts, laws, meetings, regions) get corpus-wide IRIs
(:mod:`graph.iris`); every fact is a node of a gongbao fact class that is
``prov:wasDerivedFrom`` its document and has a ``gb:evidence``: an
``oa:SpecificResource`` on the document with a ``TextPositionSelector`` (start, end)
and a ``TextQuoteSelector`` (the exact quote). No blank nodes: two builds of the
same corpus give identical graphs.

One property per role whatever the kind of fact: ``gb:meeting``, ``gb:person``
(attendee, chair, reporter, appointee), ``gb:body`` (convening, reporting or
deciding body), ``gb:law``, ``gb:role`` (the post printed beside a name),
``dcterms:date`` and ``dcterms:title``.

>>> from gongbao.extract.records import (
...     DocumentFacts, Evidence, LawCitation, SourceDocument)
>>> src = SourceDocument("a.txt", "a.txt", "依据《某某条例》", "utf-8", "00")
>>> facts = DocumentFacts(src, laws=[LawCitation("某某条例", "条例",
...     Evidence("a.txt", 2, 8, "《某某条例》"))])
>>> g = document_graph(facts)
>>> (document_iri("a.txt"), GB.cites, entity_iri("law", "某某条例")) in g
True
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

from ..extract.records import DocumentFacts, Evidence
from ..extract.regions import Division
from ..ontology import prefixes
from ..ontology.prefixes import PREFIXES, Terms
from .iris import document_iri, entity_iri, fact_iri, keyed_iri, meeting_iri
from .resolve import (
    adopted_title,
    body_of_post,
    division_of,
    is_bare_post,
    jurisdiction_of,
    law_key,
    parent_body,
    place_name,
    post_title,
    region_chain,
    town_of,
)

__all__ = ["MEDIA_TYPES", "document_graph", "document_triples"]

# The namespaces' terms, each made once (every fact asks for the same ones).
DCTERMS, GB, OA, ORG, PROV, RDF, RDFS, SDO, TIME, XSD = map(
    Terms,
    (
        prefixes.DCTERMS,
        prefixes.GB,
        prefixes.OA,
        prefixes.ORG,
        prefixes.PROV,
        prefixes.RDF,
        prefixes.RDFS,
        prefixes.SDO,
        prefixes.TIME,
        prefixes.XSD,
    ),
)

STATUS = {
    "present": GB.Present,
    "absent": GB.Absent,
    "leave": GB.OnLeave,
    "nonvoting": GB.NonVoting,
}
#: What a printed count counts -> its status (应到 is no person's status).
COUNTED = {**STATUS, "expected": GB.Expected}
ACTION = {
    "appoint": GB.Appoint,
    "remove": GB.Remove,
    "resign": GB.Resign,
    "engage": GB.Engage,
}
#: A document's ``format`` -> its media type (``dcterms:format``).
MEDIA_TYPES = {
    "txt": "text/plain",
    "md": "text/markdown",
    "html": "text/html",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "jsonl": "application/jsonl",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ABSOLUTE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\S")
# Characters an IRI may not hold; everything else of a URL is kept as it is.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
_CONTEXT = 40  # characters of oa:prefix / oa:suffix at most
_SENTENCE_ENDS = "。；;！？!?\n"


def document_graph(facts: DocumentFacts) -> Graph:
    """The RDF graph of everything one document says."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in document_triples(facts):
        g.add(triple)
    return g


def document_triples(facts: DocumentFacts) -> _Triples:
    """The triples of :func:`document_graph`, without building an rdflib Graph.

    The build writes these straight to N-Quads (:mod:`graph.nquads`).
    """
    return _Assembler(facts).run()


class _Triples(dict):
    """A set of triples that keeps the order they were added in (a Graph's subset).

    >>> t = _Triples()
    >>> t.add(("s", "p", "o")); t.add(("s", "p", "o"))
    >>> list(t), ("s", "p", "o") in t
    ([('s', 'p', 'o')], True)
    """

    __slots__ = ()

    def add(self, triple) -> None:
        """Add ``(s, p, o)`` unless it is there already."""
        self[triple] = None


class _Assembler:
    """Adds one document's facts to a fresh graph."""

    def __init__(self, facts: DocumentFacts) -> None:
        self.facts = facts
        self.source = facts.document.name
        self.doc = document_iri(self.source)
        self.home = division_of(facts.region)
        self.g = _Triples()

    def run(self) -> _Triples:
        self.document()
        self.meeting_dates = {m.key: m.date for m in self.facts.meetings if m.date}
        for meeting in self.facts.meetings:
            self.meeting(meeting)
        for a in self.facts.attendance:
            self.attendance(a)
        for r in self.facts.reports:
            self.report(r)
        for ap in self.facts.appointments:
            self.appointment(ap)
        for c in self.facts.laws:
            self.citation(c)
        for rv in self.facts.reviews:
            self.review(rv)
        for c in self.facts.counts:
            self.count(c)
        return self.g

    # Helpers -------------------------------------------------------------------

    def add(self, s, p, o) -> None:
        if s is None or o is None or o == "":
            return
        if not isinstance(o, URIRef | Literal):
            o = Literal(o)
        self.g.add((s, p, o))

    def date(self, s, p, value: str | None) -> None:
        if value and _ISO_DATE.fullmatch(value):
            self.g.add((s, p, Literal(value, datatype=XSD.date)))

    def fact(self, kind: str, cls, evidence: Evidence, *content) -> URIRef:
        node = fact_iri(kind, self.source, evidence.start, evidence.end, *content)
        self.g.add((node, RDF.type, cls))
        self.g.add((node, PROV.wasDerivedFrom, self.doc))
        self.evidence(node, evidence)
        return node

    def evidence(self, node: URIRef, ev: Evidence, prop=GB.evidence) -> None:
        target = URIRef(f"{node}#evidence")
        position = URIRef(f"{node}#position")
        quote = URIRef(f"{node}#quote")
        g = self.g
        g.add((node, prop, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, self.doc))
        g.add((target, OA.hasSelector, position))
        g.add((target, OA.hasSelector, quote))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(ev.start, datatype=XSD.integer)))
        g.add((position, OA.end, Literal(ev.end, datatype=XSD.integer)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(ev.quote)))
        page = self.facts.document.page_of(ev.start)
        if page is not None:
            g.add((target, GB.page, Literal(page, datatype=XSD.integer)))
        prefix, suffix = self.around(ev.start, ev.end)
        if prefix:
            g.add((quote, OA.prefix, Literal(prefix)))
        if suffix:
            g.add((quote, OA.suffix, Literal(suffix)))

    def around(self, start: int, end: int) -> tuple[str, str]:
        """The text before and after a span, within its sentence (oa:prefix, oa:suffix).

        So a quote of a bare name still shows the sentence or list line it sits in.
        """
        text = self.facts.document.text
        head = text[max(0, start - _CONTEXT) : start]
        cut = max(head.rfind(c) for c in _SENTENCE_ENDS)
        tail = text[end : end + _CONTEXT]
        stops = [i for i in (tail.find(c) for c in _SENTENCE_ENDS) if i != -1]
        if not stops:
            return head[cut + 1 :], tail
        stop = min(stops)
        return head[cut + 1 :], tail[: stop + (tail[stop] != "\n")]

    def named(self, kind: str, cls, name: str) -> URIRef | None:
        """The node of a named entity, typed and labelled in this graph."""
        if not name:
            return None
        node = entity_iri(kind, name)
        self.new_entity(node, cls, name)
        return node

    def new_entity(self, node: URIRef, cls, name: str) -> bool:
        """Type and label ``node`` unless done; ``False`` when it was already here.

        One name per node: the first spelling read (NFKC-equal keys).
        """
        if (node, RDF.type, cls) in self.g:
            return False
        self.g.add((node, RDF.type, cls))
        self.g.add((node, RDFS.label, Literal(name)))
        self.g.add((node, SDO.name, Literal(name)))
        return True

    def region(self, division: Division | None, name: str = "") -> URIRef | None:
        """The node of a region: by its division code, inside its parents."""
        if division is None:
            return self.named("region", GB.Region, name)
        node = parent = None
        for level in region_chain(division):
            node = entity_iri("region", level.code)
            if self.new_entity(node, GB.Region, level.name):
                self.g.add((node, GB.divisionCode, Literal(level.code)))
                self.add(node, SDO.containedInPlace, parent)
            parent = node
        return node

    def post_region(self, post: str, where, place: str) -> URIRef | None:
        """The region of a post: a town or street office under its district."""
        town = town_of(post)
        if not town or where != self.home:
            return self.region(where, place)
        node = keyed_iri("region", self._where(self.home), town)
        if self.new_entity(node, GB.Region, town):
            self.add(node, SDO.containedInPlace, self.home_region())
        return node

    def home_region(self) -> URIRef | None:
        return self.region(self.home, self.facts.region)

    def _where(self, division: Division | None) -> str:
        return division.code if division is not None else self.facts.region

    def person(self, name: str) -> URIRef | None:
        """A person of this document's jurisdiction (see :mod:`graph.resolve`)."""
        if not name:
            return None
        node = keyed_iri("person", self._where(self.home), name)
        if self.new_entity(node, GB.Person, name):
            self.add(node, GB.jurisdiction, self.home_region())
        return node

    def holding(self, name, person, post, event, date, evidence, *, ends=False):
        """Each post of ``post`` (split at 、) ``person`` is shown holding."""
        for part in filter(None, (p.strip() for p in (post or "").split("、"))):
            where = jurisdiction_of(part, self.home)
            place = place_name(where, self.home, self.facts.region)
            title = post_title(part, place)
            post_node = keyed_iri("post", self._where(where), title)
            body = self.body(body_of_post(title))
            if self.new_entity(post_node, GB.Post, title):
                self.add(
                    post_node, GB.jurisdiction, self.post_region(part, where, place)
                )
                self.add(post_node, ORG.postIn, body)
            node = self.fact("holding", GB.PostHolding, evidence, name, title, event)
            self.add(node, ORG.member, person)
            self.add(node, ORG.role, post_node)
            self.add(node, ORG.organization, body)
            self.add(node, GB.holdingEvent, event)
            self.date(node, DCTERMS.date, date)
            if event in ("appoint", "engage", "remove", "resign") and date:
                interval = URIRef(f"{node}#interval")
                instant = URIRef(f"{node}#{'end' if ends else 'beginning'}")
                self.g.add((node, ORG.memberDuring, interval))
                self.g.add((interval, RDF.type, TIME.Interval))
                edge = TIME.hasEnd if ends else TIME.hasBeginning
                self.g.add((interval, edge, instant))
                self.g.add((instant, RDF.type, TIME.Instant))
                self.date(instant, TIME.inXSDDate, date)
            if where is not None and self.home is not None and where != self.home:
                self.identify(name, person, part, where, evidence)

    def identify(self, name, person, post, where: Division, evidence) -> None:
        """The post chain: ``name`` here holds a post of another jurisdiction."""
        node = self.fact(
            "identification", GB.Identification, evidence, name, where.code
        )
        self.add(node, GB.person, person)
        self.add(node, GB.mergedKey, f"{where.code}/{name}")
        self.add(
            node,
            GB.reason,
            f"{name} holds {post}, a post of {where.name} ({where.code}), in a "
            f"document of {self.home.name} ({self.home.code})",
        )

    def body(self, name: str) -> URIRef | None:
        """A body, linked to its jurisdiction and to the body it is part of."""
        if not name:
            return None
        node = entity_iri("body", name)
        if self.new_entity(node, GB.Body, name):
            where = jurisdiction_of(name, self.home)
            place = place_name(where, self.home, self.facts.region)
            self.add(node, GB.jurisdiction, self.region(where, place))
            parent = parent_body(name)
            if parent:
                self.add(node, ORG.subOrganizationOf, self.body(parent))
        return node

    def law(self, title: str) -> URIRef | None:
        """One node per law however cited; a draft linked to its law."""
        if not title:
            return None
        node = entity_iri("law", law_key(title))
        if self.new_entity(node, GB.Law, title):
            adopted = adopted_title(title)
            if adopted:
                self.add(node, GB.draftOf, self.law(adopted))
        return node

    def meeting_node(self, key: str | None) -> URIRef | None:
        if not key:
            return None
        node = meeting_iri(key)
        self.g.add((node, RDF.type, GB.Meeting))
        return node

    # Entities and facts ----------------------------------------------------------

    def document(self) -> None:
        f, d = self.facts, self.facts.document
        g = self.g
        g.add((self.doc, RDF.type, GB.Document))
        self.add(self.doc, GB.fileName, d.name)
        self.add(self.doc, GB.sha256, d.sha256)
        self.add(self.doc, GB.encoding, d.encoding)
        g.add((self.doc, GB.characters, Literal(len(d.text), datatype=XSD.integer)))
        self.add(self.doc, GB.documentKind, f.kind)
        self.add(self.doc, DCTERMS.title, f.title or d.title)
        self.add(self.doc, DCTERMS.format, MEDIA_TYPES.get(d.format, ""))
        self.add(self.doc, DCTERMS.source, _url_iri(d.url))
        self.date(self.doc, DCTERMS.issued, d.published)
        self.add(self.doc, GB.region, self.home_region())

    def meeting(self, m) -> URIRef:
        node = self.meeting_node(m.key)
        self.add(node, RDFS.label, m.label)
        self.add(node, SDO.name, m.label)
        if m.term is not None:
            self.g.add((node, GB.term, Literal(m.term, datatype=XSD.integer)))
        if m.session is not None:
            self.g.add((node, GB.session, Literal(m.session, datatype=XSD.integer)))
        self.date(node, DCTERMS.date, m.date)
        self.add(node, GB.body, self.body(m.body))
        self.add(node, GB.region, self.region(division_of(m.region), m.region))
        record = self.fact("meeting-record", GB.MeetingRecord, m.evidence, m.key)
        self.add(record, GB.meeting, node)
        for chair in filter(None, (m.chair, *m.co_chairs)):
            ev = m.chair_evidence or m.evidence
            chairing = self.fact("chairing", GB.Chairing, ev, m.key, chair)
            person = self.person(chair)
            self.add(chairing, GB.meeting, node)
            self.add(chairing, GB.person, person)
            self.add(person, GB.chaired, node)
        return node

    def attendance(self, a) -> None:
        node = self.fact(
            "attendance", GB.Attendance, a.evidence, a.meeting, a.person, a.status
        )
        meeting = self.meeting_node(a.meeting)
        person = self.person(a.person)
        self.add(node, GB.meeting, meeting)
        self.add(node, GB.person, person)
        self.add(node, GB.status, STATUS[a.status])
        self.add(node, GB.role, a.role)
        if a.status in ("present", "nonvoting") and meeting is not None:
            self.add(person, GB.attended, meeting)
            self.add(meeting, SDO.attendee, person)
        event = "nonvoting" if a.status == "nonvoting" else "attended"
        date = self.meeting_dates.get(a.meeting)
        post = a.role
        if a.status != "nonvoting" and is_bare_post(post) and a.meeting:
            post = a.meeting.split("|")[0] + post  # a member's post in the body met
        self.holding(a.person, person, post, event, date, a.evidence)

    def report(self, r) -> None:
        node = self.fact("report", GB.Report, r.evidence, r.title, r.reporter, r.body)
        self.add(node, DCTERMS.title, r.title)
        self.add(node, GB.meeting, self.meeting_node(r.meeting))
        self.date(node, DCTERMS.date, r.date)
        reporter = self.person(r.reporter)
        if reporter is not None:
            self.holding(
                r.reporter, reporter, r.reporter_title, "reported", r.date, r.evidence
            )
        self.add(node, GB.person, reporter)
        self.add(node, GB.role, r.reporter_title)
        body = self.body(r.body)
        self.add(node, GB.body, body)
        if r.subject_law:
            self.add(node, GB.law, self.law(r.subject_law))
        self.g.add((node, GB.written, Literal(bool(r.written))))
        for agent in (reporter, body):
            self.add(agent, GB.reportedOn, node)

    def appointment(self, ap) -> None:
        node = self.fact(
            "appointment",
            GB.Appointment,
            ap.evidence,
            ap.person,
            ap.action,
            ap.post,
            ap.decided_by,
        )
        person = self.person(ap.person)
        body = self.body(ap.decided_by)
        self.holding(
            ap.person,
            person,
            ap.post,
            ap.action,
            ap.date,
            ap.evidence,
            ends=ap.action in ("remove", "resign"),
        )
        if ap.note.startswith("原"):  # "王伟（原某县副县长）": a post held before
            self.holding(ap.person, person, ap.note[1:], "former", ap.date, ap.evidence)
        self.add(node, GB.person, person)
        self.add(node, GB.action, ACTION[ap.action])
        self.add(node, GB.body, body)
        self.add(node, GB.post, self.named("post", GB.Post, ap.post))
        self.date(node, DCTERMS.date, ap.date)
        self.add(node, GB.documentNumber, ap.doc_number)
        self.add(node, GB.note, ap.note)
        self.add(node, GB.meeting, self.meeting_node(ap.meeting))
        self.add(body, GB.appointed, person)

    def citation(self, c) -> None:
        node = self.fact("citation", GB.LawCitation, c.evidence, c.law)
        law = self.law(c.law)
        self.add(law, GB.legislationKind, c.kind)
        self.add(node, GB.law, law)
        self.add(self.doc, GB.cites, law)

    def count(self, c) -> None:
        node = self.fact("count", GB.RosterCount, c.evidence, c.meeting, c.status)
        self.add(node, GB.meeting, self.meeting_node(c.meeting))
        self.add(node, GB.status, COUNTED[c.status])
        self.g.add((node, GB.count, Literal(c.count, datatype=XSD.integer)))

    def review(self, rv) -> None:
        node = self.fact("review", GB.Review, rv.evidence, rv.meeting, rv.item)
        meeting = self.meeting_node(rv.meeting)
        self.add(node, GB.meeting, meeting)
        self.add(node, GB.item, rv.item)
        self.add(node, GB.outcome, rv.outcome)
        self.date(node, DCTERMS.date, rv.date)
        self.add(meeting, GB.reviewed, node)


def _url_iri(url: str) -> URIRef | None:
    """A published page's URL as an IRI; ``None`` unless it is absolute.

    >>> str(_url_iri("http://example.cn/a b.html"))
    'http://example.cn/a%20b.html'
    >>> _url_iri("example.cn/a.html") is None
    True
    """
    url = url.strip()
    if not _ABSOLUTE_URL.match(url):
        return None
    return URIRef(
        _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), url)
    )
