"""Natives of CSV: CSVWrite, CSVRead and CSVRecords (named csv_module beside the standard library's csv)."""
from __future__ import annotations

from typing import Callable

from ...syntax.errors import EvalError
from ..values import make_record, tla_repr
from .core import arg_error, java_format, one_arg_error


def csv_write(template, val, file):
    if type(template) is not str:
        raise arg_error(0, "CSVWrite", "string", template)
    if type(val) is not tuple:
        raise arg_error(1, "CSVWrite", "sequence", val)
    if type(file) is not str:
        raise arg_error(2, "CSVWrite", "string", file)
    line = java_format("CSVWrite", template, [tla_repr(v) for v in val])
    try:
        with open(file, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError as err:
        raise EvalError(f"CSVWrite cannot write {file}: {err.strerror or err}") from None
    return True


def csv_read(columns, delimiter, file):
    if type(columns) is not tuple or any(type(c) is not str for c in columns):
        raise arg_error(0, "CSVRead", "sequence of strings", columns)
    if type(delimiter) is not str:
        raise arg_error(1, "CSVRead", "string", delimiter)
    if type(file) is not str:
        raise arg_error(2, "CSVRead", "string", file)
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
        raise one_arg_error("CSVRecords", "string", file)
    try:
        with open(file, encoding="utf-8") as fh:
            return len(fh.read().splitlines())
    except FileNotFoundError:
        return 0
    except OSError as err:
        raise EvalError(f"CSVRecords cannot read {file}: {err.strerror or err}") from None


NATIVES: dict[tuple[str, str], Callable] = {
    ("CSV", "CSVWrite"): csv_write,
    ("CSV", "CSVRead"): csv_read,
    ("CSV", "CSVRecords"): csv_records,
}
