"""The three fault classes of the Resonate DST, applied to mcheck's own input: one change per mutant.

* **format**: one character replaced by a random one;
* **schema**: one identifier replaced by another identifier of the same file;
* **payload**: one number replaced by another.

A mutant is a corpus model (a spec and its .cfg, from ../shared/conformance, read in place) with one
file changed; ``Mutant.write`` puts the model's folder, changed, into a scratch directory.
"""
from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

CLASSES = ("format", "schema", "payload")

_IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?![A-Za-z0-9_])")
_KEYWORDS = frozenset("""ASSUME ASSUMPTION AXIOM CASE CHOOSE CONSTANT CONSTANTS DOMAIN ELSE ENABLED EXCEPT EXTENDS
IF IN INSTANCE LET LOCAL MODULE OTHER SF_ SUBSET THEN THEOREM UNCHANGED UNION VARIABLE VARIABLES WF_ WITH
LEMMA PROOF BY QED USE DEF INIT NEXT INVARIANT INVARIANTS PROPERTY PROPERTIES SPECIFICATION SYMMETRY VIEW
CONSTRAINT CONSTRAINTS ACTION_CONSTRAINT CHECK_DEADLOCK ALIAS POSTCONDITION""".split())
# random characters for the format class: TLA+'s punctuation is where a parser is tested hardest
_ALPHABET = "()[]{}<>=#/\\~!@$%^&*-+|:;,.'\"`?_ \n\tabcxyzABCXYZ0123456789"
# replacement numbers for the payload class: edges, and sizes that may make a state space huge
_NUMBERS = (0, 1, 2, 3, 5, 10, 100, 2147483647, 2147483648, -1)


@dataclass(frozen=True)
class Model:
    """A corpus model: the folder holding its files, its spec and its .cfg (names inside the folder)."""
    folder: Path
    tla: str
    cfg: str


@dataclass(frozen=True)
class Mutant:
    model: Model
    cls: str          # one of CLASSES
    file: str         # the changed file's name (the spec, its .cfg or a module it extends)
    offset: int       # where the change is
    old: str
    new: str
    seed: int         # reproduces this mutant: mutant(models, seed)

    def text(self) -> str:
        src = (self.model.folder / self.file).read_text(encoding="utf-8", errors="replace")
        return src[:self.offset] + self.new + src[self.offset + len(self.old):]

    def write(self, into: Path) -> tuple[Path, Path]:
        """The model's folder with the change, in ``into``; returns the spec's and the .cfg's paths."""
        into.mkdir(parents=True, exist_ok=True)
        for p in self.model.folder.iterdir():
            if p.is_file() and p.suffix in (".tla", ".cfg"):
                shutil.copyfile(p, into / p.name)
        (into / self.file).write_text(self.text(), encoding="utf-8")
        return into / self.model.tla, into / self.model.cfg

    def describe(self) -> str:
        return (f"seed {self.seed}: {self.cls} in {self.model.folder.name}/{self.file} at {self.offset}: "
                f"{self.old!r} -> {self.new!r}")


def corpus_models(corpus: Path, max_states: int = 5000) -> list[Model]:
    """Small models of the corpus (TLC's recorded distinct states at most max_states): each mutant must
    end quickly, so that a hang stands out."""
    out = []
    for m in json.loads((corpus / "models.json").read_text()):
        tlc = m.get("tlc") or {}
        n = tlc.get("distinct_states", m.get("distinct_states"))
        if n is None or n > max_states or m.get("tier") == "D":
            continue
        tla, cfg = corpus / m["tla"], corpus / m["cfg"]
        if tla.parent != cfg.parent:
            continue
        out.append(Model(tla.parent, tla.name, cfg.name))
    return sorted(out, key=lambda x: (str(x.folder), x.cfg))


def mutant(models: list[Model], seed: int) -> Mutant:
    """The mutant of this seed: a model, a fault class, a file of the model and one change, all drawn from seed."""
    rng = random.Random(seed)
    while True:
        model = rng.choice(models)
        cls = CLASSES[seed % 3]
        file = model.cfg if rng.random() < 0.3 else model.tla
        src = (model.folder / file).read_text(encoding="utf-8", errors="replace")
        change = _change(cls, src, rng)
        if change is not None:
            offset, old, new = change
            return Mutant(model, cls, file, offset, old, new, seed)


def _change(cls: str, src: str, rng: random.Random) -> tuple[int, str, str] | None:
    if not src:
        return None
    if cls == "format":
        i = rng.randrange(len(src))
        return i, src[i], rng.choice(_ALPHABET.replace(src[i], ""))
    if cls == "schema":
        idents = [m for m in _IDENT.finditer(src) if m.group() not in _KEYWORDS]
        names = sorted({m.group() for m in idents})
        if len(names) < 2:
            return None
        m = rng.choice(idents)
        return m.start(), m.group(), rng.choice([n for n in names if n != m.group()])
    nums = list(_NUMBER.finditer(src))
    if not nums:
        return None
    m = rng.choice(nums)
    choices = [str(n) for n in _NUMBERS if str(n) != m.group()] + [str(int(m.group()) + 1)]
    return m.start(), m.group(), rng.choice(choices)
