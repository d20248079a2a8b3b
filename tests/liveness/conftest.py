"""Helpers for the liveness tests: write a spec and its .cfg into tmp_path and check it."""
from __future__ import annotations

import pytest

from mcheck.checker.run import check_spec


@pytest.fixture
def run(tmp_path):
    """``run(body, cfg, name="M", extends="Naturals", extra={})`` -> Result; ``extra`` holds other modules."""
    def go(body: str, cfg: str, name: str = "M", extends: str = "Naturals", extra: dict | None = None):
        for mname, text in (extra or {}).items():
            (tmp_path / f"{mname}.tla").write_text(text)
        head = f"---- MODULE {name} ----\n" + (f"EXTENDS {extends}\n" if extends else "")
        tla = tmp_path / f"{name}.tla"
        tla.write_text(head + body.strip("\n") + "\n====\n")
        (tmp_path / f"{name}.cfg").write_text(cfg.strip("\n") + "\n")
        return check_spec(str(tla), str(tmp_path / f"{name}.cfg"))
    return go


def lasso(r, var: str | None = None):
    """The counterexample as ([values of the variable, or whole states], loop_index, stuttering)."""
    v = r.violation
    i = r.variables.index(var) if var else None
    states = [st.state[i] if i is not None else st.state for st in v.trace if st.action != "Stuttering"]
    return states, v.loop_index, v.stuttering
