"""mcheck: a TLA+ model checker in pure Python."""

from .api import check  # noqa: E402,F401  (the Python API: see mcheck.api)
