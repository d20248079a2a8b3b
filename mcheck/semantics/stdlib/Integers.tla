------------------------------ MODULE Integers ------------------------------
(***************************************************************************)
(* The integers: Naturals plus Int and unary minus.  Evaluated natively by *)
(* mcheck; the definitions are placeholders that fix the arities.          *)
(***************************************************************************)
EXTENDS Naturals

Int == CHOOSE I : Nat \subseteq I

-. a == 0 - a
=============================================================================
