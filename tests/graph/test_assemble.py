"""Assembly: facts become typed nodes with provenance; nothing is a blank node."""

from rdflib import RDF, BNode, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, XSD

from gongbao.graph.assemble import document_graph
from gongbao.graph.iris import document_iri, entity_iri, keyed_iri, meeting_iri
from gongbao.ontology.prefixes import GB, OA, SDO
from tests.graph.facts_fixture import KEY, TEXT, fictional_facts


def test_assemble_every_fact_is_derived_from_its_document_with_a_true_quote():
    g = document_graph(fictional_facts())
    doc = document_iri("007_fiction.txt")
    facts = set(g.subjects(PROV.wasDerivedFrom, doc))
    holdings = set(g.subjects(RDF.type, GB.PostHolding))
    # record, chair, attendance, report, appointment, citations, review
    assert len(facts - holdings) == 1 + 1 + 4 + 1 + 1 + 2 + 1
    # 列席 role, reporter's title, post appointed to
    assert len(holdings) == 3
    for fact in facts:
        evidence = g.value(fact, GB.evidence)
        assert g.value(evidence, OA.hasSource) == doc
        selectors = list(g.objects(evidence, OA.hasSelector))
        position = next(
            s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g
        )
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        start, end = (
            g.value(position, OA.start).toPython(),
            g.value(position, OA.end).toPython(),
        )
        assert TEXT[start:end] == str(g.value(quote, OA.exact))


def person(name: str):
    return keyed_iri("person", "河东省青湖区", name)


def test_assemble_relations_are_first_class_and_typed():
    g = document_graph(fictional_facts())
    meeting = meeting_iri(KEY)
    # A region the division list does not know keys its people by its name.
    wu, wen = person("邬岚"), person("温海宁")
    assert (wu, GB.attended, meeting) in g
    assert (wen, GB.attended, meeting) not in g  # absent is not attended
    assert (person("罗清源"), GB.chaired, meeting) in g
    assert (meeting, GB.term, Literal(9)) in g
    statuses = {str(g.value(a, GB.status)) for a in g.subjects(RDF.type, GB.Attendance)}
    assert statuses == {str(GB.Present), str(GB.Absent), str(GB.NonVoting)}
    body = entity_iri("body", "河东省青湖区人民代表大会常务委员会")
    assert (body, GB.appointed, wu) in g
    assert (wen, GB.reportedOn, next(g.subjects(RDF.type, GB.Report))) in g
    assert (
        document_iri("007_fiction.txt"),
        GB.cites,
        entity_iri("law", "青湖区河道管理条例"),
    ) in g


def test_assemble_one_property_per_role_across_fact_kinds():
    g = document_graph(fictional_facts())
    # A gb:PostHolding is an org:Membership and names its person, body and post
    # with ORG's own org:member, org:organization, org:role.
    holdings = set(g.subjects(RDF.type, GB.PostHolding))
    facts = set(g.subjects(PROV.wasDerivedFrom, None)) - holdings
    meetings = set(g.subjects(RDF.type, GB.Meeting))

    def links(cls, sources=facts):
        targets = set(g.subjects(RDF.type, cls))
        return {p for s, p, o in g if s in sources and o in targets}

    assert links(GB.Meeting) == {GB.meeting}
    assert links(GB.Person) == {GB.person}
    assert links(GB.Body, facts | meetings) == {GB.body}
    assert links(GB.Law) == {GB.law}
    report = next(g.subjects(RDF.type, GB.Report))
    assert str(g.value(g.value(report, GB.person), SDO.name)) == "温海宁"
    assert g.value(report, GB.meeting) == meeting_iri(KEY)
    dated = {
        p
        for s, p, o in g
        if s in facts | meetings and getattr(o, "datatype", None) == XSD.date
    }
    assert dated == {DCTERMS.date}
    titled = {p for s, p, o in g if s in facts and "title" in str(p).lower()}
    assert titled == {DCTERMS.title}


def test_assemble_uses_no_blank_nodes_and_is_repeatable():
    first, second = document_graph(fictional_facts()), document_graph(fictional_facts())
    assert not any(isinstance(term, BNode) for triple in first for term in triple)
    assert set(first) == set(second)
    assert isomorphic(first, second)


def test_assemble_same_person_is_one_node_across_documents():
    a = document_graph(fictional_facts("007_a.txt"))
    b = document_graph(fictional_facts("008_b.txt"))
    people = lambda g: set(g.subjects(RDF.type, GB.Person))  # noqa: E731
    assert people(a) == people(b)
    facts_a = set(a.subjects(RDF.type, GB.Attendance))
    assert facts_a.isdisjoint(b.subjects(RDF.type, GB.Attendance))


def test_assemble_skips_missing_values_and_bad_dates():
    facts = fictional_facts()
    meeting = facts.meetings[0]
    facts.meetings = [
        type(meeting)(
            **{**{f: getattr(meeting, f) for f in meeting.__slots__}, "date": "2024年"}
        )
    ]
    g = document_graph(facts)
    assert g.value(meeting_iri(KEY), DCTERMS.date) is None
    assert not any(str(o) == "" for o in g.objects())


def _published_facts(**source_fields):
    from dataclasses import replace

    facts = fictional_facts()
    facts.document = replace(facts.document, **source_fields)
    return facts


def test_assemble_document_records_where_it_was_published():
    from rdflib import DCTERMS, XSD, URIRef

    facts = _published_facts(
        format="html",
        url="https://qinghu.example.cn/rd/2024-05/09/3 a.html",
        published="2024-05-09",
        title="青湖区人大常委会召开第三次会议",
    )
    facts.title = ""
    g = document_graph(facts)
    doc = document_iri("007_fiction.txt")
    assert g.value(doc, DCTERMS.source) == URIRef(
        "https://qinghu.example.cn/rd/2024-05/09/3%20a.html"
    )
    assert g.value(doc, DCTERMS.issued) == Literal("2024-05-09", datatype=XSD.date)
    assert g.value(doc, DCTERMS.format) == Literal("text/html")
    assert g.value(doc, DCTERMS.title) == Literal("青湖区人大常委会召开第三次会议")


def test_assemble_document_title_is_the_extracted_one_when_there_is_one():
    from rdflib import DCTERMS

    g = document_graph(_published_facts(title="页面标题", url="not a url"))
    doc = document_iri("007_fiction.txt")
    assert [str(t) for t in g.objects(doc, DCTERMS.title)] == ["青湖区人大常委会公报"]
    assert g.value(doc, DCTERMS.source) is None  # no absolute URL, no IRI


def test_assemble_pdf_evidence_names_its_page():
    second = TEXT.index("关于《")
    g = document_graph(_published_facts(format="pdf", pages=(second,)))
    pages = {}
    for evidence in g.subjects(RDF.type, OA.SpecificResource):
        selector = next(
            s
            for s in g.objects(evidence, OA.hasSelector)
            if (s, RDF.type, OA.TextPositionSelector) in g
        )
        start = g.value(selector, OA.start).toPython()
        pages[start] = g.value(evidence, GB.page).toPython()
    assert pages and all(p == (1 if s < second else 2) for s, p in pages.items())
    assert set(pages.values()) == {1, 2}


def test_assemble_text_evidence_has_no_page():
    g = document_graph(fictional_facts())
    assert not list(g.subject_objects(GB.page))
