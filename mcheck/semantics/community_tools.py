"""Native implementations of the other community modules (Bitwise, UndirectedGraphs, IOUtils, SVG,
BagsExt, VectorClocks, CSV), as TLC's Java overrides of them.

``NATIVES[(module, operator)]`` is a Python callable taking evaluated argument values (operator-valued
arguments arrive as Python callables); ``builtins.NATIVE`` merges this table.  Where a result depends on
the order of a set's elements it is TLC's normal order (``tlc_sorted``); errors are ``EvalError`` with
TLC's wording where TLC has one.
"""
from __future__ import annotations

import gzip
import json
import math
import os
import re
import subprocess
from collections import deque
from typing import Any, Callable

from ..syntax.errors import EvalError
from .values import (
    Fcn, LazyFcn, LazySet, ModelValue, make_fcn, make_record, materialize, tla_eq, tla_repr,
    tlc_sorted,
)

NATIVES: dict[tuple[str, str], Callable] = {}

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _arg_error(pos: int, op: str, what: str, v: Any) -> EvalError:
    art = "an" if what[:1] in "aeiou" else "a"
    return EvalError(f"The {_ORDINALS[pos]} argument of {op} should be {art} {what}, but instead it is:\n"
                     f"{tla_repr(v)}")


def _one_arg_error(op: str, what: str, v: Any) -> EvalError:
    return EvalError(f"The argument of {op} should be a {what}, but instead it is:\n{tla_repr(v)}")


def _int(pos: int, op: str, v: Any) -> int:
    if type(v) is not int:
        raise _arg_error(pos, op, "integer", v)
    return v


def _finite_set(v: Any) -> frozenset | None:
    if type(v) is frozenset:
        return v
    if isinstance(v, LazySet) and v.is_finite():
        return v.materialize()
    return None


def _items(f: Any) -> list | None:
    """The (argument, value) pairs of a function with a finite domain, in TLC's order of the domain;
    None if f is not such a function."""
    t = type(f)
    if t is tuple:
        return [(i + 1, v) for i, v in enumerate(f)]
    if t is Fcn:
        return [(k, f[k]) for k in tlc_sorted(f)]
    if t is LazyFcn and f.domain.is_finite():
        return _items(f.materialize())
    return None


def _field(r: Any, name: str) -> Any:
    """r[name] for a record r, or None."""
    if type(r) is Fcn:
        return r.get(name)
    return None


# --------------------------------------------------------------------------------------
# Bitwise (TLC's override computes on 32-bit two's-complement ints; Python's operators
# agree with it on every int TLC can represent)
# --------------------------------------------------------------------------------------

def _ints2(op: str, x: Any, y: Any) -> None:
    _int(0, op, x)
    _int(1, op, y)


def bit_and(x, y):
    _ints2("&", x, y)
    return x & y


def bit_or(x, y):
    _ints2("|", x, y)
    return x | y


def bit_xor(x, y):
    _ints2("^^", x, y)
    return x ^ y


def bit_not(a):
    """Not(a): the bits of a up to its most significant 1 inverted (the module's definition)."""
    if type(a) is not int or a < 0:
        raise _one_arg_error("Not", "natural number", a)
    return ((1 << a.bit_length()) - 1) ^ a


def shift_r(n, pos):
    """shiftR(n, pos): Java's ``n >>> pos`` on 32-bit ints (the shift distance taken modulo 32)."""
    _int(0, "shiftR", n)
    _int(1, "shiftR", pos)
    if -2 ** 31 <= n < 2 ** 31:
        p = pos & 31
        if p == 0:
            return n
        return (n & 0xFFFFFFFF) >> p
    if pos < 0:
        raise _arg_error(1, "shiftR", "natural number", pos)
    return n >> pos


NATIVES.update({
    ("Bitwise", "&"): bit_and,
    ("Bitwise", "|"): bit_or,
    ("Bitwise", "^^"): bit_xor,
    ("Bitwise", "Not"): bit_not,
    ("Bitwise", "shiftR"): shift_r,
})


# --------------------------------------------------------------------------------------
# UndirectedGraphs
# --------------------------------------------------------------------------------------

_GRAPH = "undirected graph"


def _graph(op: str, pos: int, g: Any) -> tuple[list, frozenset, frozenset]:
    """The nodes (in TLC's order), the node set and the edge set of the graph record g."""
    if type(g) is not Fcn or not g.is_record() or "node" not in g or "edge" not in g:
        raise _graph_error(op, pos, "record with a node and an edge field", g)
    nodes = _finite_set(g["node"])
    if nodes is None:
        raise _graph_error(op, pos, "record whose node field is a set", g)
    edges = _finite_set(g["edge"])
    if edges is None:
        raise _graph_error(op, pos, "record whose edge field is a set", g)
    return tlc_sorted(nodes), nodes, edges


def _graph_error(op: str, pos: int, detail: str, g: Any) -> EvalError:
    return EvalError(f"The {_ORDINALS[pos]} argument of {op} should be {_GRAPH} {detail}, but instead it is:\n"
                     f"{tla_repr(g)}")


def _endpoints(edge: Any) -> tuple | None:
    """The two ends of an edge {a, b} ({a} is a loop on a); None for anything else (never an edge)."""
    s = _finite_set(edge)
    if s is None or not 1 <= len(s) <= 2:
        return None
    ends = tlc_sorted(s)
    return (ends[0], ends[-1])


def _adjacency(nodes: frozenset, edges: frozenset) -> dict:
    """Successors of each node, both ways along each edge whose ends are both nodes (TLC's order)."""
    adj: dict = {}
    for e in tlc_sorted(edges):
        ends = _endpoints(e)
        if ends is None:
            continue
        a, b = ends
        if a not in nodes or b not in nodes:
            continue
        adj.setdefault(a, []).append(b)
        if a != b:
            adj.setdefault(b, []).append(a)
    return adj


class PathSet(LazySet):
    """Path(G): the non-empty sequences of nodes of G, each joined to the next by an edge.  Infinite as
    soon as G has a node (as in TLC, it can be tested for membership but not enumerated)."""

    def __init__(self, nodes: frozenset, edges: frozenset):
        self.nodes = nodes
        self.edges = edges

    def contains(self, p: Any) -> bool:
        if type(p) is not tuple or not p:
            return False
        if any(x not in self.nodes for x in p):
            return False
        return all(frozenset((a, b)) in self.edges for a, b in zip(p, p[1:]))

    def is_finite(self) -> bool:
        return not self.nodes

    def _iter(self):
        return iter(())

    def _size(self) -> int:
        return 0

    def _params(self) -> tuple:
        return (self.nodes, self.edges)

    def __repr__(self) -> str:
        return (f"{{p \\in Seq({tla_repr(self.nodes)}) : p # <<>> /\\ \\A i \\in 1..(Len(p) - 1) : "
                f"{{p[i], p[i + 1]}} \\in {tla_repr(self.edges)}}}")


def path(G):
    _, nodes, edges = _graph("Path", 0, G)
    return PathSet(nodes, edges)


def simple_path(G):
    order, nodes, edges = _graph("SimplePath", 0, G)
    adj = _adjacency(nodes, edges)
    paths: list = []
    path: list = []
    on_path: set = set()

    def extend(cur):
        paths.append(tuple(path))
        for nxt in adj.get(cur, ()):
            if nxt not in on_path:
                on_path.add(nxt)
                path.append(nxt)
                extend(nxt)
                path.pop()
                on_path.discard(nxt)

    for start in order:
        path.append(start)
        on_path.add(start)
        extend(start)
        on_path.discard(start)
        path.pop()
    return frozenset(paths)


def are_connected_in(m, n, G):
    _, nodes, edges = _graph("AreConnectedIn", 2, G)
    if m not in nodes or n not in nodes:
        return False
    if tla_eq(m, n):
        return True
    adj = _adjacency(nodes, edges)
    seen = {m}
    todo = deque([m])
    while todo:
        cur = todo.popleft()
        for nxt in adj.get(cur, ()):
            if nxt not in seen:
                if nxt == n:
                    return True
                seen.add(nxt)
                todo.append(nxt)
    return False


def connected_components(G):
    order, nodes, edges = _graph("ConnectedComponents", 0, G)
    parent = {v: v for v in order}

    def find(v):
        root = v
        while parent[root] != root:
            root = parent[root]
        while parent[v] != root:
            parent[v], v = root, parent[v]
        return root

    for e in tlc_sorted(edges):
        ends = _endpoints(e)
        if ends is None or ends[0] not in nodes or ends[1] not in nodes:
            continue
        ra, rb = find(ends[0]), find(ends[1])
        if ra != rb:
            parent[rb] = ra
    comps: dict = {}
    for v in order:
        comps.setdefault(find(v), []).append(v)
    return frozenset(frozenset(c) for c in comps.values())


NATIVES.update({
    ("UndirectedGraphs", "Path"): path,
    ("UndirectedGraphs", "SimplePath"): simple_path,
    ("UndirectedGraphs", "AreConnectedIn"): are_connected_in,
    ("UndirectedGraphs", "ConnectedComponents"): connected_components,
})


# --------------------------------------------------------------------------------------
# IOUtils: processes, the environment, files
# --------------------------------------------------------------------------------------

def _exec_result(code: int, out: str, err: str):
    return make_record({"exitValue": code, "stdout": out, "stderr": err})


def _strings(op: str, seq: Any) -> list[str]:
    """The elements of a sequence of strings (TLC: 'The argument of IOExec should be a sequence')."""
    if type(seq) is not tuple:
        raise _one_arg_error(op, "sequence", seq)
    for s in seq:
        if type(s) is not str:
            raise _one_arg_error(op, "sequence", s)
    return list(seq)


def _unquoted(v: Any) -> str:
    return v if type(v) is str else tla_repr(v)


def _env_of(op: str, env: Any) -> dict[str, str]:
    if env == ():
        return {}
    if type(env) is not Fcn or not env.is_record():
        raise _one_arg_error(op, "record", env)
    return {k: _unquoted(v) for k, v in env.items()}


def _run(op: str, command: list[str], extra_env: dict[str, str] | None = None):
    if not command:
        raise EvalError(f"{op}: the command is empty")
    env = None
    if extra_env:
        env = dict(os.environ)
        env.update(extra_env)
    try:
        p = subprocess.run(command, capture_output=True, env=env)
    except OSError as err:
        raise EvalError(f"{op} failed to run {command[0]!r}: {err.strerror or err}") from None
    return _exec_result(p.returncode, p.stdout.decode("utf-8", errors="replace"),
                        p.stderr.decode("utf-8", errors="replace"))


_FORMAT = re.compile(r"%(?:(\d+)\$)?([-#+ 0,(<]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def _java_format(op: str, template: str, params: list[str]) -> str:
    """Java's String.format for string parameters: %s, %S, %n$s (with width and precision), %%, %n."""
    nxt = 0
    out = []
    pos = 0
    for m in _FORMAT.finditer(template):
        out.append(template[pos:m.start()])
        pos = m.end()
        index, flags, width, prec, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        if conv == "n":
            out.append("\n")
            continue
        if conv not in "sS":
            raise EvalError(f"{op}: the conversion %{conv} of {template!r} needs a parameter that is not a "
                            "string (all parameters are strings)")
        if index is not None:
            i = int(index) - 1
        else:
            i = nxt
            nxt += 1
        if not 0 <= i < len(params):
            raise EvalError(f"{op}: the template {template!r} has no parameter for {m.group(0)!r}")
        s = params[i]
        if prec is not None:
            s = s[:int(prec)]
        if conv == "S":
            s = s.upper()
        if width is not None:
            s = s.ljust(int(width)) if "-" in flags else s.rjust(int(width))
        out.append(s)
    out.append(template[pos:])
    return "".join(out)


def io_exec(command):
    return _run("IOExec", _strings("IOExec", command))


def io_env_exec(env, command):
    e = _env_of("IOEnvExec", env)
    return _run("IOEnvExec", _strings("IOEnvExec", command), e)


def io_exec_template(template, parameters):
    tmpl = _strings("IOExecTemplate", template)
    params = _strings("IOExecTemplate", parameters)
    return _run("IOExecTemplate", [_java_format("IOExecTemplate", t, params) for t in tmpl])


def io_env_exec_template(env, template, parameters):
    e = _env_of("IOEnvExecTemplate", env)
    tmpl = _strings("IOEnvExecTemplate", template)
    params = _strings("IOEnvExecTemplate", parameters)
    return _run("IOEnvExecTemplate", [_java_format("IOEnvExecTemplate", t, params) for t in tmpl], e)


def io_env():
    """The process environment as a record of strings (read once, as TLC does)."""
    return make_record(dict(os.environ))


_ATOI = re.compile(r"[+-]?[0-9]+")


def atoi(s):
    """Java's Integer.parseInt: an optional sign and decimal digits, within 32 bits."""
    if type(s) is str and _ATOI.fullmatch(s):
        n = int(s)
        if -2 ** 31 <= n < 2 ** 31:
            return n
    raise _one_arg_error("atoi", "string", s)


def zero_pad_n(n, width):
    s = tla_repr(n)
    _int(1, "zeroPadN", width)
    return s if width <= len(s) else "0" * (width - len(s)) + s


# IOSerialize / IODeserialize: mcheck's own format (TLC writes Java's), JSON with tagged values.

def _encode(v: Any) -> Any:
    t = type(v)
    if t is bool:
        return {"b": v}
    if t is int:
        return {"i": v}
    if t is str:
        return {"s": v}
    if t is ModelValue:
        return {"m": v.name}
    if t is tuple:
        return {"q": [_encode(x) for x in v]}
    if t is frozenset or (isinstance(v, LazySet) and v.is_finite()):
        return {"set": [_encode(x) for x in tlc_sorted(materialize(v))]}
    if t is Fcn or (t is LazyFcn and v.domain.is_finite()):
        return {"f": [[_encode(k), _encode(x)] for k, x in _items(v)]}
    raise EvalError(f"IOSerialize cannot write the value\n{tla_repr(v)}")


def _decode(x: Any) -> Any:
    (tag, body), = x.items()
    if tag in ("b", "i", "s"):
        return body
    if tag == "m":
        return ModelValue.get(body)
    if tag == "q":
        return tuple(_decode(e) for e in body)
    if tag == "set":
        return frozenset(_decode(e) for e in body)
    if tag == "f":
        return make_fcn({_decode(k): _decode(e) for k, e in body})
    raise ValueError(tag)


def _bool(pos: int, op: str, v: Any) -> bool:
    if type(v) is not bool:
        raise _arg_error(pos, op, "boolean", v)
    return v


def io_serialize(value, path, compress):
    if type(path) is not str:
        raise _arg_error(1, "IOSerialize", "string", path)
    data = json.dumps(_encode(value)).encode("utf-8")
    if _bool(2, "IOSerialize", compress):
        data = gzip.compress(data)
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as err:
        raise EvalError(f"IOSerialize could not write {path}: {err.strerror or err}") from None
    return True


def io_deserialize(path, compressed):
    if type(path) is not str:
        raise _arg_error(0, "IODeserialize", "string", path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if _bool(1, "IODeserialize", compressed):
            data = gzip.decompress(data)
        return _decode(json.loads(data.decode("utf-8")))
    except OSError as err:
        raise EvalError(f"IODeserialize could not read {path}: {err.strerror or err}") from None
    except (ValueError, KeyError, TypeError, AttributeError, EOFError):
        raise EvalError(f"IODeserialize: {path} does not hold a value written by IOSerialize") from None


_SERIALIZE_OK = "Finish writting to the file with success!"  # sic, TLC's text


def _format_of(op: str, options: Any) -> str:
    fmt = _field(options, "format")
    if fmt is None:
        fmt = _field(options, "ser")  # the field's name in older versions of the module
    if type(fmt) is not str:
        raise EvalError(f"{op}: the options should be a record with a field format naming the serializer, "
                        f"but instead they are:\n{tla_repr(options)}")
    return fmt


def _charset(options: Any) -> str:
    cs = _field(options, "charset")
    return cs if type(cs) is str else "UTF-8"


def serialize(value, dest, options):
    fmt = _format_of("Serialize", options)
    if fmt != "TXT":
        raise EvalError(f"Serialize: no serializer for the format {tla_repr(fmt)} (mcheck has \"TXT\")")
    bad = "Serialize error invalid parameters: "
    if type(value) is not str:
        return _exec_result(1, "", bad + f"the value to write is not a string: {tla_repr(value)}")
    if type(dest) is not str:
        return _exec_result(1, "", bad + f"the file name is not a string: {tla_repr(dest)}")
    opts = _field(options, "openOptions")
    if opts is None:
        opts = ("CREATE", "TRUNCATE_EXISTING", "WRITE")
    if type(opts) is not tuple or not all(type(o) is str for o in opts):
        return _exec_result(1, "", bad + f"openOptions is not a sequence of strings: {tla_repr(opts)}")
    try:
        data = value.encode(_charset(options))
    except (LookupError, UnicodeError) as err:
        return _exec_result(1, "", bad + str(err))
    try:
        exists = os.path.exists(dest)
        if "CREATE_NEW" in opts and exists:
            raise FileExistsError(f"{dest} exists")
        if not exists and "CREATE" not in opts and "CREATE_NEW" not in opts:
            raise FileNotFoundError(f"{dest} does not exist")
        if "APPEND" in opts:
            mode = "ab"
        elif "TRUNCATE_EXISTING" in opts or not exists:
            mode = "wb"
        else:
            mode = "r+b"  # overwrite from the start, keep the rest
        with open(dest, mode) as fh:
            fh.write(data)
    except OSError as err:
        return _exec_result(1, "", f"Serialize error writting to the file: {err}")
    return _exec_result(0, _SERIALIZE_OK, "")


def deserialize(src, options):
    fmt = _format_of("Deserialize", options)
    if fmt != "TXT":
        raise EvalError(f"Deserialize: no deserializer for the format {tla_repr(fmt)} (mcheck has \"TXT\")")
    if type(src) is not str:
        return _exec_result(1, "", f"Deserialize error invalid parameters: the file name is not a string: "
                                   f"{tla_repr(src)}")
    try:
        with open(src, "rb") as fh:
            text = fh.read().decode(_charset(options))
    except (OSError, LookupError, UnicodeError) as err:
        return _exec_result(1, "", f"Deserialize error reading from the file: {err}")
    return _exec_result(0, text, "")


NATIVES.update({
    ("IOUtils", "IOExec"): io_exec,
    ("IOUtils", "IOEnvExec"): io_env_exec,
    ("IOUtils", "IOExecTemplate"): io_exec_template,
    ("IOUtils", "IOEnvExecTemplate"): io_env_exec_template,
    ("IOUtils", "IOEnv"): io_env,
    ("IOUtils", "atoi"): atoi,
    ("IOUtils", "zeroPadN"): zero_pad_n,
    ("IOUtils", "IOSerialize"): io_serialize,
    ("IOUtils", "IODeserialize"): io_deserialize,
    ("IOUtils", "Serialize"): serialize,
    ("IOUtils", "Deserialize"): deserialize,
})


# --------------------------------------------------------------------------------------
# SVG
# --------------------------------------------------------------------------------------

def _svg_error(msg: str) -> EvalError:
    return EvalError(f"SVGElemToString: {msg}")


def svg_elem_to_string(elem):
    out: list[str] = []
    _svg_write(elem, out)
    return "".join(out)


def _svg_write(elem: Any, out: list[str]) -> None:
    if type(elem) is not Fcn or not elem.is_record():
        raise _svg_error(f"an SVG element must be a record, but instead it is:\n{tla_repr(elem)}")
    name = elem.get("name")
    if type(name) is not str:
        raise _svg_error(f"the name of an SVG element must be a string:\n{tla_repr(elem)}")
    attrs = elem.get("attrs")
    if attrs == ():
        pairs: list = []
    elif type(attrs) is Fcn and attrs.is_record():
        pairs = [(k, attrs[k]) for k in tlc_sorted(attrs)]
    else:
        raise _svg_error(f"the attributes of an SVG element must be a record:\n{tla_repr(attrs)}")
    children = elem.get("children")
    kids = _items(children) if children is not None else None
    if kids is None:
        raise _svg_error(f"the children of an SVG element must be a sequence or a function:\n"
                         f"{tla_repr(children)}")
    text = elem.get("innerText")
    if type(text) is not str:
        raise _svg_error(f"the innerText of an SVG element must be a string:\n{tla_repr(elem)}")
    out.append("<" + name)
    for k, v in pairs:
        if type(v) is not str:
            raise _svg_error(f"the value of the attribute {k} must be a string, but it is:\n{tla_repr(v)}")
        out.append(f" {k.replace('_', '-')}='{v}'")
    out.append(">")
    out.append(text.replace("<<", "&lt;&lt;").replace(">>", "&gt;&gt;"))
    for _, child in kids:
        _svg_write(child, out)
    out.append(f"</{name}>")


def _java_int(x: float) -> int:
    """Java's (int) cast of a double: toward zero, NaN to 0, saturating at the int range."""
    if math.isnan(x):
        return 0
    if x >= 2 ** 31 - 1:
        return 2 ** 31 - 1
    if x <= -2 ** 31:
        return -2 ** 31
    return int(x)


def node_of_ring_network(cx, cy, r, n, m):
    op = "NodeOfRingNetwork"
    cx, cy, r, n, m = (_int(i, op, v) for i, v in enumerate((cx, cy, r, n, m)))
    if m == 0:
        angle = math.nan
    else:
        angle = (2.0 * math.pi / m) * n
    return make_record({"x": _java_int(cx + r * math.cos(angle)), "y": _java_int(cy + r * math.sin(angle))})


def _point(pos: int, op: str, p: Any) -> tuple[int, int]:
    x, y = _field(p, "x"), _field(p, "y")
    if type(x) is not int or type(y) is not int:
        raise _arg_error(pos, op, "record with integer fields x and y", p)
    return x, y


def point_on_line(frm, to, segment):
    fx, fy = _point(0, "PointOnLine", frm)
    tx, ty = _point(1, "PointOnLine", to)
    seg = _int(2, "PointOnLine", segment)

    def step(a, b):  # Java: (int) (a + ((b - a) / (seg * 1d)))
        d = b - a
        if seg == 0:
            q = math.nan if d == 0 else math.copysign(math.inf, d)
        else:
            q = d / seg
        return _java_int(a + q)

    return make_record({"x": step(fx, tx), "y": step(fy, ty)})


def nodes_of_directed_multi_graph(nodes, edges, options):
    raise EvalError("NodesOfDirectedMultiGraph is not supported by mcheck: TLC computes it with a Java "
                    "graph-layout library (jungrapht) whose coordinates mcheck cannot reproduce.")


NATIVES.update({
    ("SVG", "SVGElemToString"): svg_elem_to_string,
    ("SVG", "NodeOfRingNetwork"): node_of_ring_network,
    ("SVG", "PointOnLine"): point_on_line,
    ("SVG", "NodesOfDirectedMultiGraph"): nodes_of_directed_multi_graph,
})


# --------------------------------------------------------------------------------------
# BagsExt
# --------------------------------------------------------------------------------------

def _bag(op: str, pos: int, B: Any) -> list:
    items = _items(B)
    if items is None:
        raise _arg_error(pos, op, "bag", B)
    return items


def _copies(op: str, k: Any, n: Any) -> int:
    if type(n) is not int or n <= 0:
        raise EvalError(f"Applying {op} to the following value,\nwhich is not an element of Nat:\n"
                        f"{tla_repr(n)} (in: {tla_repr(k)}:>{tla_repr(n)})")
    return n


def bag_add(B, x):
    d = dict(_bag("BagAdd", 0, B))
    d[x] = d.get(x, 0) + 1
    return make_fcn(d)


def bag_remove(B, x):
    d = dict(_bag("BagRemove", 0, B))
    n = d.get(x)
    if n is None:
        return B
    if n == 1:
        del d[x]
    else:
        d[x] = n - 1
    return make_fcn(d)


def bag_remove_all(B, x):
    d = dict(_bag("BagRemoveAll", 0, B))
    if x not in d:
        return B
    del d[x]
    return make_fcn(d)


def fold_bag(op: Callable[[Any, Any], Any], base, B):
    """TLC's override: acc := op(acc, x) once per copy of each x, x in TLC's order of DOMAIN B."""
    acc = base
    for k, n in _bag("FoldBag", 2, B):
        for _ in range(_copies("FoldBag", k, n)):
            acc = op(acc, k)
    return acc


def _int_sum(a, b):
    if type(a) is int and type(b) is int:
        return a + b
    raise _arg_error(0 if type(a) is not int else 1, "+", "integer", a if type(a) is not int else b)


def _int_product(a, b):
    if type(a) is int and type(b) is int:
        return a * b
    raise _arg_error(0 if type(a) is not int else 1, "*", "integer", a if type(a) is not int else b)


def sum_bag(B):
    return fold_bag(_int_sum, 0, B)


def product_bag(B):
    return fold_bag(_int_product, 1, B)


def map_then_fold_bag(op, base, f, choose, B):
    """The module's definition (TLC has no override): each x of DOMAIN B contributes
    op(...op(op(base, f(x)), f(x))..., f(x)) (B[x] times); the contributions are combined with op from the
    last element (TLC's order) to the first, starting from base.  choose is not used, as in the module."""
    acc = base
    for k, n in reversed(_bag("MapThenFoldBag", 4, B)):
        _copies("MapThenFoldBag", k, n)
        fx = f(k)
        c = op(base, fx)
        for _ in range(n - 1):
            c = op(c, fx)
        acc = op(c, acc)
    return acc


NATIVES.update({
    ("BagsExt", "BagAdd"): bag_add,
    ("BagsExt", "BagRemove"): bag_remove,
    ("BagsExt", "BagRemoveAll"): bag_remove_all,
    ("BagsExt", "FoldBag"): fold_bag,
    ("BagsExt", "SumBag"): sum_bag,
    ("BagsExt", "ProductBag"): product_bag,
    ("BagsExt", "MapThenFoldBag"): map_then_fold_bag,
})


# --------------------------------------------------------------------------------------
# VectorClocks
# --------------------------------------------------------------------------------------

def _java_string_hash(s: str) -> int:
    h = 0
    data = s.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = (31 * h + (data[i] | data[i + 1] << 8)) & 0xFFFFFFFF
    return h


def _java_hashmap_order(keys: list) -> list:
    """The iteration order of a java.util.HashMap into which ``keys`` were put in this order (TLC's
    CausalOrder walks the nodes that way).  Emulated for string keys (a TLC string hashes as a Java
    String); for other keys the order of first appearance is kept."""
    if not keys or not all(type(k) is str for k in keys):
        return list(keys)
    cap = 16
    while len(keys) > cap * 3 // 4:
        cap *= 2

    def bucket(k):
        h = _java_string_hash(k)
        return (h ^ (h >> 16)) & (cap - 1)

    return [k for _, _, k in sorted((bucket(k), i, k) for i, k in enumerate(keys))]


def causal_order(log, clock: Callable, node: Callable, domain: Callable):
    """TLC's CausalOrder: order each node's events by the node's own clock entry, link every event to the
    latest event of each other node it has heard of, then repeatedly emit the first event of each node
    (in TLC's iteration order of the nodes) that has no unemitted predecessor."""
    if type(log) is not tuple:
        raise _arg_error(0, "CausalOrder", "sequence", log)
    per_node: dict = {}
    for entry in log:
        host = node(entry)
        vc = clock(entry)
        time = _vc_at(vc, host, entry)
        hosts = _finite_set(domain(vc))
        if hosts is None:
            raise EvalError(f"CausalOrder: the domain of the clock {tla_repr(vc)} is not a finite set")
        per_node.setdefault(host, []).append({"value": entry, "clock": vc, "time": time,
                                              "hosts": tlc_sorted(hosts), "parents": set(), "children": []})
    for events in per_node.values():
        events.sort(key=lambda ev: _time_key(ev["time"]))
    for host, events in per_node.items():
        seen = {h: 0 for h in per_node}
        for ev in events:
            seen[host] = ev["time"]
            for other in ev["hosts"]:
                t = _vc_at(ev["clock"], other, ev["value"])
                if other not in seen:
                    raise EvalError(f"CausalOrder: the clock {tla_repr(ev['clock'])} names the node "
                                    f"{tla_repr(other)}, which has no event in the log")
                if _time_key(seen[other]) < _time_key(t):
                    seen[other] = t
                    others = per_node[other]
                    if not (type(t) is int and 1 <= t <= len(others)):
                        raise EvalError(f"CausalOrder: the clock {tla_repr(ev['clock'])} counts {tla_repr(t)} "
                                        f"events of node {tla_repr(other)}, but the log has {len(others)}")
                    parent = others[t - 1]
                    ev["parents"].add(id(parent))
                    parent["children"].append(ev)
    order = _java_hashmap_order(list(per_node))
    queues = {h: deque(per_node[h]) for h in order}
    out = []
    for _ in range(len(log)):
        for h in order:
            q = queues[h]
            if q and not q[0]["parents"]:
                ev = q.popleft()
                for child in ev["children"]:
                    child["parents"].discard(id(ev))
                out.append(ev["value"])
    if len(out) != len(log):
        raise EvalError("CausalOrder: the clocks of the log are not consistent (some events could not be "
                        "ordered)")
    return tuple(out)


def _vc_at(vc: Any, host: Any, entry: Any) -> Any:
    t = type(vc)
    try:
        if t is tuple:
            if type(host) is int and 1 <= host <= len(vc):
                return vc[host - 1]
        elif t is Fcn:
            return vc[host]
        elif t is LazyFcn:
            return vc.apply(host)
    except (KeyError, TypeError):
        pass
    raise EvalError(f"CausalOrder: the clock {tla_repr(vc)} of the log entry\n{tla_repr(entry)}\n"
                    f"has no value for the node {tla_repr(host)}")


def _time_key(t: Any):
    if type(t) is not int:
        raise EvalError(f"CausalOrder: a clock value should be an integer, but instead it is:\n{tla_repr(t)}")
    return t


NATIVES.update({
    ("VectorClocks", "CausalOrder"): causal_order,
})


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------

def csv_write(template, val, file):
    if type(template) is not str:
        raise _arg_error(0, "CSVWrite", "string", template)
    if type(val) is not tuple:
        raise _arg_error(1, "CSVWrite", "sequence", val)
    if type(file) is not str:
        raise _arg_error(2, "CSVWrite", "string", file)
    line = _java_format("CSVWrite", template, [tla_repr(v) for v in val])
    try:
        with open(file, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError as err:
        raise EvalError(f"CSVWrite cannot write {file}: {err.strerror or err}") from None
    return True


def csv_read(columns, delimiter, file):
    if type(columns) is not tuple or any(type(c) is not str for c in columns):
        raise _arg_error(0, "CSVRead", "sequence of strings", columns)
    if type(delimiter) is not str:
        raise _arg_error(1, "CSVRead", "string", delimiter)
    if type(file) is not str:
        raise _arg_error(2, "CSVRead", "string", file)
    try:
        with open(file, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as err:
        raise EvalError(f"CSVRead cannot read {file}: {err.strerror or err}") from None
    out = []
    for ln in lines:
        parts = ln.split(delimiter)
        out.append(make_record({c: (parts[i] if i < len(parts) else "") for i, c in enumerate(columns)}))
    return tuple(out)


def csv_records(file):
    if type(file) is not str:
        raise _one_arg_error("CSVRecords", "string", file)
    try:
        with open(file, encoding="utf-8") as fh:
            return len(fh.read().splitlines())
    except FileNotFoundError:
        return 0
    except OSError as err:
        raise EvalError(f"CSVRecords cannot read {file}: {err.strerror or err}") from None


NATIVES.update({
    ("CSV", "CSVWrite"): csv_write,
    ("CSV", "CSVRead"): csv_read,
    ("CSV", "CSVRecords"): csv_records,
})
