"""Parsed modules kept on disk, so that checking a spec again does not parse it again.

Why: on a small spec the parser is a quarter of the whole run.  Importing lark, loading its LALR
tables and parsing TwoPhase.tla with the standard modules it extends take about 90 ms of a 0.4 s
run; reading the same trees back with pickle takes about 2 ms, and lark is not imported at all.

An entry is keyed by the file's path (spans name it), the text parsed, the Python version and the
parser's own source (every file of this package, the grammar among them): an edited spec, an
edited grammar or AST, or another Python never reads an old tree.  Only successful parses are kept;
a parse error is found again each time, with its message.  Entries are written whole under a
temporary name and then renamed (two runs at once see either no entry or a complete one); one that
cannot be read is ignored and parsed again.  The directory keeps the newest ``KEEP`` entries.
``MCHECK_NO_CACHE=1`` turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from typing import Any

KEEP = 512
_version: bytes | None = None


def cache_dir() -> str | None:
    """``$XDG_CACHE_HOME/mcheck`` (``~/.cache/mcheck``), else the temporary directory: the first
    that can be written, or None."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for d in (os.path.join(base, "mcheck"), tempfile.gettempdir()):
        try:
            os.makedirs(d, exist_ok=True)
            if os.access(d, os.W_OK):
                return d
        except OSError:
            continue
    return None


def _parser_version() -> bytes:
    global _version
    if _version is None:
        h = hashlib.blake2b(sys.version.encode(), digest_size=16)
        here = os.path.dirname(os.path.abspath(__file__))
        for name in sorted(os.listdir(here)):
            if name.endswith((".py", ".lark")):
                h.update(name.encode())
                with open(os.path.join(here, name), "rb") as fh:
                    h.update(fh.read())
        _version = h.digest()
    return _version


def entry(text: str, file: str) -> str | None:
    """Where the tree parsed from ``text`` (read from ``file``) is kept; None when there is no cache
    (``MCHECK_NO_CACHE``, or no directory can be written).  Computed once per parse, for ``load``
    and then, on a miss, ``store``."""
    if os.environ.get("MCHECK_NO_CACHE"):
        return None
    d = cache_dir()
    if d is None:
        return None
    h = hashlib.blake2b(_parser_version(), digest_size=20)
    h.update(os.path.abspath(file).encode("utf-8", "replace") + b"\0")
    h.update(text.encode("utf-8", "replace"))
    return os.path.join(d, "ast", h.hexdigest() + ".pickle")


def load(path: str | None) -> Any | None:
    """The tree kept at ``path`` (from ``entry``) when the text was parsed before, else None."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:   # noqa: BLE001 - absent, truncated or from another version: parse again
        return None


def store(path: str | None, tree: Any) -> None:
    """Keep ``tree`` at ``path`` (from ``entry``) for the next run; a cache that cannot be written
    is no error (the next run parses again)."""
    if path is None:
        return
    folder = os.path.dirname(path)
    tmp = None
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(tree, fh, pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(folder)
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: str) -> None:
    """Remove all but the newest ``KEEP`` entries."""
    names = [n for n in os.listdir(folder) if n.endswith(".pickle")]
    if len(names) <= KEEP:
        return
    dated = []
    for n in names:
        p = os.path.join(folder, n)
        try:
            dated.append((os.stat(p).st_mtime, p))
        except OSError:   # another run removed it
            pass
    dated.sort()
    for _, p in dated[:len(dated) - KEEP]:
        try:
            os.unlink(p)
        except OSError:
            pass
