---------------------------- MODULE LLMUnicode ----------------------------
(***************************************************************************)
(* LLM.tla in TLA+'s Unicode notation (read LLM.tla for the comments).     *)
(*   ≜ ==   ∈ \in   → ->   ↦ |->   ⟨⟩ <<>>   ∧ /\   ∨ \/   ∀ \A   ∃ \E     *)
(*   ⊆ \subseteq   ∪ \cup   ≤ <=   ≠ #   ⇒ =>   ℕ Nat                       *)
(* InferenceUnicode.tla extends it and gives the same figures as           *)
(* Inference.tla.                                                          *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS Tokens, Max, Score, K

ASSUME Max ∈ ℕ ∧ K ∈ ℕ \ {0} ∧ Score ⊆ ℕ

Contexts ≜ { s ∈ Seq(Tokens) : Len(s) ≤ Max }

Model ≜ [Contexts → [Tokens → Score]]

\* Ties with the k-th best score are in: TopK can hold more than k tokens.
TopK(scores, k) ≜
    { t ∈ DOMAIN scores :
        Cardinality({ u ∈ DOMAIN scores : scores[u] > scores[t] }) < k }

Train ≜ Model

Infer(model, context) ≜ TopK(model[context], K)

NotTrained ≜ [c ∈ {} ↦ [t ∈ Tokens ↦ 0]]

ScoresFor(lazy, c) ≜
    IF c ∈ DOMAIN lazy THEN { lazy[c] } ELSE [Tokens → Score]

Remember(lazy, c, s) ≜
    [x ∈ DOMAIN lazy ∪ {c} ↦ IF x = c THEN s ELSE lazy[x]]

IsLazyModel(lazy) ≜
    ∧ DOMAIN lazy ⊆ Contexts
    ∧ ∀ c ∈ DOMAIN lazy : lazy[c] ∈ [Tokens → Score]
=============================================================================
