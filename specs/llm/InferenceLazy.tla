--------------------------- MODULE InferenceLazy ---------------------------
(***************************************************************************)
(* Inference.tla with a lazily trained model.                              *)
(*                                                                         *)
(* Instead of choosing the whole model before the first token, the scores  *)
(* of a context are chosen the first time inference queries that context,  *)
(* then remembered (the model is fixed: asking again gives the same       *)
(* scores).  A behaviour can tell the two apart only through the scores it *)
(* queries, so both specs have the same behaviours of the context; the     *)
(* lazy one does not carry 16384 models around, only the scores it has     *)
(* used: 77825 distinct states become 43 with Inference.cfg's constants.   *)
(***************************************************************************)
EXTENDS LLM

VARIABLES model,    \* the lazy model: scores of the contexts queried so far
          context   \* the tokens so far

vars == <<model, context>>

Init == model = NotTrained /\ context = << >>

(* infer, training on demand: the scores s of the context are the          *)
(* remembered ones or, the first time, any scores at all.                  *)
InferStep ==
    /\ Len(context) < Max
    /\ \E s \in ScoresFor(model, context) :
         \E t \in TopK(s, K) :
            /\ model' = Remember(model, context, s)
            /\ context' = Append(context, t)

Done == Len(context) = Max /\ UNCHANGED vars

Next == InferStep \/ Done

Spec == Init /\ [][Next]_vars

TypeOK == IsLazyModel(model)

(* The same two invariants as Inference.tla, against the lazy model.  The  *)
(* model knows the scores of every prefix of the context: they were        *)
(* queried to generate it.                                                 *)
GeneratedFromTopK ==
    \A i \in 1..Len(context) :
        context[i] \in TopK(model[SubSeq(context, 1, i - 1)], K)

WithinWindow == Len(context) <= Max
=============================================================================
