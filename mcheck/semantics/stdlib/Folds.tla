-------------------------------- MODULE Folds --------------------------------
(***************************************************************************)
(* The general fold of the TLA+ community modules, on which FoldSet        *)
(* (FiniteSetsExt), FoldFunction (Functions) and the sequence folds        *)
(* (SequencesExt) are built.                                               *)
(*                                                                         *)
(* mcheck evaluates MapThenFoldSet natively; the definition below is its   *)
(* meaning.                                                                *)
(***************************************************************************)

(***************************************************************************)
(* MapThenFoldSet(op, base, f, choose, S): pick x1 == choose(S), then      *)
(* x2 == choose(S \ {x1}), and so on until S is used up, and combine       *)
(*                                                                         *)
(*    op(f(x1), op(f(x2), ... op(f(xn), base) ...))                        *)
(*                                                                         *)
(* choose(T) must be an element of the non-empty set T.  When choose may   *)
(* pick any element, op should be associative and commutative.             *)
(*                                                                         *)
(*    MapThenFoldSet(LAMBDA a, b : a + b, 0, LAMBDA x : 2 * x,             *)
(*                   LAMBDA T : CHOOSE t \in T : TRUE, {1, 2, 3}) = 12     *)
(***************************************************************************)
MapThenFoldSet(op(_,_), base, f(_), choose(_), S) ==
  LET fold[T \in SUBSET S] ==
        IF T = {} THEN base
                  ELSE LET x == choose(T)
                       IN  op(f(x), fold[T \ {x}])
  IN  fold[S]
=============================================================================
