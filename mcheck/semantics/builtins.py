"""Native implementations of the standard modules' operators (TLC's Java overrides).

``NATIVE[(module, operator)]`` is a Python callable taking evaluated argument values
(operator-valued arguments, such as SelectSeq's test, arrive as Python callables);
0-ary operators map to a callable of no arguments.  Error messages follow TLC's.
Print, PrintT, Assert, TLCGet and TLCSet are handled by the compiler, not here.
"""
from __future__ import annotations

import itertools
import random as _random
import time
from typing import Any, Callable

from ..syntax.errors import EvalError
from .values import (
    ANY_SET, INT, NAT, Fcn, FcnSet, LazyFcn, LazySet, ModelValue, ProductSet, RecordSet, SeqSet,
    as_seq, domain, enumerate_set, is_set, make_fcn, materialize, tla_eq, tla_repr, tlc_key, tlc_sorted,
)

__all__ = ["NATIVE", "RNG", "seed", "ordinal"]

RNG = _random.Random(0)
"""The generator behind RandomElement and the Randomization module (seed with :func:`seed`)."""


def seed(n: int) -> None:
    RNG.seed(n)


_ORDINALS = ("first", "second", "third", "fourth")


def ordinal(i: int) -> str:
    return _ORDINALS[i] if i < len(_ORDINALS) else f"{i + 1}th"


def _arg_error(pos: int, op: str, what: str, v: Any, an: bool = False) -> EvalError:
    art = "an" if an else "a"
    return EvalError(f"The {ordinal(pos)} argument of {op} should be {art} {what}, but instead it is:\n{tla_repr(v)}")


def _one_arg_error(op: str, what: str, v: Any) -> EvalError:
    return EvalError(f"The argument of {op} should be a {what}, but instead it is:\n{tla_repr(v)}")


# --------------------------------------------------------------------------------------
# Naturals / Integers
# --------------------------------------------------------------------------------------

def _ints(op: str, x: Any, y: Any) -> None:
    if type(x) is not int:
        raise _arg_error(0, op, "integer", x, an=True)
    raise _arg_error(1, op, "integer", y, an=True)


def plus(x, y):
    if type(x) is int and type(y) is int:
        return x + y
    _ints("+", x, y)


def minus(x, y):
    if type(x) is int and type(y) is int:
        return x - y
    _ints("-", x, y)


def times(x, y):
    if type(x) is int and type(y) is int:
        return x * y
    _ints("*", x, y)


def expt(x, y):
    if type(x) is not int or type(y) is not int:
        _ints("^", x, y)
    if y < 0:
        raise EvalError(f"The second argument of ^ should be a natural number, but instead it is:\n{y}")
    if y == 0 and x == 0:
        raise EvalError("0^0 is undefined.")
    return x ** y


def mod(x, y):
    if type(x) is not int or type(y) is not int:
        _ints("%", x, y)
    if y <= 0:
        raise EvalError(f"The second argument of % should be a positive number, but instead it is:\n{y}")
    return x % y


def div(x, y):
    if type(x) is not int or type(y) is not int:
        _ints("\\div", x, y)
    if y == 0:
        raise EvalError("The second argument of \\div is 0.")
    return x // y


def _cmp(op: str, msg_op: str):
    import operator
    f = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}[op]

    def compare(x, y):
        if type(x) is int and type(y) is int:
            return f(x, y)
        _ints(msg_op, x, y)

    compare.__name__ = f"cmp_{op}"
    return compare


lt = _cmp("<", "<")
gt = _cmp(">", ">")
le = _cmp("<=", "<=")
ge = _cmp(">=", ">")  # TLC's GEQ reports the operator as ">"


def dotdot(x, y):
    if type(x) is not int or type(y) is not int:
        _ints("..", x, y)
    return frozenset(range(x, y + 1))


def uminus(x):
    if type(x) is int:
        return -x
    raise EvalError(f"The first argument of - should be an integer, but instead it is:\n{tla_repr(x)}")


# --------------------------------------------------------------------------------------
# Sequences
# --------------------------------------------------------------------------------------

def seq(S):
    if not is_set(S):
        raise _one_arg_error("Seq", "set", S)
    return SeqSet(S)


def length(s):
    if type(s) is tuple:
        return len(s)
    if type(s) is str:
        return len(s)
    t = as_seq(s)
    if t is None:
        raise _one_arg_error("Len", "sequence", s)
    return len(t)


def head(s):
    t = as_seq(s)
    if t is None:
        raise _one_arg_error("Head", "sequence", s)
    if not t:
        raise EvalError("Attempted to apply Head to the empty sequence.")
    return t[0]


def tail(s):
    if type(s) is str:
        if not s:
            raise EvalError("Attempted to apply Tail to the empty sequence.")
        return s[1:]
    t = as_seq(s)
    if t is None:
        raise _one_arg_error("Tail", "sequence", s)
    if not t:
        raise EvalError("Attempted to apply Tail to the empty sequence.")
    return t[1:]


def append(s, v):
    if type(s) is tuple:
        return s + (v,)
    t = as_seq(s)
    if t is None:
        raise EvalError(f"Evaluating an expression of the form Append(s, v) when s is not a sequence:\n{tla_repr(s)}")
    return t + (v,)


def concat(s1, s2):
    if type(s1) is tuple and type(s2) is tuple:
        return s1 + s2
    if type(s1) is str:
        if type(s2) is not str:
            raise EvalError(f"Evaluating an expression of the form t \\o s when s is not a string:\n{tla_repr(s2)}")
        return s1 + s2
    t1 = as_seq(s1)
    if t1 is None:
        raise EvalError(f"Evaluating an expression of the form s \\o t when s is not a sequence:\n{tla_repr(s1)}")
    t2 = as_seq(s2)
    if t2 is None:
        raise EvalError(f"Evaluating an expression of the form t \\o s when s is not a sequence:\n{tla_repr(s2)}")
    return t1 + t2


def subseq(s, m, n):
    is_str = type(s) is str
    t = s if is_str else as_seq(s)
    if t is None:
        raise _arg_error(0, "SubSeq", "sequence", s)
    if type(m) is not int:
        raise _arg_error(1, "SubSeq", "natural number", m)
    if type(n) is not int:
        raise _arg_error(2, "SubSeq", "natural number", n)
    if m > n:
        return "" if is_str else ()
    ln = len(t)
    if m < 1 or m > ln:
        raise EvalError(f"The second argument of SubSeq must be in the domain of its first argument:\n"
                        f"{tla_repr(s)}\n, but instead it is\n{tla_repr(m)}")
    if n < 1 or n > ln:
        raise EvalError(f"The third argument of SubSeq must be in the domain of its first argument:\n"
                        f"{tla_repr(s)}\n, but instead it is\n{tla_repr(n)}")
    return t[m - 1:n]


def select_seq(s, test: Callable[[Any], Any]):
    t = as_seq(s)
    if t is None:
        raise _arg_error(0, "SelectSeq", "sequence", s)
    out = []
    for e in t:
        r = test(e)
        if r is True:
            out.append(e)
        elif r is not False:
            raise EvalError("The second argument of SelectSeq should be a boolean-valued operator, "
                            f"but instead it is:\n{getattr(test, '__name__', repr(test))}")
    return tuple(out)


# --------------------------------------------------------------------------------------
# FiniteSets
# --------------------------------------------------------------------------------------

def card(S):
    if type(S) is frozenset:
        return len(S)
    if isinstance(S, LazySet):
        if not S.is_finite():
            raise EvalError(f"Attemtped to compute cardinality of the value\n{tla_repr(S)}")
        return S.cardinality()
    raise EvalError(f"Attemtped to compute cardinality of the value\n{tla_repr(S)}")


def is_finite_set(S):
    if type(S) is frozenset:
        return True
    if isinstance(S, LazySet):
        return S.is_finite()
    raise EvalError(f"Applying IsFiniteSet to the following value,\nwhich is not a set:\n{tla_repr(S)}")


# --------------------------------------------------------------------------------------
# Bags (a bag is a function from elements to positive integers)
# --------------------------------------------------------------------------------------

def _bag_items(B: Any, op: str) -> list:
    if type(B) is tuple:
        return [(i + 1, v) for i, v in enumerate(B)]
    if type(B) is Fcn:
        return list(B.items())
    raise EvalError(f"Applying {op} to the following value,\nwhich is not a bag:\n{tla_repr(B)}")


def is_a_bag(B):
    if type(B) is tuple:
        return all(type(v) is int and v > 0 for v in B)
    if type(B) is Fcn:
        return all(type(v) is int and v > 0 for v in B.values())
    if type(B) is LazyFcn:
        return False
    return False


def bag_to_set(B):
    _bag_items(B, "BagToSet")
    return domain(B)


def set_to_bag(S):
    return make_fcn({e: 1 for e in materialize(S)})


def bag_in(e, B):
    for k, _ in _bag_items(B, "BagIn"):
        if tla_eq(k, e):
            return True
    return False


def empty_bag():
    return ()


def _bag_dict(B: Any, op: str) -> dict:
    return dict(_bag_items(B, op))


def bag_plus(B1, B2):
    d = _bag_dict(B1, "(+)")
    for k, v in _bag_items(B2, "(+)"):
        d[k] = d.get(k, 0) + v
    return make_fcn(d)


def bag_minus(B1, B2):
    d2 = _bag_dict(B2, "(-)")
    out = {}
    for k, v in _bag_items(B1, "(-)"):
        n = v - d2.get(k, 0)
        if n > 0:
            out[k] = n
    return make_fcn(out)


def bag_union(S):
    d: dict = {}
    for B in enumerate_set(S):
        if not is_a_bag(B):
            raise EvalError(f"Attemtped to apply BagUnion to the following set, whose\nelement is not a bag:\n{tla_repr(S)}")
        for k, v in _bag_items(B, "BagUnion"):
            d[k] = d.get(k, 0) + v
    return make_fcn(d)


def sqsubseteq(B1, B2):
    d2 = _bag_dict(B2, "\\sqsubseteq")
    for k, v in _bag_items(B1, "\\sqsubseteq"):
        if k not in d2 or v > d2[k]:
            return False
    return True


def sub_bag(B):
    items = sorted(_bag_items(B, "SubBag"), key=lambda kv: tlc_key(kv[0]))
    choices = [range(0, v + 1) for _, v in items]
    out = set()
    for counts in itertools.product(*choices):
        out.add(make_fcn({k: c for (k, _), c in zip(items, counts) if c > 0}))
    return frozenset(out)


def bag_of_all(F: Callable[[Any], Any], B):
    d: dict = {}
    for k, v in _bag_items(B, "BagOfAll"):
        fk = F(k)
        d[fk] = d.get(fk, 0) + v
    return make_fcn(d)


def bag_cardinality(B):
    return sum(v for _, v in _bag_items(B, "BagCardinality"))


def copies_in(e, B):
    for k, v in _bag_items(B, "CopiesIn"):
        if tla_eq(k, e):
            return v
    return 0


# --------------------------------------------------------------------------------------
# TLC
# --------------------------------------------------------------------------------------

def make_single_fcn(d, e):
    """``d :> e``."""
    return make_fcn({d: e})


def _fcn_items(f: Any, pos: int) -> list:
    if type(f) is tuple:
        return [(i + 1, v) for i, v in enumerate(f)]
    if type(f) is Fcn:
        return list(f.items())
    if type(f) is LazyFcn and f.domain.is_finite():
        return _fcn_items(f.materialize(), pos)
    raise _arg_error(pos, "@@", "function", f)


def combine_fcn(f, g):
    """``f @@ g``: f where defined, else g."""
    a = _fcn_items(f, 0)
    b = _fcn_items(g, 1)
    d = dict(b)
    d.update(a)
    return make_fcn(d)


def permutations(S):
    if not is_set(S) or not (type(S) is frozenset or S.is_finite()):
        raise EvalError(f"Applying Permutations to the following value,\nwhich is not a finite set:\n{tla_repr(S)}")
    elems = enumerate_set(S)
    return frozenset(make_fcn(dict(zip(elems, p))) for p in itertools.permutations(elems))


def sort_seq(s, less: Callable[[Any, Any], Any]):
    t = as_seq(s)
    if t is None:
        raise _arg_error(0, "SortSeq", "natural number", s)
    if not t:
        return t

    def lt_(a, b):
        r = less(a, b)
        if r is True or r is False:
            return r
        raise EvalError(f"The second argument of SortSeq should be a boolean function, but instead it is:\n{tla_repr(r)}")

    # TLC's insertion sort (keeps equal elements in their original order).
    out = [t[0]]
    for x in t[1:]:
        j = len(out)
        while j > 0 and lt_(x, out[j - 1]):
            j -= 1
        out.insert(j, x)
    return tuple(out)


def to_string(v):
    return tla_repr(v)


def random_element(S):
    if isinstance(S, (FcnSet, RecordSet, ProductSet)) or (type(S) is frozenset and S) or \
            (isinstance(S, LazySet) and S.is_finite()):
        if isinstance(S, LazySet) and not S.is_finite():
            raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a finite set:\n{tla_repr(S)}")
        elems = enumerate_set(S)
        if not elems:
            raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a non-empty set:\n{tla_repr(S)}")
        return elems[RNG.randrange(len(elems))]
    if type(S) is frozenset:
        raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a non-empty set:\n{tla_repr(S)}")
    raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a finite set:\n{tla_repr(S)}")


def java_time():
    return int(time.time() * 1000) & 0x7FFFFFFF


def tlc_eval(v):
    if isinstance(v, LazySet) and v.is_finite():
        return v.materialize()
    if type(v) is LazyFcn and v.domain.is_finite():
        return v.materialize()
    return v


# --------------------------------------------------------------------------------------
# TLCExt
# --------------------------------------------------------------------------------------

def assert_eq(a, b):
    """``AssertEq(a, b)``: TRUE if equal; otherwise prints both values (as TLC does) and is FALSE."""
    if tla_eq(a, b):
        return True
    print(f"{tla_repr(a)}\n{tla_repr(b)}")
    return False


def assert_error(msg, thunk: Callable[[], Any]):
    """``AssertError(msg, expr)``: expr arrives unevaluated as a thunk; TRUE iff evaluating it
    fails with exactly the message ``msg``."""
    try:
        thunk()
    except EvalError as e:
        return e.message == msg
    return False


def tlc_model_value(name):
    if type(name) is not str:
        raise _one_arg_error("TLCModelValue", "string", name)
    return ModelValue.get(name)


# --------------------------------------------------------------------------------------
# Randomization
# --------------------------------------------------------------------------------------

def _int_arg(pos: int, op: str, v: Any, what: str = "nonnegative integer") -> int:
    if type(v) is not int or v < 0:
        raise _arg_error(pos, op, what, v)
    return v


def _finite_elems(pos: int, op: str, S: Any) -> list:
    if not is_set(S) or not (type(S) is frozenset or S.is_finite()):
        raise _arg_error(pos, op, "finite set", S)
    return enumerate_set(S)


def random_subset(k, S):
    k = _int_arg(0, "RandomSubset", k)
    elems = _finite_elems(1, "RandomSubset", S)
    if k > len(elems):
        raise EvalError(f"The first argument of RandomSubset should be a nonnegative integer no greater than the "
                        f"cardinality of the second argument, but instead it is:\n{k}")
    return frozenset(RNG.sample(elems, k))


def _random_set_of_subsets(op: str, k: int, prob: float, elems: list) -> frozenset:
    out = set()
    for _ in range(k):
        out.add(frozenset(e for e in elems if RNG.random() < prob))
    return frozenset(out)


def random_set_of_subsets(k, n, S):
    k = _int_arg(0, "RandomSetOfSubsets", k)
    n = _int_arg(1, "RandomSetOfSubsets", n)
    elems = _finite_elems(2, "RandomSetOfSubsets", S)
    prob = n / len(elems) if elems else 0.0
    return _random_set_of_subsets("RandomSetOfSubsets", k, prob, elems)


def random_subset_set(k, prob, S):
    k = _int_arg(0, "RandomSubsetSet", k)
    try:
        p = float(prob) if type(prob) is str else None
    except ValueError:
        p = None
    if p is None or not 0.0 <= p <= 1.0:
        raise _arg_error(1, "RandomSubsetSet", "string literal representing a probability", prob)
    elems = _finite_elems(2, "RandomSubsetSet", S)
    return _random_set_of_subsets("RandomSubsetSet", k, p, elems)


def test_random_set_of_subsets(k, n, S):
    return tuple(len(random_set_of_subsets(k, n, S)) for _ in range(5))


# --------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------

_ARITH: dict[str, Callable] = {
    "+": plus, "-": minus, "*": times, "^": expt, "%": mod, "\\div": div,
    "<": lt, ">": gt, "<=": le, "\\leq": le, "=<": le, ">=": ge, "\\geq": ge, "..": dotdot,
    "Nat": lambda: NAT,
}

NATIVE: dict[tuple[str, str], Callable] = {}
for _name, _fn in _ARITH.items():
    NATIVE[("Naturals", _name)] = _fn
    NATIVE[("Integers", _name)] = _fn
NATIVE[("Integers", "-.")] = uminus
NATIVE[("Integers", "Int")] = lambda: INT

NATIVE.update({
    ("Sequences", "Seq"): seq,
    ("Sequences", "Len"): length,
    ("Sequences", "Head"): head,
    ("Sequences", "Tail"): tail,
    ("Sequences", "Append"): append,
    ("Sequences", "\\o"): concat,
    ("Sequences", "\\circ"): concat,
    ("Sequences", "SubSeq"): subseq,
    ("Sequences", "SelectSeq"): select_seq,

    ("FiniteSets", "Cardinality"): card,
    ("FiniteSets", "IsFiniteSet"): is_finite_set,

    ("Bags", "IsABag"): is_a_bag,
    ("Bags", "BagToSet"): bag_to_set,
    ("Bags", "SetToBag"): set_to_bag,
    ("Bags", "BagIn"): bag_in,
    ("Bags", "EmptyBag"): empty_bag,
    ("Bags", "(+)"): bag_plus,
    ("Bags", "\\oplus"): bag_plus,
    ("Bags", "(-)"): bag_minus,
    ("Bags", "\\ominus"): bag_minus,
    ("Bags", "BagUnion"): bag_union,
    ("Bags", "\\sqsubseteq"): sqsubseteq,
    ("Bags", "SubBag"): sub_bag,
    ("Bags", "BagOfAll"): bag_of_all,
    ("Bags", "BagCardinality"): bag_cardinality,
    ("Bags", "CopiesIn"): copies_in,

    ("TLC", ":>"): make_single_fcn,
    ("TLC", "@@"): combine_fcn,
    ("TLC", "Permutations"): permutations,
    ("TLC", "SortSeq"): sort_seq,
    ("TLC", "ToString"): to_string,
    ("TLC", "RandomElement"): random_element,
    ("TLC", "Any"): lambda: ANY_SET,
    ("TLC", "JavaTime"): java_time,
    ("TLC", "TLCEval"): tlc_eval,

    ("TLCExt", "AssertEq"): assert_eq,
    ("TLCExt", "AssertError"): assert_error,
    ("TLCExt", "TLCModelValue"): tlc_model_value,

    ("Randomization", "RandomSubset"): random_subset,
    ("Randomization", "RandomSetOfSubsets"): random_set_of_subsets,
    ("Randomization", "RandomSubsetSet"): random_subset_set,
    ("Randomization", "TestRandomSetOfSubsets"): test_random_set_of_subsets,
})


# --------------------------------------------------------------------------------------
# Json (a community module TLC ships in its jar; real reading and writing of files)
# --------------------------------------------------------------------------------------

def _to_py(v: Any) -> Any:
    t = type(v)
    if t is bool or t is int or t is str:
        return v
    if t is ModelValue:
        return v.name
    if t is tuple:
        return [_to_py(x) for x in v]
    if t is frozenset or isinstance(v, LazySet):
        return [_to_py(x) for x in tlc_sorted(materialize(v))]
    if t is Fcn:
        if v.is_record():
            return {k: _to_py(x) for k, x in v.items()}
        return [[_to_py(k), _to_py(x)] for k, x in v.items()]
    raise EvalError(f"ToJson: cannot represent {tla_repr(v)} in JSON")


def _from_py(x: Any) -> Any:
    if isinstance(x, bool) or isinstance(x, int) or isinstance(x, str):
        return x
    if isinstance(x, list):
        return tuple(_from_py(e) for e in x)
    if isinstance(x, dict):
        return make_fcn({k: _from_py(e) for k, e in x.items()})
    raise EvalError(f"JsonDeserialize: cannot represent the JSON value {x!r} in TLA+")


def to_json(v):
    import json
    return json.dumps(_to_py(v), separators=(",", ":"))


def json_serialize(path, v):
    import json
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(_to_py(v), fh)
    return True


def nd_json_serialize(path, v):
    import json
    with open(path, "w", encoding="utf-8") as fh:
        for x in (v if type(v) is tuple else _to_py(v)):
            fh.write(json.dumps(_to_py(x)) + "\n")
    return True


def json_deserialize(path):
    import json
    with open(path, encoding="utf-8") as fh:
        return _from_py(json.load(fh))


def nd_json_deserialize(path):
    import json
    with open(path, encoding="utf-8") as fh:
        return tuple(_from_py(json.loads(line)) for line in fh if line.strip())


NATIVE.update({
    ("Json", "ToJson"): to_json,
    ("Json", "ToJsonArray"): to_json,
    ("Json", "ToJsonObject"): to_json,
    ("Json", "JsonSerialize"): json_serialize,
    ("Json", "JsonDeserialize"): json_deserialize,
    ("Json", "ndJsonSerialize"): nd_json_serialize,
    ("Json", "ndJsonDeserialize"): nd_json_deserialize,
})


# the community modules' natives live in modules of their own
from .community_collections import NATIVES as _COLLECTIONS  # noqa: E402
from .community_tools import NATIVES as _TOOLS  # noqa: E402

NATIVE.update(_COLLECTIONS)
NATIVE.update(_TOOLS)
