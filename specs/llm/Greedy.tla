------------------------------ MODULE Greedy ------------------------------
(***************************************************************************)
(* Self-composition: is greedy decoding deterministic?                     *)
(*                                                                         *)
(* Run inference twice, from the same model and the same context, and ask *)
(* whether the two runs can say different things.  Determinism is a        *)
(* property of TWO behaviours (a "hyperproperty"), which an invariant of   *)
(* one behaviour cannot state; the trick is to put two copies of the       *)
(* system side by side in one spec (self-composition) and state it as an   *)
(* invariant of the pair: run 1 and run 2 never disagree.                  *)
(*                                                                         *)
(* The model is shared by the two runs and trained lazily: the scores of a *)
(* context are chosen when either run first queries it, and the other run  *)
(* then gets the same scores (it is the same model).                       *)
(*                                                                         *)
(*   Greedy_K2.cfg        K = 2, scores never tie: sampling from the top   *)
(*                        2.  The runs diverge, of course (counterexample).*)
(*   Greedy_K1NoTies.cfg  K = 1, scores never tie: the runs agree.         *)
(*   Greedy_K1.cfg        K = 1, scores may tie: "greedy" runs STILL       *)
(*                        diverge: when two tokens tie for the best score, *)
(*                        TopK(_, 1) holds both (counterexample).          *)
(*   Greedy_TieBreak.cfg  K = 1, scores may tie, ties broken by a fixed    *)
(*                        rule: the runs agree.  Greedy decoding is        *)
(*                        deterministic only with a tie-break.             *)
(*                                                                         *)
(* (Real systems have the tie-break, argmax returns the lowest token id,   *)
(* and lose it elsewhere: batched floating-point sums are not associative, *)
(* so "the same" scores differ in the last bit from run to run.)           *)
(***************************************************************************)
EXTENDS LLM

CONSTANTS Ties,     \* TRUE: the model may give two tokens the same score
          TieBreak  \* TRUE: among tied best tokens, always pick the same one
ASSUME Ties \in BOOLEAN /\ TieBreak \in BOOLEAN

Runs == {1, 2}

VARIABLES model,    \* the lazy model, shared by both runs
          run       \* run[r]: the context of run r

vars == <<model, run>>

(* The tie-break: CHOOSE is deterministic in TLA+ (the same set gives the   *)
(* same element, every time), so it plays the role of "lowest token id".   *)
Decode(scores) ==
    IF TieBreak THEN { CHOOSE t \in TopK(scores, K) : TRUE }
                ELSE TopK(scores, K)

(* The scores the model may give a context: any, or (Ties = FALSE) only   *)
(* scores that tell every two tokens apart.                                *)
Scorings ==
    IF Ties THEN [Tokens -> Score]
    ELSE { s \in [Tokens -> Score] : \A u, v \in Tokens : s[u] = s[v] => u = v }

(* LLM.tla's ScoresFor, with Scorings instead of [Tokens -> Score].        *)
Query(c) == IF c \in DOMAIN model THEN { model[c] } ELSE Scorings

(* Both runs start from the same prompt.                                   *)
Init ==
    /\ model = NotTrained
    /\ \E t \in Tokens : run = [r \in Runs |-> <<t>>]

(* One inference step of one run; the runs interleave freely.              *)
Step(r) ==
    /\ Len(run[r]) < Max
    /\ \E s \in Query(run[r]) :
         \E t \in Decode(s) :
            /\ model' = Remember(model, run[r], s)
            /\ run' = [run EXCEPT ![r] = Append(@, t)]

Done == (\A r \in Runs : Len(run[r]) = Max) /\ UNCHANGED vars

Next == (\E r \in Runs : Step(r)) \/ Done

Spec == Init /\ [][Next]_vars

(* The runs never disagree: whatever both have generated is the same.     *)
(* (One may be ahead of the other: then it extends the other.)             *)
SameOutput ==
    \A i \in 1..Len(run[1]) : i <= Len(run[2]) => run[1][i] = run[2][i]
=============================================================================
