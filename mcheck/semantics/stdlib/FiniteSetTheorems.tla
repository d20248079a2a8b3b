-------------------------- MODULE FiniteSetTheorems -------------------------
(***************************************************************************)
(* Facts about finite sets (proof-system library).  Only the operator      *)
(* definitions are kept: theorems are never evaluated by a model checker.  *)
(***************************************************************************)
EXTENDS FiniteSets, Integers, TLAPSFunctions, WellFoundedInduction

FiniteSubsetsOf(S) == {T \in SUBSET S : IsFiniteSet(T)}

StrictSubsetOrdering(S) ==
  {ss \in (SUBSET S) \X (SUBSET S) : ss[1] \subseteq ss[2] /\ ss[1] # ss[2]}
=============================================================================
