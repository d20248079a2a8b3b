"""Print a table of conformance results: ``python -m tests.conformance.report [TIER...]``.

Models that need a community module mcheck does not bundle are left out.

Also tells which models pass that are not yet in the ratchet (so they can be added) and which ratchet
models fail (a regression).  Exit status 1 on a regression.

    --ratchet            only the ratchet's models
    --list workers|long  only the models of another list (``runner.LISTS``)
    --workers N          check with N worker processes
"""
from __future__ import annotations

import sys

from .runner import model_id, models, ratchet, run_model


def missing_modules(m: dict) -> list[str]:
    """The community modules a model needs that mcheck does not bundle."""
    from mcheck.semantics.modules import standard_module_names
    have = set(standard_module_names())
    return [n[7:] for n in m.get("needs", []) if n.startswith("module:") and n[7:] not in have]


def main(argv: list[str]) -> int:
    argv = list(argv)
    workers = 1
    if "--workers" in argv:
        at = argv.index("--workers")
        workers = int(argv[at + 1])
        del argv[at:at + 2]
    which = "ratchet"
    if "--list" in argv:
        at = argv.index("--list")
        which = argv[at + 1]
        del argv[at:at + 2]
        argv.append("--ratchet")
    tiers = set(argv) or {"A", "X"}
    only_ratchet = "--ratchet" in argv
    tiers.discard("--ratchet")
    listed = set(ratchet(which))
    if only_ratchet and listed and not models():
        print("conformance: the corpus was not found (../shared/conformance or $MCHECK_CONFORMANCE); "
              f"the ratchet's {len(listed)} models cannot be checked")
        return 1
    regressions = []
    newly = []
    passed = failed = 0
    print(f"{'model':55} {'ok':3} {'expected':40} {'actual':40} {'s':>7}")
    for m in models():
        mid = model_id(m)
        if only_ratchet and mid not in listed:
            continue
        if not only_ratchet and m["tier"] not in tiers:
            continue
        if not only_ratchet and missing_modules(m):
            continue
        out = run_model(m, workers)
        print(f"{mid:55} {'yes' if out.ok else 'NO':3} {out.expected:40} {out.actual:40} {out.seconds:7.2f}"
              + ("" if out.ok else f"\n    {out.detail}"), flush=True)
        passed += out.ok
        failed += not out.ok
        if out.ok and mid not in listed and which == "ratchet":
            newly.append(mid)
        if not out.ok and mid in listed:
            regressions.append(mid)
    if newly:
        print("passing but not in the ratchet (add them):", *newly, sep="\n  ")
    if regressions:
        print("REGRESSIONS:", *regressions, sep="\n  ")
    print(f"conformance: {passed} passed, {failed} failed")
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
