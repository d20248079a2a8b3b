----------------------------- MODULE Inference -----------------------------
(***************************************************************************)
(* Train, then infer token by token.                                       *)
(*                                                                         *)
(* Training chooses a whole model out of Model; inference then appends, to *)
(* the context, one of the top-K tokens of the context, until the context  *)
(* window is full.  The state is the model and the context: the model is   *)
(* what makes the next token depend on the past, nothing else does.        *)
(*                                                                         *)
(* The model space is huge (16384 models for 2 tokens, scores {0,1},       *)
(* Max = 2), so this spec is the expensive way; InferenceLazy.tla has the  *)
(* same behaviours with a lazily trained model.                           *)
(***************************************************************************)
EXTENDS LLM

VARIABLES model,    \* NotTrained, then the trained model (a function in Model)
          context   \* the tokens so far

vars == <<model, context>>

Init == model = NotTrained /\ context = << >>

(* train: any model may come out of training.                              *)
TrainStep == model = NotTrained /\ model' \in Train /\ UNCHANGED context

(* infer: append one of the top-K tokens of the current context.           *)
InferStep ==
    /\ model # NotTrained
    /\ Len(context) < Max
    /\ \E t \in Infer(model, context) : context' = Append(context, t)
    /\ UNCHANGED model

(* The context window is full: generation is over (a final state, not a    *)
(* deadlock).                                                              *)
Done == model # NotTrained /\ Len(context) = Max /\ UNCHANGED vars

Next == TrainStep \/ InferStep \/ Done

Spec == Init /\ [][Next]_vars

(* Every generated token was in the top-K of the context it followed.     *)
GeneratedFromTopK ==
    model # NotTrained =>
        \A i \in 1..Len(context) :
            context[i] \in TopK(model[SubSeq(context, 1, i - 1)], K)

(* The context never exceeds the window.                                   *)
WithinWindow == Len(context) <= Max
=============================================================================
