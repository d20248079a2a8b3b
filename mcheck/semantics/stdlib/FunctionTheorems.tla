-------------------------- MODULE FunctionTheorems --------------------------
(***************************************************************************)
(* Facts about functions (proof-system library): injections, surjections,  *)
(* bijections.  The operators come from TLAPSFunctions; theorems are never *)
(* evaluated by a model checker.                                           *)
(***************************************************************************)
EXTENDS TLAPSFunctions, Integers
=============================================================================
