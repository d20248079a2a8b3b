------------------------------- MODULE Reals --------------------------------
(***************************************************************************)
(* The real numbers, as far as a model checker needs them: the names       *)
(* resolve, but mcheck (like TLC) cannot enumerate Real or evaluate        *)
(* non-integral division.                                                  *)
(***************************************************************************)
EXTENDS Integers

Real == CHOOSE R : Int \subseteq R

a / b == CHOOSE r \in Real : a = b * r

Infinity == CHOOSE x : x \notin Real
=============================================================================
