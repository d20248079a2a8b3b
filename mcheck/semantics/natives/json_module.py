"""Natives of Json (a community module TLC ships in its jar; real reading and writing of files).

Named json_module so that it can never be mistaken for the standard library's json, which it uses.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, LazySet, ModelValue, make_fcn, materialize, tla_repr, tlc_sorted


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
    return json.dumps(_to_py(v), separators=(",", ":"))


def json_serialize(path, v):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(_to_py(v), fh)
    return True


def nd_json_serialize(path, v):
    with open(path, "w", encoding="utf-8") as fh:
        for x in (v if type(v) is tuple else _to_py(v)):
            fh.write(json.dumps(_to_py(x)) + "\n")
    return True


def json_deserialize(path):
    with open(path, encoding="utf-8") as fh:
        return _from_py(json.load(fh))


def nd_json_deserialize(path):
    with open(path, encoding="utf-8") as fh:
        return tuple(_from_py(json.loads(line)) for line in fh if line.strip())


NATIVES: dict[tuple[str, str], Callable] = {
    ("Json", "ToJson"): to_json,
    ("Json", "ToJsonArray"): to_json,
    ("Json", "ToJsonObject"): to_json,
    ("Json", "JsonSerialize"): json_serialize,
    ("Json", "JsonDeserialize"): json_deserialize,
    ("Json", "ndJsonSerialize"): nd_json_serialize,
    ("Json", "ndJsonDeserialize"): nd_json_deserialize,
}
