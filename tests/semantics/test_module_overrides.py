"""``N <- [M] e`` in the .cfg: module M's uses of N see e, and every other module keeps its own N."""
from __future__ import annotations

ZSEQ = """---- MODULE ZSeq ----
LOCAL INSTANCE Naturals
Lengths == {n \\in Nat : n < 3}
Words(S) == UNION {[0 .. (n - 1) -> S] : n \\in Nat}
====
"""


def test_override_of_a_name_the_module_imports_applies_in_that_module_only(tmp_path, check):
    # ZSequences' shape (LeastCircularSubstring): Nat comes from LOCAL INSTANCE Naturals, and the
    # .cfg's Nat <- [ZSeq]Small makes ZSeq's Words enumerable; the root's own Nat stays Nat
    (tmp_path / "ZSeq.tla").write_text(ZSEQ)
    r = check("Root", r"""
INSTANCE ZSeq
Small == 0 .. 2
VARIABLE w
Init == w = <<>>
Next == w' \in Words({0, 1})
Inv == 5 \in Nat /\ Lengths = {0, 1, 2}
""", "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTANT Nat <- [ZSeq]Small", extends="Naturals")
    assert r.result == "success", r
    # the empty function and <<>> are one value; 1 + 2 + 4 words of length 0, 1, 2 over {0, 1}
    assert r.distinct_states == 7
