------------------------------ MODULE BagsExt -------------------------------
(***************************************************************************)
(* More operators on bags (functions from elements to positive counts),    *)
(* as in the TLA+ community modules.  mcheck evaluates them natively; the  *)
(* definitions below give their meaning.                                   *)
(***************************************************************************)
LOCAL INSTANCE Bags
LOCAL INSTANCE Integers

\* B with one more copy of x.
BagAdd(B, x) ==
  [e \in DOMAIN B \cup {x} |-> IF e = x THEN CopiesIn(e, B) + 1 ELSE B[e]]

\* B with one copy of x less (B itself when x is not in B).
BagRemove(B, x) ==
  IF x \notin DOMAIN B THEN B
  ELSE IF B[x] = 1 THEN [e \in DOMAIN B \ {x} |-> B[e]]
  ELSE [B EXCEPT ![x] = @ - 1]

\* B without any copy of x.
BagRemoveAll(B, x) == [e \in DOMAIN B \ {x} |-> B[e]]

\* Folds op over the elements of B: each element x contributes the value
\* obtained by applying op B[x] times to base and f(x) (op(base, f(x)), then
\* op(that, f(x)), ...), and these contributions are combined with op, from
\* the last element of DOMAIN B (in TLC's order) to the first, starting from
\* base.  As in the community module, the argument choose is not used: the
\* elements are always taken in TLC's order.
MapThenFoldBag(op(_, _), base, f(_), choose(_), B) ==
  LET Copies(x) ==
        LET C[n \in 1..B[x]] == op(IF n = 1 THEN base ELSE C[n - 1], f(x))
        IN  C[B[x]]
      Iter[S \in SUBSET DOMAIN B] ==
        IF S = {} THEN base
        ELSE LET x == CHOOSE y \in S : TRUE
             IN  op(Copies(x), Iter[S \ {x}])
  IN  Iter[DOMAIN B]

\* Folds op over every copy of every element of B, starting from base:
\* FoldBag(LAMBDA x, y : x + y, 0, (1 :> 2) @@ (3 :> 1)) = 5.
FoldBag(op(_, _), base, B) ==
  MapThenFoldBag(op, base, LAMBDA x : x, LAMBDA S : CHOOSE x \in S : TRUE, B)

\* The sum and the product of the elements of a bag of integers.
SumBag(B) == FoldBag(LAMBDA x, y : x + y, 0, B)

ProductBag(B) == FoldBag(LAMBDA x, y : x * y, 1, B)
=============================================================================
