-------------------------- MODULE SequenceTheorems --------------------------
(***************************************************************************)
(* Facts about sequences (proof-system library).  The module defines no    *)
(* operators of its own; theorems are never evaluated by a model checker.  *)
(***************************************************************************)
EXTENDS Sequences, TLAPSFunctions
LOCAL INSTANCE NaturalsInduction
=============================================================================
