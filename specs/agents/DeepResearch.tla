---------------------------- MODULE DeepResearch ----------------------------
(***************************************************************************)
(* A recursive deep-research agent on a serverless platform.              *)
(*                                                                         *)
(* The root agent fans out, in parallel, a tool call (search) and a       *)
(* sub-agent (sub), which makes its own tool call (fetch): a call tree of  *)
(* depth two.  An agent is a serverless function that never blocks: for   *)
(* each call it creates a durable promise in the promise store, then it   *)
(* suspends; it is resumed when all its promises are resolved, and then   *)
(* answers, which resolves the promise its caller holds.  Workers run the *)
(* tool calls of pending promises; the platform runs a sub-agent's        *)
(* function when a promise for it is pending.                              *)
(*                                                                         *)
(* The platform may evict a function at any time: it loses its memory and *)
(* runs again from the top, against the durable store.  Re-running is     *)
(* safe only if a call finds the promise its earlier run created, so the  *)
(* promise id must be derived from the call (its place in the call tree), *)
(* not drawn fresh per run (a uuid, a counter): with fresh ids the re-run *)
(* creates a second promise for a call already made, and a worker runs   *)
(* that tool again.                                                        *)
(*                                                                         *)
(* And even with the right ids, the agent answers only if the workers do  *)
(* their job: without fairness for them it may wait forever.              *)
(*                                                                         *)
(*   DeepResearch.cfg             ids derived from the call, fair workers: *)
(*                                every tool runs at most once, the root   *)
(*                                always answers                          *)
(*   DeepResearch_FreshIds.cfg    (bug) fresh ids: after an eviction a     *)
(*                                tool runs twice                          *)
(*   DeepResearch_NoFairness.cfg  (bug) no fairness for the workers: the  *)
(*                                root may never answer                    *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC

CONSTANTS DerivedIds,    \* promise ids derived from the call (correct: TRUE)
          MaxEvictions   \* bound on evictions (to keep the model finite)

Agents == {"root", "sub"}
Tools  == {"search", "fetch"}

(* The calls each agent makes, in its code's order.                        *)
Calls == [a \in Agents |-> IF a = "root" THEN <<"search", "sub">> ELSE <<"fetch">>]

VARIABLES status,     \* status[a]: "idle", "running", "suspended" or "done"
          pc,         \* pc[a]: the next call a's code makes (Len + 1: all made)
          run,        \* run[a]: how many times a's function has started
          store,      \* the durable promise store: id -> [call, state]
          runs,       \* runs[t]: how many times tool t has been executed
          evictions   \* evictions so far

vars == <<status, pc, run, store, runs, evictions>>

(* The id of the promise for call c made by agent a: the call itself, or   *)
(* (bug) the call with the number of the run that makes it.               *)
Id(a, c) == IF DerivedIds THEN <<c, 0>> ELSE <<c, run[a]>>

Resolved(id) == id \in DOMAIN store /\ store[id].state = "resolved"

AllResolved(a) == \A i \in 1..Len(Calls[a]) : Resolved(Id(a, Calls[a][i]))

Init ==
    /\ status = [a \in Agents |-> IF a = "root" THEN "running" ELSE "idle"]
    /\ pc = [a \in Agents |-> 1]
    /\ run = [a \in Agents |-> IF a = "root" THEN 1 ELSE 0]
    /\ store = [id \in {} |-> [call |-> "none", state |-> "none"]]
    /\ runs = [t \in Tools |-> 0]
    /\ evictions = 0

(* Make the next call: create its promise, unless the store has it.        *)
Call(a) ==
    /\ status[a] = "running"
    /\ pc[a] <= Len(Calls[a])
    /\ LET c == Calls[a][pc[a]]
           id == Id(a, c)
       IN  store' = IF id \in DOMAIN store THEN store
                    ELSE store @@ (id :> [call |-> c, state |-> "pending"])
    /\ pc' = [pc EXCEPT ![a] = @ + 1]
    /\ UNCHANGED <<status, run, runs, evictions>>

(* All calls made, some still pending: suspend (do not block).             *)
Suspend(a) ==
    /\ status[a] = "running"
    /\ pc[a] > Len(Calls[a])
    /\ ~AllResolved(a)
    /\ status' = [status EXCEPT ![a] = "suspended"]
    /\ UNCHANGED <<pc, run, store, runs, evictions>>

(* Resumed (or still running) with every promise resolved: answer, which   *)
(* resolves the promises the caller holds for a.                           *)
Answer(a) ==
    /\ status[a] \in {"running", "suspended"}
    /\ pc[a] > Len(Calls[a])
    /\ AllResolved(a)
    /\ status' = [status EXCEPT ![a] = "done"]
    /\ store' = [id \in DOMAIN store |->
                    IF store[id].call = a THEN [store[id] EXCEPT !.state = "resolved"] ELSE store[id]]
    /\ UNCHANGED <<pc, run, runs, evictions>>

(* The platform runs a sub-agent's function for a pending promise of it.   *)
Invoke(a) ==
    /\ status[a] \in {"idle", "done"}
    /\ \E id \in DOMAIN store : store[id].call = a /\ store[id].state = "pending"
    /\ status' = [status EXCEPT ![a] = "running"]
    /\ pc' = [pc EXCEPT ![a] = 1]
    /\ run' = [run EXCEPT ![a] = @ + 1]
    /\ UNCHANGED <<store, runs, evictions>>

(* Eviction: a's memory is gone; its function runs again from the top.     *)
Evict(a) ==
    /\ status[a] \in {"running", "suspended"}
    /\ evictions < MaxEvictions
    /\ status' = [status EXCEPT ![a] = "running"]
    /\ pc' = [pc EXCEPT ![a] = 1]
    /\ run' = [run EXCEPT ![a] = @ + 1]
    /\ evictions' = evictions + 1
    /\ UNCHANGED <<store, runs>>

(* A worker executes the tool call of a pending promise and resolves it.   *)
Work(id) ==
    /\ store[id].call \in Tools
    /\ store[id].state = "pending"
    /\ runs' = [runs EXCEPT ![store[id].call] = @ + 1]
    /\ store' = [store EXCEPT ![id].state = "resolved"]
    /\ UNCHANGED <<status, pc, run, evictions>>

(* The root has answered: the end, not a deadlock.                         *)
Done == status["root"] = "done" /\ UNCHANGED vars

AgentStep == \E a \in Agents : Call(a) \/ Suspend(a) \/ Answer(a) \/ Invoke(a)
Workers   == \E id \in DOMAIN store : Work(id)

Next == AgentStep \/ Workers \/ (\E a \in Agents : Evict(a)) \/ Done

Spec == Init /\ [][Next]_vars /\ WF_vars(AgentStep) /\ WF_vars(Workers)

(* (bug) the platform guarantees nothing about the workers.                *)
SpecNoWorkerFairness == Init /\ [][Next]_vars /\ WF_vars(AgentStep)

TypeOK ==
    /\ status \in [Agents -> {"idle", "running", "suspended", "done"}]
    /\ pc \in [Agents -> 1..3]
    /\ run \in [Agents -> Nat]
    /\ runs \in [Tools -> Nat]
    /\ \A id \in DOMAIN store : store[id].state \in {"pending", "resolved"}

(* THE invariant: every tool runs at most once, evictions or not.          *)
EachToolRunsAtMostOnce == \A t \in Tools : runs[t] <= 1

(* The user gets an answer.                                                *)
EventuallyAnswers == <>(status["root"] = "done")
=============================================================================
