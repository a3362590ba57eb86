"""A quick, exact answer to "does this graph conform to ontology/shapes.ttl?".

pyshacl needs about 0.1 CPU-s per document (four fifths of the per-document build), mostly
rdflib lookups. The shapes use a small part of SHACL Core, which is compiled here into plain
checks over a dict of the graph's triples, some fifty times quicker. The checks follow pyshacl's
semantics where they decide; where they cannot be sure (a value they cannot compare, a
constraint they do not know), they say so. Only a graph found to conform skips pyshacl: one that
breaks a shape, or that the checks are unsure of, goes to pyshacl, which writes the report. So
the violations reported are pyshacl's, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class Unsure(Exception):
    """The checks cannot decide this graph exactly; pyshacl must."""


class Unsupported(Exception):
    """The shapes use SHACL the checks do not implement; pyshacl checks every graph."""


@dataclass
class Data:
    """A graph indexed for the checks: objects by subject and predicate, classes by node."""

    objects: dict[Node, dict[Node, set[Node]]]
    _supers: dict[Node, frozenset[Node]] = field(default_factory=dict)
    _instances: dict[Node, list[Node]] | None = None

    @classmethod
    def of(cls, triples: Iterable[Triple]) -> Data:
        objects: dict[Node, dict[Node, set[Node]]] = {}
        for s, p, o in triples:
            objects.setdefault(s, {}).setdefault(p, set()).add(o)
        return cls(objects)

    def values(self, node: Node, predicate: Node) -> set[Node]:
        return self.objects.get(node, {}).get(predicate, set())

    def classes(self, node: Node) -> frozenset[Node]:
        """The node's types and their superclasses (rdf:type/rdfs:subClassOf*, as sh:class)."""
        found: set[Node] = set()
        for kind in self.values(node, RDF.type):
            found |= self._superclasses(kind)
        return frozenset(found)

    def _superclasses(self, kind: Node) -> frozenset[Node]:
        if kind not in self._supers:
            seen, todo = {kind}, [kind]
            while todo:
                for parent in self.values(todo.pop(), RDFS.subClassOf):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self._supers[kind] = frozenset(seen)
        return self._supers[kind]

    def instances(self, kind: Node) -> list[Node]:
        """sh:targetClass: every node whose classes include ``kind``."""
        if self._instances is None:
            self._instances = {}
            for node, props in self.objects.items():
                if RDF.type in props:
                    for found in self.classes(node):
                        self._instances.setdefault(found, []).append(node)
        return self._instances.get(kind, [])


# A constraint: (focus node, its value nodes, the data) -> conforms.
Constraint = Callable[[Node, set[Node], Data], bool]

_IGNORED = {RDF.type, RDFS.comment, RDFS.label, SH.message, SH.name, SH.description}
_NODE_KINDS: dict[Node, Callable[[Node], bool]] = {
    SH.IRI: lambda v: isinstance(v, URIRef),
    SH.BlankNode: lambda v: isinstance(v, BNode),
    SH.Literal: lambda v: isinstance(v, Literal),
    SH.BlankNodeOrIRI: lambda v: isinstance(v, BNode | URIRef),
    SH.BlankNodeOrLiteral: lambda v: isinstance(v, BNode | Literal),
    SH.IRIOrLiteral: lambda v: isinstance(v, URIRef | Literal),
}


@dataclass
class Shape:
    """One shape compiled: for a property shape, the constraints on the path's values."""

    path: URIRef | None
    constraints: list[Constraint] = field(default_factory=list)

    def conforms(self, focus: Node, data: Data) -> bool:
        values = data.values(focus, self.path) if self.path is not None else {focus}
        return all(check(focus, values, data) for check in self.constraints)


@dataclass
class Checker:
    """The compiled shapes graph: the shapes with targets, and every shape by node."""

    targets: list[tuple[URIRef, Shape]]

    def conforms(self, triples: Iterable[Triple]) -> bool:
        """True if no shape is broken; False if one is; raises Unsure when it cannot say."""
        data = Data.of(triples)
        return all(
            shape.conforms(focus, data)
            for kind, shape in self.targets
            for focus in data.instances(kind)
        )


def compile_shapes(shapes: Graph) -> Checker:
    """The shapes graph as checks; raises Unsupported for SHACL outside the subset known here."""
    compiled: dict[Node, Shape] = {}
    targets = [
        (kind, _shape(shapes, node, compiled))
        for node, kind in shapes.subject_objects(SH.targetClass)
        if isinstance(kind, URIRef)
    ]
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        _shape(shapes, node, compiled)  # untargeted shapes still must be understood
    return Checker(targets)


def _shape(shapes: Graph, node: Node, compiled: dict[Node, Shape]) -> Shape:
    if node in compiled:
        return compiled[node]
    path = shapes.value(node, SH.path)
    if path is not None and not isinstance(path, URIRef):
        raise Unsupported(f"a property path other than one IRI: {path}")
    shape = compiled[node] = Shape(path)
    for predicate, value in shapes.predicate_objects(node):
        if predicate in _IGNORED or predicate in (SH.path, SH.targetClass):
            continue
        shape.constraints.append(_constraint(shapes, node, predicate, value, compiled))
    return shape


def _constraint(
    shapes: Graph, node: Node, predicate: Node, value: Node, compiled: dict[Node, Shape]
) -> Constraint:
    """The check of one constraint parameter (``predicate`` ``value``) of a shape; one branch
    per parameter."""
    literal = value.toPython() if isinstance(value, Literal) else None
    if predicate == SH.property:
        prop = _shape(shapes, value, compiled)
        return lambda f, vs, d: prop.conforms(f, d)
    if predicate == SH.minCount and isinstance(literal, int):
        return lambda f, vs, d: len(vs) >= literal
    if predicate == SH.maxCount and isinstance(literal, int):
        return lambda f, vs, d: len(vs) <= literal
    if predicate == SH.datatype and isinstance(value, URIRef):
        return lambda f, vs, d: all(_has_datatype(v, value) for v in vs)
    if predicate == SH["class"]:
        return lambda f, vs, d: all(
            not isinstance(v, Literal) and value in d.classes(v) for v in vs
        )
    if predicate == SH.nodeKind and value in _NODE_KINDS:
        kind = _NODE_KINDS[value]
        return lambda f, vs, d: all(kind(v) for v in vs)
    if predicate == SH.minInclusive and isinstance(value, Literal):
        return lambda f, vs, d: all(_compare(v, value) >= 0 for v in vs)
    if predicate == SH.maxInclusive and isinstance(value, Literal):
        return lambda f, vs, d: all(_compare(v, value) <= 0 for v in vs)
    if predicate == SH.lessThan and isinstance(value, URIRef):
        return lambda f, vs, d: all(_compare(v, o) < 0 for v in vs for o in d.values(f, value))
    if predicate == SH.lessThanOrEquals and isinstance(value, URIRef):
        return lambda f, vs, d: all(_compare(v, o) <= 0 for v in vs for o in d.values(f, value))
    if predicate == SH.minLength and isinstance(literal, int) and literal >= 0:
        return lambda f, vs, d: literal == 0 or all(_length(v) >= literal for v in vs)
    if (
        predicate == SH.pattern
        and isinstance(value, Literal)
        and (node, SH.flags, None) not in shapes
    ):
        pattern = re.compile(str(value))
        return lambda f, vs, d: all(
            not isinstance(v, BNode) and pattern.search(_string(v)) is not None for v in vs
        )
    if predicate == SH.languageIn:
        wanted = {str(x).lower() for x in Collection(shapes, value)}
        return lambda f, vs, d: all(_language_in(v, wanted) for v in vs)
    if predicate == SH.uniqueLang and isinstance(literal, bool):
        return lambda f, vs, d: not literal or _unique_languages(vs)
    if predicate == SH["in"]:
        allowed = set(Collection(shapes, value))
        return lambda f, vs, d: vs <= allowed
    if predicate == SH.hasValue:
        return lambda f, vs, d: value in vs
    if predicate == SH.node:
        other = _shape(shapes, value, compiled)
        return lambda f, vs, d: all(other.conforms(v, d) for v in vs)
    if predicate in (SH["or"], SH.xone):
        options = [_shape(shapes, x, compiled) for x in Collection(shapes, value)]
        wanted_count = (lambda n: n >= 1) if predicate == SH["or"] else (lambda n: n == 1)
        return lambda f, vs, d: all(
            wanted_count(sum(o.conforms(v, d) for o in options)) for v in vs
        )
    if predicate == SH.qualifiedValueShape and _qualified_only_by_min(shapes, node):
        qualified = _shape(shapes, value, compiled)
        least = shapes.value(node, SH.qualifiedMinCount).toPython()  # type: ignore[union-attr]
        return lambda f, vs, d: sum(qualified.conforms(v, d) for v in vs) >= least
    if predicate == SH.qualifiedMinCount and _qualified_only_by_min(shapes, node):
        return lambda f, vs, d: True  # checked with its sh:qualifiedValueShape
    raise Unsupported(f"{predicate} {value}")


def _qualified_only_by_min(shapes: Graph, node: Node) -> bool:
    least = shapes.value(node, SH.qualifiedMinCount)
    return (
        isinstance(least, Literal)
        and isinstance(least.toPython(), int)
        and len(set(shapes.objects(node, SH.qualifiedValueShape))) == 1
        and (node, SH.qualifiedMaxCount, None) not in shapes
        and (node, SH.qualifiedValueShapesDisjoint, None) not in shapes
    )


# The datatypes whose values pyshacl checks by Python type (it checks no other).
_PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def _has_datatype(v: Node, datatype: URIRef) -> bool:
    """sh:datatype as pyshacl decides it (the datatypes that match every literal are left to
    it)."""
    if not isinstance(v, Literal):
        return False
    if v.datatype == datatype:
        if v.ill_typed is True:
            return False
    elif v.datatype is None and v.language is None and datatype == XSD.string:
        pass
    elif datatype in (RDFS.Literal, RDFS.Datatype, RDF.langString):
        raise Unsure(f"sh:datatype {datatype}")
    else:
        return False
    if datatype in _PYTHON_TYPES:
        return isinstance(v.value, _PYTHON_TYPES[datatype])
    return True  # pyshacl checks nothing more of other datatypes (xsd:gYear, …)


_NUMBERS = (XSD.integer, XSD.decimal)


def _compare(a: Node, b: Node) -> int:
    """-1, 0 or 1 for two xsd:integer or xsd:decimal values (compared as numbers, as rdflib
    and so pyshacl do); anything else is pyshacl's to compare."""
    if not (isinstance(a, Literal) and isinstance(b, Literal)):
        raise Unsure(f"comparing {a!r} with {b!r}")
    x, y = a.value, b.value
    if not (
        a.datatype in _NUMBERS
        and b.datatype in _NUMBERS
        and isinstance(x, int | Decimal)
        and isinstance(y, int | Decimal)
        and not isinstance(x, bool)
        and not isinstance(y, bool)
    ):
        raise Unsure(f"comparing {a!r} with {b!r}")
    return (x > y) - (x < y)


def _string(v: Node) -> str:
    """A value node as a string, for sh:pattern and sh:minLength (pyshacl's rule)."""
    if (
        isinstance(v, Literal)
        and v.value is not None
        and v.datatype in (None, RDF.langString, XSD.string)
    ):
        return str(v.value)
    return str(v)


def _length(v: Node) -> int:
    if isinstance(v, BNode):
        return -1  # a blank node has no length, and fails sh:minLength > 0
    return len(_string(v))


def _language_in(v: Node, wanted: set[str]) -> bool:
    if not (isinstance(v, Literal) and v.language):
        return False
    lang = str(v.language).lower()
    return "*" in wanted or lang in wanted or lang.split("-")[0] in wanted


def _unique_languages(values: set[Node]) -> bool:
    langs = [str(v.language).lower() for v in values if isinstance(v, Literal) and v.language]
    return len(langs) == len(set(langs))
