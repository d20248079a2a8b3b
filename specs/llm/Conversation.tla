--------------------------- MODULE Conversation ---------------------------
(***************************************************************************)
(* A turn applied to itself: a conversation.                               *)
(*                                                                         *)
(* User turns and assistant turns alternate, in ONE shared context: the    *)
(* model re-reads the whole conversation for every token it writes, and    *)
(* the conversation ends when the context window is full.  That is all a   *)
(* chat is: there is no memory of earlier turns except the context.        *)
(*                                                                         *)
(* The user writes any tokens (the user is not the model); the assistant's *)
(* turn is Turn.tla's, reused with INSTANCE: same model, context and turn  *)
(* start.                                                                  *)
(***************************************************************************)
EXTENDS LLM

CONSTANT EOT
ASSUME EOT \in Tokens

VARIABLES model,    \* the lazy model
          context,  \* the whole conversation so far
          start,    \* the length of the context when the current turn began
          speaker,  \* who is speaking: "user" or "assistant"
          author    \* author[i]: who wrote context[i] (for the invariants)

vars == <<model, context, start, speaker, author>>

T == INSTANCE Turn     \* T!TurnEnded, T!InferStep: on our variables

Other(who) == IF who = "user" THEN "assistant" ELSE "user"

Init ==
    /\ model = NotTrained
    /\ context = << >>
    /\ start = 0
    /\ speaker = "user"       \* the user speaks first
    /\ author = << >>

(* The user types a token: any token at all.                               *)
UserStep ==
    /\ speaker = "user"
    /\ ~T!TurnEnded
    /\ \E t \in Tokens : context' = Append(context, t)
    /\ author' = Append(author, "user")
    /\ UNCHANGED <<model, start, speaker>>

(* The assistant's turn is Turn.tla's inference step.                      *)
AssistantStep ==
    /\ speaker = "assistant"
    /\ T!InferStep
    /\ author' = Append(author, "assistant")
    /\ UNCHANGED speaker

(* The turn ended with EOT and there is room left: the other side speaks.  *)
NextTurn ==
    /\ T!TurnEnded
    /\ Len(context) < Max
    /\ speaker' = Other(speaker)
    /\ start' = Len(context)
    /\ UNCHANGED <<model, context, author>>

(* The window is full: the conversation is over.                           *)
Done == Len(context) = Max /\ UNCHANGED vars

Next == UserStep \/ AssistantStep \/ NextTurn \/ Done

Spec ==
    /\ Init /\ [][Next]_vars
    /\ WF_vars(UserStep) /\ WF_vars(AssistantStep) /\ WF_vars(NextTurn)

TypeOK ==
    /\ IsLazyModel(model)
    /\ context \in Contexts
    /\ author \in Seq({"user", "assistant"})
    /\ start \in 0..Len(context)
    /\ speaker \in {"user", "assistant"}

(* Well-formedness of a conversation.                                      *)
\* Every token has one author.
OneAuthorPerToken == Len(author) = Len(context)

\* The user speaks first.
UserFirst == Len(author) > 0 => author[1] = "user"

\* Turns alternate, and a turn ends exactly at an EOT: the author changes
\* right after an EOT token, and only there.
TurnsAlternateAtEOT ==
    \A i \in 1..(Len(context) - 1) :
        (author[i + 1] # author[i]) <=> (context[i] = EOT)

\* Every assistant token was in the top-K of the conversation before it.
AssistantFollowsModel ==
    \A i \in 1..Len(context) :
        author[i] = "assistant" =>
            context[i] \in TopK(model[SubSeq(context, 1, i - 1)], K)

WithinWindow == Len(context) <= Max

(* Liveness: every turn ends, under the fairness of Spec.  For the        *)
(* assistant's turns this is Turn.tla's property; for the user's turns it  *)
(* is an assumption about users, WF_vars(UserStep): a user who has started *)
(* a message finishes it (without it, a user may walk away mid-sentence    *)
(* and the conversation waits forever).                                    *)
EveryTurnEnds == T!EveryTurnEnds
=============================================================================
