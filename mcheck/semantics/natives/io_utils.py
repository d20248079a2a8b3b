"""Natives of IOUtils: processes, the environment, files, and IOSerialize's own format."""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, LazyFcn, LazySet, ModelValue, make_fcn, make_record, materialize, tla_repr, tlc_sorted
from .core import arg_error, field, finite_items, int_arg, java_format, one_arg_error


def _exec_result(code: int, out: str, err: str):
    return make_record({"exitValue": code, "stdout": out, "stderr": err})


def _strings(op: str, seq: Any) -> list[str]:
    """The elements of a sequence of strings (TLC: 'The argument of IOExec should be a sequence')."""
    if type(seq) is not tuple:
        raise one_arg_error(op, "sequence", seq)
    for s in seq:
        if type(s) is not str:
            raise one_arg_error(op, "sequence", s)
    return list(seq)


def _unquoted(v: Any) -> str:
    return v if type(v) is str else tla_repr(v)


def _env_of(op: str, env: Any) -> dict[str, str]:
    if env == ():
        return {}
    if type(env) is not Fcn or not env.is_record():
        raise one_arg_error(op, "record", env)
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




def io_exec(command):
    return _run("IOExec", _strings("IOExec", command))


def io_env_exec(env, command):
    e = _env_of("IOEnvExec", env)
    return _run("IOEnvExec", _strings("IOEnvExec", command), e)


def io_exec_template(template, parameters):
    tmpl = _strings("IOExecTemplate", template)
    params = _strings("IOExecTemplate", parameters)
    return _run("IOExecTemplate", [java_format("IOExecTemplate", t, params) for t in tmpl])


def io_env_exec_template(env, template, parameters):
    e = _env_of("IOEnvExecTemplate", env)
    tmpl = _strings("IOEnvExecTemplate", template)
    params = _strings("IOEnvExecTemplate", parameters)
    return _run("IOEnvExecTemplate", [java_format("IOEnvExecTemplate", t, params) for t in tmpl], e)


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
    raise one_arg_error("atoi", "string", s)


def zero_pad_n(n, width):
    s = tla_repr(n)
    int_arg(1, "zeroPadN", width)
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
        return {"f": [[_encode(k), _encode(x)] for k, x in finite_items(v)]}
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
        raise arg_error(pos, op, "boolean", v)
    return v


def io_serialize(value, path, compress):
    if type(path) is not str:
        raise arg_error(1, "IOSerialize", "string", path)
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
        raise arg_error(0, "IODeserialize", "string", path)
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
    fmt = field(options, "format")
    if fmt is None:
        fmt = field(options, "ser")  # the field's name in older versions of the module
    if type(fmt) is not str:
        raise EvalError(f"{op}: the options should be a record with a field format naming the serializer, "
                        f"but instead they are:\n{tla_repr(options)}")
    return fmt


def _charset(options: Any) -> str:
    cs = field(options, "charset")
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
    opts = field(options, "openOptions")
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


NATIVES: dict[tuple[str, str], Callable] = {
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
}
