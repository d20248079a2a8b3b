----------------------------- MODULE AgentLoop -----------------------------
(***************************************************************************)
(* An agent loop on infrastructure that crashes, with durable promises.   *)
(*                                                                         *)
(* The loop: call the LLM; it answers with tool calls to make (several,   *)
(* run in parallel); run them; give the results back to the LLM, which    *)
(* answers the user.  Tools have effects in the world (send an e-mail,     *)
(* charge a card): an effect must happen at most once, however often the  *)
(* process running the loop crashes.                                       *)
(*                                                                         *)
(* A crash loses the loop's memory: which tool calls it had asked for,     *)
(* which results it had.  Restarted from scratch, a plain loop calls the   *)
(* LLM again (which may ask for the same tools again: same effects,        *)
(* twice) and forgets results it had already paid for.                     *)
(*                                                                         *)
(* Durable promises (Durable = TRUE): every step whose result matters is a *)
(* promise in durable storage, created before the step runs and resolved   *)
(* with its result:                                                        *)
(*  - the LLM call's promise holds the tool calls it asked for, so a       *)
(*    restarted loop resumes with the SAME tool calls (same ids) instead   *)
(*    of asking the LLM again;                                             *)
(*  - a tool call's promise is resolved with its result: a restarted loop  *)
(*    takes the result from there instead of running the tool again;       *)
(*  - a tool call that was running at the crash (promise still pending)    *)
(*    is retried with its promise id as idempotency key: the tool service  *)
(*    applies a key's effect once and replays the stored result after.    *)
(*    (Resuming is the promise store's job; deduplicating the in-flight   *)
(*    call is the tool's.  Both are needed for at-most-once.)              *)
(*                                                                         *)
(*   AgentLoop.cfg                  durable: both invariants hold          *)
(*   AgentLoop_NotDurable.cfg       (bug) a tool result is lost in a crash *)
(*   AgentLoop_NotDurableTwice.cfg  (bug) a restarted loop re-executes a   *)
(*                                  tool call: its effect happens twice    *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Tools,        \* the tools the LLM may call, e.g. {search, email}
          MaxCrashes,   \* bound on crashes (to keep the model finite)
          Durable,      \* the loop keeps durable promises (correct: TRUE)
          NoPlan        \* "no LLM call resolved yet" (a model value)

ASSUME MaxCrashes \in Nat /\ Durable \in BOOLEAN

(* A tool call is a tool and the number of the LLM call that asked for it: *)
(* a fresh id each time the LLM is called.                                 *)
Calls == Tools \X Nat

VARIABLES
    \* the loop's memory, lost in a crash
    pc,          \* "start", "tools" or "done"
    calls,       \* the tool calls the LLM asked for
    invoked,     \* the tool calls started
    results,     \* the tool calls whose results the loop has
    \* durable storage: the promises (stay untouched when Durable = FALSE)
    plan,        \* the LLM call's promise: NoPlan, or the tool calls it returned
    resolved,    \* the tool calls whose promises are resolved with a result
    \* the world
    llmCalls,    \* how many times the LLM was asked for tool calls
    keys,        \* the tool service: the call ids whose effects it applied
    effects,     \* effects[t]: how many times tool t's effect happened
    answered,    \* the user got the answer
    crashes,     \* how many crashes so far
    delivered    \* history: the tool calls whose results reached the loop

vars == <<pc, calls, invoked, results, plan, resolved,
          llmCalls, keys, effects, answered, crashes, delivered>>

Init ==
    /\ pc = "start"
    /\ calls = {} /\ invoked = {} /\ results = {}
    /\ plan = NoPlan /\ resolved = {}
    /\ llmCalls = 0 /\ keys = {} /\ effects = [t \in Tools |-> 0]
    /\ answered = FALSE /\ crashes = 0 /\ delivered = {}

(* Start (or restart): resume from the durable promises if there are any,  *)
(* otherwise call the LLM, which asks for some tools, to run in parallel.  *)
Begin ==
    /\ pc = "start"
    /\ pc' = "tools"
    /\ invoked' = {}
    /\ IF Durable /\ plan # NoPlan
         THEN \* resume: same tool calls, resolved ones are not redone
              /\ calls' = plan
              /\ results' = plan \cap resolved
              /\ UNCHANGED <<plan, llmCalls>>
         ELSE \* call the LLM
              /\ \E asked \in SUBSET Tools \ {{}} :
                   calls' = { <<t, llmCalls + 1>> : t \in asked }
              /\ llmCalls' = llmCalls + 1
              /\ results' = {}
              /\ plan' = IF Durable THEN calls' ELSE plan
    /\ UNCHANGED <<resolved, keys, effects, answered, crashes, delivered>>

(* Run a tool call.  The tool service applies the effect of a call id      *)
(* only the first time it sees that id.                                    *)
Invoke(c) ==
    /\ pc = "tools"
    /\ c \in calls \ (invoked \cup results)
    /\ invoked' = invoked \cup {c}
    /\ IF c \in keys
         THEN UNCHANGED <<keys, effects>>
         ELSE /\ keys' = keys \cup {c}
              /\ effects' = [effects EXCEPT ![c[1]] = @ + 1]
    /\ UNCHANGED <<pc, calls, results, plan, resolved, llmCalls,
                   answered, crashes, delivered>>

(* A tool call's result comes back (and resolves its promise).             *)
Deliver(c) ==
    /\ pc = "tools"
    /\ c \in invoked \ results
    /\ results' = results \cup {c}
    /\ resolved' = IF Durable THEN resolved \cup {c} ELSE resolved
    /\ delivered' = delivered \cup {c}
    /\ UNCHANGED <<pc, calls, invoked, plan, llmCalls, keys, effects,
                   answered, crashes>>

(* All results are in: the LLM reads them and answers the user.            *)
Answer ==
    /\ pc = "tools"
    /\ results = calls
    /\ pc' = "done"
    /\ answered' = TRUE
    /\ UNCHANGED <<calls, invoked, results, plan, resolved, llmCalls, keys,
                   effects, crashes, delivered>>

(* The process crashes and restarts: its memory is gone, durable storage   *)
(* and the world are not.                                                  *)
Crash ==
    /\ pc # "done"
    /\ crashes < MaxCrashes
    /\ crashes' = crashes + 1
    /\ pc' = "start"
    /\ calls' = {} /\ invoked' = {} /\ results' = {}
    /\ UNCHANGED <<plan, resolved, llmCalls, keys, effects, answered, delivered>>

Done == pc = "done" /\ UNCHANGED vars

Next ==
    \/ Begin \/ Answer \/ Crash \/ Done
    \/ \E c \in calls : Invoke(c) \/ Deliver(c)

(* Fairness for the loop, none for crashes (at most MaxCrashes anyway).    *)
Spec ==
    /\ Init /\ [][Next]_vars
    /\ WF_vars(Begin) /\ WF_vars(Answer)
    /\ WF_vars(\E c \in calls : Invoke(c) \/ Deliver(c))

TypeOK ==
    /\ pc \in {"start", "tools", "done"}
    /\ calls \subseteq Calls /\ invoked \subseteq calls /\ results \subseteq calls
    /\ plan = NoPlan \/ plan \subseteq Calls
    /\ resolved \subseteq Calls /\ keys \subseteq Calls
    /\ effects \in [Tools -> Nat]
    /\ answered \in BOOLEAN /\ crashes \in 0..MaxCrashes

(* Each tool call's effect happens at most once.                           *)
EffectAtMostOnce == \A t \in Tools : effects[t] <= 1

(* No completed tool result is lost: a result that reached the loop is     *)
(* still in its memory or in a resolved promise.                           *)
NoCompletedResultLost == \A c \in delivered : c \in results \/ c \in resolved

(* Liveness: the agent loop eventually answers (crashes are finitely many, *)
(* and the loop's steps are weakly fair).                                  *)
EventuallyAnswers == <>answered
=============================================================================
