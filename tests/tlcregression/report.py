"""Print one row per TLC regression model and ``N/193 agree``: ``python -m tests.tlcregression.report``.

    --ratchet        only the models of ratchet.txt (CI): exit status 1 when one of them disagrees
    --known          only the models of known_differences.txt: exit status 1 when one of them agrees
                     now, or differs otherwise than its line says (``signatures`` below)
    --slow           with --ratchet: the slow ones too (marked ``# slow`` in ratchet.txt)
    --timeout S      seconds a model may take (default 60)
    NAME...          only these models (ids as printed)

Also tells which models agree that are not yet in the ratchet, so that they can be added (models
slower than about 20 s are kept out of it, to keep CI fast: ratchet.txt names them in a comment),
and which disagree with no line in known_differences.txt (each line there names the difference).
"""
from __future__ import annotations

import re
import sys

from .runner import TIMEOUT, known_differences, model_id, models, ratchet, run_model


def signatures(detail: str) -> list[str]:
    """The parts of a difference that its line in known_differences.txt must quote: each problem the
    comparison found, without mcheck's message (``exit code 76 (expected 75)``, ``trace length 4
    (expected 3)``, ``no answer in 60 s``)."""
    out = []
    for part in _PROBLEMS.split(detail):
        head, sep, _ = part.partition("): ")
        out.append(head + ")" if sep else part.strip())
    return out


#: where one problem of a comparison ends and the next begins (mcheck's messages hold "; " too)
_PROBLEMS = re.compile(r"; (?=(?:result|exit code|distinct|depth|violated|trace length) )")


def check_known(out, note: str) -> str | None:
    """Why a listed model fails the check (it agrees now, or differs in a way its note does not
    name), or None."""
    if out.ok:
        return "agrees now: move it to ratchet.txt"
    missing = [s for s in signatures(out.detail) if s not in note]
    return f"differs otherwise than listed: {'; '.join(missing)}" if missing else None


def main(argv: list[str]) -> int:
    argv = list(argv)
    timeout = TIMEOUT
    if "--timeout" in argv:
        at = argv.index("--timeout")
        timeout = float(argv[at + 1])
        del argv[at:at + 2]
    only_ratchet = "--ratchet" in argv
    only_known = "--known" in argv
    names = {a for a in argv if not a.startswith("--")}
    import mcheck.checker.run  # noqa: F401  (imported once, before the children are forked)
    listed = set(ratchet("--slow" in argv))
    everything = set(ratchet(slow=True))
    known = known_differences()
    every = models()
    if not every:
        print("tlc-regression: the corpus was not found (../shared/tlc-regression or $MCHECK_TLC_REGRESSION)")
        return 1 if only_ratchet and listed else 0
    regressions, newly, unexplained = [], [], []
    agree = ran = 0
    print(f"{'model':45} {'ok':3} {'expected':40} {'actual':40} {'s':>6}")
    for m in every:
        mid = model_id(m)
        if (only_ratchet and mid not in listed) or (only_known and mid not in known) or (names and mid not in names):
            continue
        out = run_model(m, timeout)
        print(f"{mid:45} {'yes' if out.ok else 'NO':3} {out.expected:40} {out.actual:40} {out.seconds:6.2f}"
              + ("" if out.ok else f"\n    {out.detail}")
              + (f"\n    known: {known[mid]}" if not out.ok and mid in known else ""), flush=True)
        ran += 1
        agree += out.ok
        if only_known and check_known(out, known[mid]) is not None:
            regressions.append(f"{mid}: {check_known(out, known[mid])}")
        if out.ok and mid not in everything:
            newly.append(mid)
        if not out.ok and mid in listed:
            regressions.append(mid)
        elif not out.ok and mid not in known:
            unexplained.append(mid)
    if newly and not only_ratchet:
        print("agreeing but not in the ratchet (add them):", *newly, sep="\n  ")
    if unexplained and not only_ratchet:
        print("disagreeing, with no entry in known_differences.txt:", *unexplained, sep="\n  ")
    if regressions:
        print("NOT AS LISTED:" if only_known else "REGRESSIONS:", *regressions, sep="\n  ")
    print(f"{agree}/{ran} agree")
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
