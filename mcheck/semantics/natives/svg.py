"""Natives of SVG: SVGElemToString and the layout helpers NodeOfRingNetwork and PointOnLine."""
from __future__ import annotations

import math
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, make_record, tla_repr, tlc_sorted
from .core import arg_error, field, finite_items, int_arg


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
    kids = finite_items(children) if children is not None else None
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
    cx, cy, r, n, m = (int_arg(i, op, v) for i, v in enumerate((cx, cy, r, n, m)))
    if m == 0:
        angle = math.nan
    else:
        angle = (2.0 * math.pi / m) * n
    return make_record({"x": _java_int(cx + r * math.cos(angle)), "y": _java_int(cy + r * math.sin(angle))})


def _point(pos: int, op: str, p: Any) -> tuple[int, int]:
    x, y = field(p, "x"), field(p, "y")
    if type(x) is not int or type(y) is not int:
        raise arg_error(pos, op, "record with integer fields x and y", p)
    return x, y


def point_on_line(frm, to, segment):
    fx, fy = _point(0, "PointOnLine", frm)
    tx, ty = _point(1, "PointOnLine", to)
    seg = int_arg(2, "PointOnLine", segment)

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


NATIVES: dict[tuple[str, str], Callable] = {
    ("SVG", "SVGElemToString"): svg_elem_to_string,
    ("SVG", "NodeOfRingNetwork"): node_of_ring_network,
    ("SVG", "PointOnLine"): point_on_line,
    ("SVG", "NodesOfDirectedMultiGraph"): nodes_of_directed_multi_graph,
}
