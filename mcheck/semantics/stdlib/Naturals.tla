------------------------------ MODULE Naturals ------------------------------
(***************************************************************************)
(* The natural numbers and their arithmetic.                               *)
(*                                                                         *)
(* mcheck evaluates every operator of this module natively (as TLC does    *)
(* with its Java overrides); the definitions below only give each name its *)
(* arity, so that they are placeholders rather than real definitions.      *)
(***************************************************************************)

Nat == CHOOSE N : N = N

a + b == CHOOSE n : n = <<a, b>>
a - b == CHOOSE n : n = <<a, b>>
a * b == CHOOSE n : n = <<a, b>>
a ^ b == CHOOSE n : n = <<a, b>>
a < b == CHOOSE t : t = <<a, b>>
a > b == b < a
a \leq b == CHOOSE t : t = <<a, b>>
a \geq b == b \leq a
a % b == CHOOSE n : n = <<a, b>>
a \div b == CHOOSE n : n = <<a, b>>
a .. b == {i \in Nat : a \leq i /\ i \leq b}
=============================================================================
