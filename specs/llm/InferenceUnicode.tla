-------------------------- MODULE InferenceUnicode --------------------------
(***************************************************************************)
(* Inference.tla, written in TLA+'s Unicode notation, on LLMUnicode.tla    *)
(* (LLM.tla in Unicode).  Same spec, same figures: check both with the     *)
(* same constants.  The ASCII twins are the ones to read for the comments. *)
(*   ≜ ==   ∈ \in   ∧ /\   ∨ \/   ⇒ =>   ∀ \A   ∃ \E   ≠ #   ≤ <=   ⟨⟩ <<>> *)
(* The range 1 .. n is written in ASCII: mcheck does not read its Unicode  *)
(* form ‥ (U+2025) yet.                                                    *)
(***************************************************************************)
EXTENDS LLMUnicode

VARIABLES model, context

vars ≜ ⟨model, context⟩

Init ≜ model = NotTrained ∧ context = ⟨⟩

TrainStep ≜ model = NotTrained ∧ model' ∈ Train ∧ UNCHANGED context

InferStep ≜
    ∧ model ≠ NotTrained
    ∧ Len(context) < Max
    ∧ ∃ t ∈ Infer(model, context) : context' = Append(context, t)
    ∧ UNCHANGED model

Done ≜ model ≠ NotTrained ∧ Len(context) = Max ∧ UNCHANGED vars

Next ≜ TrainStep ∨ InferStep ∨ Done

Spec ≜ Init ∧ □[Next]_vars

GeneratedFromTopK ≜
    model ≠ NotTrained ⇒
        ∀ i ∈ 1 .. Len(context) :
            context[i] ∈ TopK(model[SubSeq(context, 1, i - 1)], K)

WithinWindow ≜ Len(context) ≤ Max
=============================================================================
