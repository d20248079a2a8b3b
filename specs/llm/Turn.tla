------------------------------- MODULE Turn -------------------------------
(***************************************************************************)
(* Infer applied to itself: a turn.                                        *)
(*                                                                         *)
(* A turn is what an assistant says in reply to a prompt: inference runs   *)
(* again and again on its own output, one token at a time, until it emits  *)
(* the end-of-turn token EOT, or until the context window is full (the     *)
(* reply is then cut off: that is a turn too, a truncated one).            *)
(*                                                                         *)
(* The model is trained lazily (see LLM.tla): with 3 tokens and Max = 5    *)
(* an eager model space would have 2^(3 * 364) models.                     *)
(*                                                                         *)
(* Conversation.tla composes turns with INSTANCE Turn: the operators below *)
(* are written to be reused there.                                         *)
(***************************************************************************)
EXTENDS LLM

CONSTANT EOT        \* the end-of-turn token
ASSUME EOT \in Tokens

VARIABLES model,    \* the lazy model
          context,  \* the shared context: prompt, then the turn's tokens
          start     \* the length of the context when the turn began

vars == <<model, context, start>>

(* The current turn is over: it said EOT, or the window is full.           *)
TurnEnded ==
    \/ Len(context) = Max
    \/ Len(context) > start /\ context[Len(context)] = EOT

(* One inference step of the turn: the next token is one of the top-K      *)
(* tokens for the whole context (the prompt included).                     *)
InferStep ==
    /\ ~TurnEnded
    /\ \E s \in ScoresFor(model, context) :
         \E t \in TopK(s, K) :
            /\ model' = Remember(model, context, s)
            /\ context' = Append(context, t)
    /\ UNCHANGED start

(* The prompts of this spec: one user token, then EOT (the user's turn     *)
(* ended).                                                                 *)
Prompts == { <<t, EOT>> : t \in Tokens \ {EOT} }

Init ==
    /\ model = NotTrained
    /\ context \in Prompts
    /\ start = Len(context)

Done == TurnEnded /\ UNCHANGED vars

Next == InferStep \/ Done

(* Weak fairness: inference, while it can run, eventually runs.            *)
Spec == Init /\ [][Next]_vars /\ WF_vars(InferStep)

TypeOK ==
    /\ IsLazyModel(model)
    /\ context \in Contexts
    /\ start \in 0..Len(context)

(* Well-formedness of a turn.                                              *)
\* Every token of the turn was in the top-K of the context it followed.
TurnFollowsModel ==
    \A i \in (start + 1)..Len(context) :
        context[i] \in TopK(model[SubSeq(context, 1, i - 1)], K)

\* EOT can only be the last token of a turn: a turn stops at its first EOT.
EOTEndsTheTurn ==
    \A i \in (start + 1)..(Len(context) - 1) : context[i] # EOT

WithinWindow == Len(context) <= Max

(* Liveness: every turn ends (it cannot babble forever: the window is      *)
(* finite and every step fills it).  Needs WF_vars(InferStep): without     *)
(* fairness a behaviour may stop taking steps in the middle of a turn.      *)
(* Written as a leads-to so that Conversation.tla can reuse it.            *)
EveryTurnEnds == ~TurnEnded ~> TurnEnded
=============================================================================
