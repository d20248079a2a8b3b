"""mcheck: a TLA+ model checker in pure Python."""

import os as _os

# numpy (the fingerprint store's bulk operations) starts BLAS threads that spin on idle cores;
# mcheck never multiplies matrices, and its worker processes need those cores.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

from .api import check, replay, simulate, to_python  # noqa: F401,E402  (the Python API: see mcheck.api)
