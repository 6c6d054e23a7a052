"""The gongbao ontology's terms as an rdflib ``DefinedNamespace``.

Generated from ``gongbao.ttl`` by ``python -m gongbao.ontology.codegen``; do not edit.

>>> str(GB.Attendance)
'https://w3id.org/gongbao/ontology#Attendance'
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["GB"]


class GB(DefinedNamespace):
    """Terms of the gongbao ontology (``gb:``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/gongbao/ontology#")

    Absent: URIRef  # absent
    Appoint: URIRef  # appoint
    Appointment: URIRef  # appointment decision
    AppointmentAction: URIRef  # appointment action
    Attendance: URIRef  # attendance
    AttendanceStatus: URIRef  # attendance status
    Body: URIRef  # body
    Chairing: URIRef  # chairing
    Document: URIRef  # bulletin document
    Engage: URIRef  # engage
    Expected: URIRef  # expected
    Fact: URIRef  # fact
    Identification: URIRef  # identification
    Law: URIRef  # law or regulation
    LawCitation: URIRef  # law citation
    Meeting: URIRef  # meeting
    MeetingRecord: URIRef  # meeting record
    NonVoting: URIRef  # attending without vote
    OnLeave: URIRef  # on leave
    Person: URIRef  # person
    PossibleDuplicate: URIRef  # possible duplicate
    Post: URIRef  # post
    PostHolding: URIRef  # post held
    Present: URIRef  # present
    Region: URIRef  # administrative region
    Remove: URIRef  # remove
    Report: URIRef  # report
    Resign: URIRef  # resign
    Review: URIRef  # review
    RosterCount: URIRef  # printed count
    action: URIRef  # action
    appointed: URIRef  # appointed
    attended: URIRef  # attended
    body: URIRef  # body
    chaired: URIRef  # chaired
    characters: URIRef  # characters
    cites: URIRef  # cites
    count: URIRef  # count
    divisionCode: URIRef  # division code
    documentKind: URIRef  # document kind
    documentNumber: URIRef  # document number
    draftOf: URIRef  # draft of
    duplicateOf: URIRef  # duplicate person
    encoding: URIRef  # encoding
    evidence: URIRef  # evidence
    fileName: URIRef  # file name
    holdingEvent: URIRef  # holding event
    item: URIRef  # item
    jurisdiction: URIRef  # jurisdiction
    law: URIRef  # law
    legislationKind: URIRef  # kind of legislation
    meeting: URIRef  # meeting
    mergedKey: URIRef  # merged key
    note: URIRef  # note
    outcome: URIRef  # outcome
    page: URIRef  # page
    person: URIRef  # person
    possibleDuplicate: URIRef  # possible duplicate of
    post: URIRef  # post
    reason: URIRef  # reason
    region: URIRef  # region
    reportedOn: URIRef  # reported on
    reviewed: URIRef  # reviewed
    role: URIRef  # role text
    session: URIRef  # session
    sha256: URIRef  # SHA-256
    similarity: URIRef  # similarity
    status: URIRef  # status
    term: URIRef  # term
    written: URIRef  # written
