---------------------------- MODULE FiniteSetsExt ----------------------------
(***************************************************************************)
(* Operators on finite sets from the TLA+ community modules: folds, sums   *)
(* and products, k-subsets, maximum and minimum, choice sets.              *)
(*                                                                         *)
(* mcheck evaluates most of these operators natively (folds take the       *)
(* elements in TLC's normal order, as TLC's own implementation does); the  *)
(* definitions below state their meaning.  Like the community module, this *)
(* module EXTENDS Integers, FiniteSets, Folds and Functions, so their      *)
(* operators (Range, MapThenFoldSet, ...) are visible to its users.        *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Folds, Functions

(***************************************************************************)
(* FoldSet(op, base, S): combine the elements of S with op, starting from  *)
(* base.  With x1, x2, ..., xn the elements of S in TLC's normal order     *)
(* (CHOOSE x \in S : TRUE is x1), the result is                            *)
(*                                                                         *)
(*    op(xn, ... op(x2, op(x1, base)) ...)                                 *)
(*                                                                         *)
(* so FoldSet(LAMBDA x, acc : acc + x, 0, 1..4) = 10.  Unless op is        *)
(* associative and commutative, the result depends on that order.          *)
(***************************************************************************)
FoldSet(op(_,_), base, S) ==
  LET RECURSIVE Step(_, _)
      Step(acc, rest) ==
        IF rest = {} THEN acc
                     ELSE LET x == CHOOSE y \in rest : TRUE
                          IN  Step(op(x, acc), rest \ {x})
  IN  Step(base, S)

(* The sum and the product of a finite set of integers. *)
SumSet(S) == FoldSet(+, 0, S)

ProductSet(S) == FoldSet(LAMBDA x, acc : x * acc, 1, S)

(* FoldSet with its last two arguments swapped (an older name). *)
ReduceSet(op(_,_), S, base) == FoldSet(op, base, S)

(* The sum of f(x) over the elements x of S. *)
MapThenSumSet(f(_), S) ==
  MapThenFoldSet(+, 0, f, LAMBDA T : CHOOSE t \in T : TRUE, S)

(* The union of a set of sets (kept for compatibility: UNION S). *)
FlattenSet(S) == UNION S

(* The elements that are in exactly one of A and B. *)
SymDiff(A, B) == (A \ B) \cup (B \ A)

-----------------------------------------------------------------------------

(* How many elements of S satisfy P. *)
Quantify(S, P(_)) == Cardinality({x \in S : P(x)})

(* The subsets of S with exactly k elements ({} when k is negative or      *)
(* larger than S).                                                         *)
kSubset(k, S) == {T \in SUBSET S : Cardinality(T) = k}

-----------------------------------------------------------------------------

(* The greatest and the least element of a non-empty finite set of         *)
(* integers.                                                               *)
Max(S) == CHOOSE x \in S : \A y \in S : x >= y

Min(S) == CHOOSE x \in S : \A y \in S : x =< y

-----------------------------------------------------------------------------

(***************************************************************************)
(* Choices(Sets): every set that picks one element out of each set of      *)
(* Sets, i.e. the ranges of the choice functions on Sets:                  *)
(*    Choices({{1, 2}, {3}}) = {{1, 3}, {2, 3}}      Choices({}) = {{}}    *)
(***************************************************************************)
Choices(Sets) ==
  LET ChoiceFcns == {c \in [Sets -> UNION Sets] : \A T \in Sets : c[T] \in T}
  IN  {Range(c) : c \in ChoiceFcns}

(***************************************************************************)
(* The one element of S that satisfies P.  Unlike CHOOSE it fails not only *)
(* when no element satisfies P but also when more than one does.           *)
(***************************************************************************)
ChooseUnique(S, P(_)) ==
  CHOOSE x \in S : P(x) /\ \A y \in S : P(y) => y = x
=============================================================================
