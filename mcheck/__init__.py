"""mcheck: a TLA+ model checker in pure Python."""

from .api import check  # noqa: F401  (the Python API: see mcheck.api)
