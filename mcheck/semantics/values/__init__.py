"""TLA+ values as plain Python objects, with TLC's equality, order and printing.

Representation (a fixed contract with the compiler, chosen for speed):

* integers are ``int`` (unbounded), booleans ``bool``, strings ``str``;
* model values are interned :class:`ModelValue` objects (equality is identity);
* finite sets are ``frozenset``; infinite or huge sets are :class:`LazySet` objects;
* a function whose domain is ``1..n`` (sequences, tuples, ``<<>>``, the empty record,
  any empty-domain function) is a ``tuple``; every other function is an immutable
  :class:`Fcn` (a ``dict`` subclass); a function over a lazy domain is a :class:`LazyFcn`.

Because the function representation is canonical (see :func:`make_fcn`), Python ``==``
and ``hash`` coincide with TLA+ equality and TLC's fingerprint equality.  One caveat
inherited from Python: ``True == 1`` and ``False == 0``, so a set or function that
mixes booleans with the integers 0/1 collapses them; TLC rejects such mixtures with an
error anyway (comparing a boolean with an integer is an error), see :func:`tla_eq`.

TLC order (``tlc_key``/``tlc_sorted``): model values first, then booleans (FALSE <
TRUE), integers (numeric), strings (by intern token: the order in which TLC first
interned them), sets (cardinality, then elements in normalized order), functions
(domain size, then domain, then values).  Printing (``tla_repr``) uses this order.

The modules, each importing only those above it: ``atoms`` (strings' intern tokens, model
values), ``kinds`` (functions, lazy functions, the lazy-set base, membership, enumeration,
TLC order and printing), ``functions`` (application, DOMAIN, EXCEPT, TLC's equality) and
``sets`` (the lazy sets and the set operations).  Everyone else imports from this package.
"""
from __future__ import annotations

from .atoms import ModelValue, intern_string, reset_strings, string_token
from .functions import apply, as_seq, domain, except_, is_function, tla_eq
from .kinds import (
    Fcn, LazyFcn, LazySet, contains, enumerate_set, fcn_from, kind_of, make_fcn, make_record, materialize,
    tla_repr, tlc_compare, tlc_key, tlc_sorted,
)
from .sets import (
    ANY_SET, BOOLEAN, INT, NAT, STRING_SET, AnySet, BoundedSeqSet, FcnSet, FilterSet, IntervalSet, IntSet,
    MapSet, NatSet, PowerSet, ProductSet, RecordSet, SeqSet, StringSet, UnionSet, big_union, cardinality, choose,
    counted, difference, intersect, is_set, subseteq, union,
)

__all__ = [
    "ModelValue", "Fcn", "LazyFcn", "LazySet", "BOOLEAN", "NAT", "INT", "STRING_SET", "ANY_SET",
    "NatSet", "IntSet", "StringSet", "AnySet", "PowerSet", "FcnSet", "SeqSet", "RecordSet",
    "ProductSet", "BoundedSeqSet", "IntervalSet", "FilterSet", "MapSet", "UnionSet",
    "intern_string", "reset_strings", "string_token", "make_fcn", "make_record", "fcn_from", "apply", "domain",
    "except_", "is_function", "as_seq", "is_set", "contains", "enumerate_set", "materialize", "cardinality",
    "counted",
    "union", "intersect", "difference", "subseteq", "big_union", "choose",
    "tlc_key", "tlc_sorted", "tlc_compare", "tla_eq", "tla_repr", "kind_of",
]
