"""Any number of workers gives one worker's answers: a property test over generated TLA+ models.

``--workers N`` (``parallel.py``) searches level by level over N processes and must report what
one breadth-first search reports: the same result and exit code, the same violation (kind, name,
trace states, action labels, lasso), and, when the search was complete (a success, or a liveness
failure found on the whole graph), the same distinct states, states generated and depth.  At a
safety violation or deadlock the counts are those at the end of the level, so they may differ.

Models are generated from fixed seeds with ``random.Random``: two or three bounded integers, at
times a set, a function or a record, a ``Next`` of 2-5 guarded (sometimes nondeterministic)
actions, and, by chance or by the seed's leading kind, an invariant, a CONSTRAINT, an
ACTION_CONSTRAINT, a VIEW, an action property ``[][A]_v``, deadlock checked or not, a liveness
property under fairness, or SYMMETRY over model values.  A model one worker cannot check (an
"error" outcome) is left out and printed; enough models of every kind, and every verdict, must
remain.  The focused tests after them say the same of hand-written specs, errors included.
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mcheck.checker.run import check_spec
from mcheck.checker.transport import LocalFirstTransport, ProcessTransport

LEADING = ("plain", "set", "function", "record", "invariant", "constraint", "action constraint",
           "view", "deadlock", "action property", "liveness", "symmetry")
"""The kind each seed leads with (``seed % 12``); other features come by chance."""

SEEDS = tuple(range(24)) + (81,)
"""Two models of each leading kind, and seed 81: an action property broken only by steps the
ACTION_CONSTRAINT excludes, which two workers once did not check."""
THREE_WORKERS = frozenset(SEEDS[::3])   # 3 workers on a third of the models: CI's time
MIN_COMPARED = 18
OPTIONAL = ("invariant", "constraint", "action constraint", "view", "action property")


@dataclass
class Generated:
    """One generated spec: the module, its .cfg, and the kinds of feature it has."""

    seed: int
    tla: str
    cfg: str
    kinds: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return f"Gen{self.seed}"

    def write(self, root: Path) -> str:
        folder = root / self.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{self.name}.tla").write_text(self.tla)
        (folder / f"{self.name}.cfg").write_text(self.cfg)
        return str(folder / f"{self.name}.tla")

    def text(self) -> str:
        return f"seed {self.seed}, kinds {sorted(self.kinds)}\n{self.tla}---- {self.name}.cfg ----\n{self.cfg}"


# ------------------------------------------------------------------ the generator

@dataclass
class _Vars:
    ints: list[tuple[str, int]]          # (name, bound): values 0..bound-1
    extra: str | None                    # "S" (a set), "f" (a function), "r" (a record) or None

    @property
    def names(self) -> list[str]:
        return [v for v, _ in self.ints] + ([self.extra] if self.extra else [])


def _int_update(rng: random.Random, v: str, m: int, vs: _Vars) -> str:
    u = rng.choice([w for w, _ in vs.ints if w != v])
    c = rng.randrange(m)
    return rng.choice([
        f"{v}' = ({v} + 1) % {m}",
        f"{v}' = ({v} + 1) % {m}",
        f"{v}' = ({v} + {u}) % {m}",
        f"{v}' = {c}",
        f"{v}' = IF {v} > 0 THEN {v} - 1 ELSE {m - 1}",
        f"{v}' = ({u} * 2 + 1) % {m}",
        f"{v}' \\in {{{c}, ({v} + 1) % {m}}}",
        f"\\E k \\in 0..1 : {v}' = ({v} + k) % {m}",
    ])


def _extra_update(rng: random.Random, vs: _Vars) -> str:
    u = rng.choice([w for w, _ in vs.ints])
    return rng.choice({
        "S": ["S' = S \\cup {U}", "S' = S \\ {U}", "S' = IF Cardinality(S) > 1 THEN {} ELSE S \\cup {U}"],
        "f": ["f' = [f EXCEPT ![1] = (@ + U) % 3]", "f' = [f EXCEPT ![2] = f[1]]", "f' = [i \\in 1..2 |-> U % 3]"],
        "r": ["r' = [r EXCEPT !.a = U]", "r' = [r EXCEPT !.b = ~@]", "r' = [a |-> (r.a + 1) % 3, b |-> r.b]"],
    }[vs.extra]).replace("U", u)


def _guard(rng: random.Random, vs: _Vars) -> str:
    (v, m), (u, _) = rng.sample(vs.ints, 2)
    below = rng.randrange(1, m) if m < 3 else rng.randrange(2, m)
    options = [f"{v} < {below}", f"{v} # {u}", f"{v} + {u} > {rng.randrange(1, m)}", f"{v} % 2 = 0"]
    if vs.extra:
        options += {"S": [f"{v} \\notin S", "Cardinality(S) < 2", f"{u} \\in S"],
                    "f": ["f[1] # f[2]", "f[2] < 2"], "r": ["r.b", "~r.b", f"r.a # {u}"]}[vs.extra]
    return rng.choice(options)


def _action(rng: random.Random, vs: _Vars, name: str, guarded: bool, drive: str | None = None) -> str:
    """``name ==`` guards (when ``guarded``), then an update or UNCHANGED for each variable; ``drive``
    (a variable) counts up, so that the model has more than a handful of states."""
    conj = [_guard(rng, vs) for _ in range(rng.randint(1, 2) if guarded else 0)]
    changed = [v for v in vs.names if v == drive or rng.random() < 0.5] or [rng.choice(vs.names)]
    bounds = dict(vs.ints)
    for v in vs.names:
        if v == drive:
            conj.append(f"{v}' = ({v} + 1) % {bounds[v]}")
        elif v in changed:
            conj.append(_int_update(rng, v, bounds[v], vs) if v in bounds else _extra_update(rng, vs))
    same = [v for v in vs.names if v not in changed]
    if same:
        conj.append(f"UNCHANGED <<{', '.join(same)}>>")
    return f"{name} ==\n" + "".join(f"    /\\ {c}\n" for c in conj)


def _init(rng: random.Random, vs: _Vars) -> str:
    conj = [rng.choice([f"{v} = 0", f"{v} = 0", f"{v} \\in 0..1", f"{v} \\in {{0, {m - 1}}}"]) for v, m in vs.ints]
    conj += {"S": ["S = {}"], "f": ["f = [i \\in 1..2 |-> 0]"], "r": ["r = [a |-> 0, b |-> FALSE]"], None: []}[vs.extra]
    return "Init == " + " /\\ ".join(conj) + "\n"


def _optional(rng: random.Random, kind: str, vs: _Vars) -> tuple[str, str]:
    """The definition and the .cfg line of one optional feature."""
    (x, mx), (y, my) = vs.ints[:2]
    a, b = rng.randrange(2, mx), rng.randrange(1, my)
    if kind == "invariant":
        options = [f"~({x} = {a} /\\ {y} = {b})", f"{x} + {y} < {rng.randint(mx + my - 4, mx + my - 2)}"]
        options += {"S": ["Cardinality(S) < 3"], "f": ["f[1] + f[2] < 3"], "r": ["r.a < 2 \\/ ~r.b"],
                    None: []}[vs.extra]
        return f"Inv == {rng.choice(options)}\n", "INVARIANT Inv"
    if kind == "constraint":
        return f"Cons == {rng.choice([f'{x} + {y} < {mx + my - 3}', f'{x} # {a}'])}\n", "CONSTRAINT Cons"
    if kind == "action constraint":
        ac = rng.choice(["X' >= X \\/ Y' # Y", "~(X' = 0 /\\ Y' = 0)", "X' + Y' # 1"])
        return f"AC == {ac.replace('X', x).replace('Y', y)}\n", "ACTION_CONSTRAINT AC"
    if kind == "view":
        view = rng.choice(["<<X>>", "X % 2", "<<X, Y % 2>>", "X + Y", "<<X, Y>>"])
        return f"View == {view.replace('X', x).replace('Y', y)}\n", "VIEW View"
    step = rng.choice([f"[][{x}' >= {x} \\/ {x}' = 0]_{x}", f"[][{x}' # {y}]_<<{x}, {y}>>", f"[][{y}' <= {y} + 1]_{y}",
                       f"[][{x}' + {y}' # {rng.randint(1, mx + my - 2)}]_vars"])
    return f"Prop == {step}\n", "PROPERTY Prop"


def _plain(rng: random.Random, seed: int, lead: str) -> Generated:
    """A model over bounded integers (and maybe a set, function or record), led by ``lead``."""
    ints = [("x", rng.choice([4, 5])), ("y", rng.choice([3, 4]))] + ([("z", 2)] if rng.random() < 0.3 else [])
    extra = {"set": "S", "function": "f", "record": "r"}.get(lead) or rng.choice([None, None, "S", "f", "r"])
    vs = _Vars(ints, extra)
    kinds = {lead, {"S": "set", "f": "function", "r": "record", None: "plain"}[extra]}
    live = lead == "liveness"
    features = [k for k in OPTIONAL if k == lead or (rng.random() < 0.2 and not live)]   # liveness: alone
    kinds |= set(features)
    guarded_all = lead == "deadlock" or rng.random() < 0.3
    n = rng.randint(2, 5)
    drives = {1: "x", 2: "y"}
    actions = [_action(rng, vs, f"A{i}", guarded_all or i > 1, drives.get(i)) for i in range(1, n + 1)]
    body = [f"VARIABLES {', '.join(vs.names)}\n", f"vars == <<{', '.join(vs.names)}>>\n", _init(rng, vs),
            *actions, "Next == " + " \\/ ".join(f"A{i}" for i in range(1, n + 1)) + "\n"]
    cfg = []
    if live:
        fair = rng.choice(["WF_vars(Next)", "WF_vars(A1) /\\ WF_vars(A2)", "SF_vars(Next)"])
        body.append(f"Spec == Init /\\ [][Next]_vars /\\ {fair}\n")
        goal = rng.choice([f"<>(x = {rng.randrange(3)})", "[]<>(y = 0)", "<>[](x # 0)", "(x = 0) ~> (y = 1)"])
        body.append(f"Live == {goal}\n")
        cfg += ["SPECIFICATION Spec", "PROPERTY Live"]
    else:
        cfg += ["INIT Init", "NEXT Next"]
    for k in features:
        d, line = _optional(rng, k, vs)
        body.append(d)
        cfg.append(line)
    deadlock = lead == "deadlock" or (rng.random() < 0.5 and not live)
    if not deadlock:
        cfg.append("CHECK_DEADLOCK FALSE")
    elif guarded_all:
        kinds.add("deadlock")
    return _module(seed, ["Naturals", "FiniteSets"], body, cfg, kinds)


SYMMETRIC_ACTIONS = {
    "Acquire": "\\E p \\in Procs \\ owner : owner' = owner \\cup {p} /\\ UNCHANGED <<pc, x>>",
    "Release": "\\E p \\in owner : owner' = owner \\ {p} /\\ x' = (x + 1) % 3 /\\ UNCHANGED pc",
    "Step": "\\E p \\in Procs : pc[p] < 2 /\\ pc' = [pc EXCEPT ![p] = pc[p] + 1] /\\ UNCHANGED <<owner, x>>",
    "Work": "\\E p \\in owner : pc[p] < 2 /\\ pc' = [pc EXCEPT ![p] = @ + 1] /\\ x' = (x + pc[p]) % 3\n"
            "        /\\ UNCHANGED owner",
    "Reset": "(\\A p \\in Procs : pc[p] = 2) /\\ pc' = [p \\in Procs |-> 0] /\\ x' = (x + 2) % 3\n"
             "        /\\ UNCHANGED owner",
}


def _symmetric(rng: random.Random, seed: int) -> Generated:
    """Processes as model values under SYMMETRY: who holds what, and a program counter each."""
    names = ["Acquire"] + rng.sample(sorted(set(SYMMETRIC_ACTIONS) - {"Acquire"}), rng.randint(1, 3))
    body = ["CONSTANT Procs\n", "VARIABLES owner, pc, x\n", "vars == <<owner, pc, x>>\n",
            "Init == owner = {} /\\ pc = [p \\in Procs |-> 0] /\\ x \\in 0..1\n"]
    body += [f"{a} == {SYMMETRIC_ACTIONS[a]}\n" for a in names]
    body += ["Next == " + " \\/ ".join(names) + "\n", "Perms == Permutations(Procs)\n"]
    cfg = ["CONSTANT Procs = {p1, p2, p3}", "INIT Init", "NEXT Next", "SYMMETRY Perms"]
    kinds = {"symmetry", "function", "set"}
    if rng.random() < 0.7:
        inv = rng.choice(["Cardinality(owner) < 3", "\\A p \\in owner : pc[p] < 2", "x < 2",
                          "~(\\A p \\in Procs : pc[p] = 2)"])
        body.append(f"Inv == {inv}\n")
        cfg.append("INVARIANT Inv")
        kinds.add("invariant")
    if rng.random() < 0.3:
        prop = rng.choice(["[][x' >= x \\/ x' = 0]_x", "[][Cardinality(owner') <= Cardinality(owner) + 1]_owner"])
        body.append(f"Prop == {prop}\n")
        cfg.append("PROPERTY Prop")
        kinds.add("action property")
    if rng.random() < 0.3:
        body.append("Cons == Cardinality(owner) < 3\n")
        cfg.append("CONSTRAINT Cons")
        kinds.add("constraint")
    if rng.random() < 0.5:
        cfg.append("CHECK_DEADLOCK FALSE")
    return _module(seed, ["Naturals", "FiniteSets", "TLC"], body, cfg, kinds)


def _module(seed: int, extends: list[str], body: list[str], cfg: list[str], kinds: set[str]) -> Generated:
    g = Generated(seed, "", "\n".join(cfg) + "\n", kinds)
    g.tla = f"---- MODULE {g.name} ----\nEXTENDS {', '.join(extends)}\n" + "".join(body) + "====\n"
    return g


def generate(seed: int) -> Generated:
    """The model of ``seed``: the same text on every run and machine."""
    rng = random.Random(seed)
    lead = LEADING[seed % len(LEADING)]
    return _symmetric(rng, seed) if lead == "symmetry" else _plain(rng, seed, lead)


# ------------------------------------------------------------------ comparing outcomes

def answer(o) -> dict:
    """What every worker count must agree on; the counts only when the search was complete."""
    v = o.violation
    out = {"result": o.result, "exit_code": o.exit_code, "error": o.error}
    if v is not None:
        out["violation"] = (v.kind, v.name, v.loop_index, v.stuttering, v.loop_action)
        out["trace"] = [(s.action, s.state) for s in v.trace]
    if o.result in ("success", "liveness failure"):
        out["counts"] = (o.distinct_states, o.states_generated, o.depth)
    return out


def assert_agree(one, many, workers: int, what: str) -> None:
    a, b = answer(one), answer(many)
    assert b == a, (f"{workers} workers disagree with 1 on {what}\n"
                    + "".join(f"  {k}: 1 worker {a.get(k)!r}\n  {k}: {workers} workers {b.get(k)!r}\n"
                              for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)))


def test_enough_generated_models_of_every_kind_are_checked_by_one_worker(tmp_path):
    compared, results, kinds, left_out = 0, set(), set(), []
    for seed in SEEDS:
        g = generate(seed)
        one = check_spec(g.write(tmp_path))
        if one.result == "error":
            left_out.append(f"{g.text()}=> {one.error}")
            continue
        compared += 1
        results.add(one.result if one.violation is None else f"{one.result}: {one.violation.kind}")
        kinds |= g.kinds
    print("\n\n".join(left_out))
    assert compared >= MIN_COMPARED, f"only {compared} of {len(SEEDS)} models compared:\n" + "\n\n".join(left_out)
    assert set(LEADING) <= kinds, f"kinds never compared: {set(LEADING) - kinds}"
    assert {"success", "safety failure: invariant", "safety failure: property", "deadlock failure: deadlock",
            "liveness failure: temporal"} <= results, results


@pytest.mark.parametrize("seed, workers", [(s, w) for s in SEEDS for w in (2, 3) if w == 2 or s in THREE_WORKERS])
def test_workers_agree_with_one_on_a_generated_model(tmp_path, seed, workers):
    g = generate(seed)
    path = g.write(tmp_path)
    one = check_spec(path)
    if one.result == "error":   # counted by the test above, which fails if too many are left out
        print(f"left out: {g.text()}=> {one.error}")
        return
    assert_agree(one, check_spec(path, workers=workers), workers, g.text())


# ------------------------------------------------------------------ focused behaviour

def _write(tmp_path: Path, name: str, body: str, cfg: str) -> str:
    (tmp_path / f"{name}.tla").write_text(f"---- MODULE {name} ----\nEXTENDS Naturals, TLC\n{body.strip()}\n====\n")
    (tmp_path / f"{name}.cfg").write_text(cfg.strip() + "\n")
    return str(tmp_path / f"{name}.tla")


GRID = r"""
VARIABLES x, y
Init == x \in 0..2 /\ y = 0
Up == x < 6 /\ x' = x + 1 /\ UNCHANGED y
Side == y < 3 /\ y' = y + 1 /\ UNCHANGED x
Both == x < 6 /\ y < 3 /\ x' = x + 1 /\ y' = y + 1
Next == Up \/ Side \/ Both
Inv == x + y < 6
"""


def test_two_workers_report_the_same_invariant_violation_and_trace_as_one(tmp_path):
    # Several initial states and many violating states at the same level: which one is reported,
    # and by which path, is one search's choice (the first found), whatever the workers' shares.
    path = _write(tmp_path, "Grid", GRID, "INIT Init\nNEXT Next\nINVARIANT Inv")
    one = check_spec(path)
    assert one.result == "safety failure" and one.violation.name == "Inv"
    assert [s.state for s in one.violation.trace] == [(2, 0), (3, 1), (4, 2)]
    assert_agree(one, check_spec(path, workers=2), 2, GRID)


def test_two_workers_agree_on_a_spec_with_a_view(tmp_path):
    # Under VIEW <<x>> a class keeps the concrete state found first: y = 0 for every x, so the
    # invariant on y is never violated by one search, and must not be by two workers.
    body = GRID.replace("Inv == x + y < 6", "Inv == y = 0 \\/ x < 2\nView == <<x>>")
    path = _write(tmp_path, "Viewed", body, "INIT Init\nNEXT Next\nINVARIANT Inv\nVIEW View\nCHECK_DEADLOCK FALSE")
    one = check_spec(path)
    assert one.result == "success" and one.distinct_states == 7
    assert_agree(one, check_spec(path, workers=2), 2, body)


def test_two_workers_find_the_same_deadlock(tmp_path):
    # Every state with x + y = 4 is stuck; one search reports the first of them it expands: (3, 1),
    # found at level 2 from the third initial state, before (2, 2) and (1, 3) at level 3.
    body = GRID.replace("Next == Up \\/ Side \\/ Both", "Next == x + y < 4 /\\ (Up \\/ Side \\/ Both)")
    path = _write(tmp_path, "Stuck", body, "INIT Init\nNEXT Next")
    one = check_spec(path)
    assert one.result == "deadlock failure" and one.exit_code == 11
    assert [s.state for s in one.violation.trace] == [(2, 0), (3, 1)]
    assert_agree(one, check_spec(path, workers=2), 2, body)


def test_worker_count_does_not_change_success_counts(tmp_path):
    # 100 states on a torus: 1 initial + 2 successors each = 201 generated; the farthest is 18 steps away.
    body = r"""
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == (x' = (x + 1) % 10 /\ UNCHANGED y) \/ (y' = (y + 1) % 10 /\ UNCHANGED x)
"""
    path = _write(tmp_path, "Torus", body, "INIT Init\nNEXT Next")
    for workers in (1, 2, 3):
        o = check_spec(path, workers=workers)
        assert (o.result, o.distinct_states, o.states_generated, o.depth) == ("success", 100, 201, 19), workers


def test_two_workers_check_an_action_property_on_a_step_the_constraint_excludes(tmp_path):
    # TLC checks [][A]_v on every step, also one to a state outside the CONSTRAINT (x = 3 here).
    body = "VARIABLE x\nInit == x = 0\nNext == x' = x + 1\nCons == x < 3\nProp == [][x' < 3]_x\n"
    path = _write(tmp_path, "Excluded", body, "INIT Init\nNEXT Next\nCONSTRAINT Cons\nPROPERTY Prop")
    one = check_spec(path)
    assert one.result == "safety failure" and one.violation.kind == "property"
    assert [s.state for s in one.violation.trace] == [(0,), (1,), (2,), (3,)]
    assert_agree(one, check_spec(path, workers=2), 2, body)


ERRORS = [("y' = f[x + y]", "error"), ("y' = y /\\ Assert(x + y < 3, \"far\")", "safety failure")]


@pytest.mark.parametrize("step, result", ERRORS, ids=["no value", "Assert"])
def test_two_workers_report_an_error_while_expanding_a_state_as_one_does(tmp_path, step, result):
    # A worker that fails to expand a state leaves it to the coordinator, which expands it again
    # as one search would, for the same message and trace (f has no value at 3).
    body = (f"VARIABLES x, y\nInit == x = 0 /\\ y \\in 0..1\nf == [i \\in 0..2 |-> i]\n"
            f"Next == \\/ x < 5 /\\ x' = x + 1 /\\ {step}\n        \\/ y' = 1 - y /\\ UNCHANGED x\n")
    path = _write(tmp_path, "Fails", body, "INIT Init\nNEXT Next")
    one = check_spec(path)
    assert one.result == result and len(one.violation.trace) == 3, one.error
    assert_agree(one, check_spec(path, workers=2), 2, body)


STRINGS = r"""
VARIABLES who, last, n
Init == who \in {"ann", "bob"} /\ last = [by |-> "", to |-> ""] /\ n = 0
Next == /\ n < 3
        /\ \E w \in {"ann", "bob", "cy"} : who' = w /\ last' = [by |-> who, to |-> w] /\ n' = n + 1
"""


def test_workers_started_as_fresh_interpreters_agree_with_forked_ones(tmp_path):
    # Forked workers share this process's string-hash seed; fresh interpreters each have their own.
    # Fingerprints of strings and records must not depend on it: the same figures either way.
    path = _write(tmp_path, "Strings", STRINGS, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE")
    one = check_spec(path)
    assert (one.result, one.distinct_states, one.depth) == ("success", 26, 4)   # 2 + 6 + 9 + 9
    forked = check_spec(path, workers=2)
    fresh = check_spec(path, workers=2, connect=lambda f, a, n: ProcessTransport(f, a, n))
    assert_agree(one, forked, 2, STRINGS)
    assert_agree(one, fresh, 2, STRINGS)


def test_a_worker_process_that_dies_is_reported_with_its_exit_code(tmp_path):
    def killed(factory, args, n):
        t = LocalFirstTransport(factory, args, n)
        t.remote.procs[0].kill()
        return t
    path = _write(tmp_path, "Torus", "VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 10\n", "INIT Init\nNEXT Next")
    o = check_spec(path, workers=2, connect=killed)
    assert o.result == "error" and "worker 1 died (exit code -9)" in o.error


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_are_fresh_interpreters_when_the_caller_runs_threads(tmp_path):
    # A fork copies only the forking thread: a lock another thread held stays held in the child.
    import threading
    from mcheck.checker import transport
    assert transport._process_transport() is transport.ForkTransport
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert transport._process_transport() is ProcessTransport
        path = _write(tmp_path, "Torus", "VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 10\n", "INIT Init\nNEXT Next")
        o = check_spec(path, workers=2)
        assert (o.result, o.distinct_states, o.depth) == ("success", 10, 10)
    finally:
        stop.set()
        t.join()
