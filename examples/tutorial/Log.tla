---- MODULE Log ----
(***************************************************************************)
(* Steps 2 to 4: two writers append to a shared log.                       *)
(*                                                                         *)
(* Each writer first reads the log's length, then appends a message that   *)
(* says where it expects the message to land (length + 1).  Between the    *)
(* read and the append the other writer may append too: a race, like two  *)
(* Python threads doing `n = len(log); log.append((me, n + 1))`.           *)
(*                                                                         *)
(* Conditional = FALSE (Log.cfg): a plain append; the invariant fails.     *)
(* Conditional = TRUE (Log_Fixed.cfg): the log refuses an append whose     *)
(* expected index is not the next one, and the writer reads again, like a  *)
(* compare-and-set.                                                        *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Writers,        \* the writers, e.g. {A, B}: names the .cfg makes up
          Conditional     \* does the log check the expected index?

VARIABLES log,            \* a sequence of messages [writer |-> w, at |-> i]
          pc,             \* pc[w]: "read", "append" or "done": where writer w is
          expected        \* expected[w]: the index w read (length + 1)

vars == <<log, pc, expected>>

Init ==
    /\ log = << >>
    /\ pc = [w \in Writers |-> "read"]       \* a function: one entry per writer
    /\ expected = [w \in Writers |-> 0]

\* Read the length.  [pc EXCEPT ![w] = "append"] is pc with w's entry changed.
Read(w) ==
    /\ pc[w] = "read"
    /\ expected' = [expected EXCEPT ![w] = Len(log) + 1]
    /\ pc' = [pc EXCEPT ![w] = "append"]
    /\ UNCHANGED log

\* Append, or (with the fix) be refused and go back to reading.
Write(w) ==
    /\ pc[w] = "append"
    /\ IF Conditional /\ Len(log) + 1 # expected[w]
         THEN /\ pc' = [pc EXCEPT ![w] = "read"]
              /\ UNCHANGED <<log, expected>>
         ELSE /\ log' = Append(log, [writer |-> w, at |-> expected[w]])
              /\ pc' = [pc EXCEPT ![w] = "done"]
              /\ UNCHANGED expected

AllDone == \A w \in Writers : pc[w] = "done"

\* When both are done nothing happens any more: say so, or mcheck reports a deadlock.
Finished == AllDone /\ UNCHANGED vars

Next == (\E w \in Writers : Read(w) \/ Write(w)) \/ Finished

\* The behaviours: start in Init, then take Next steps (or stutter: change nothing).
Spec == Init /\ [][Next]_vars

\* Step 4: weak fairness.  A step that stays possible is eventually taken.
FairSpec == Spec /\ WF_vars(Next)

\* The invariant: every message sits where its writer expected it.
LandsWhereExpected == \A i \in 1..Len(log) : log[i].at = i

\* Step 4, a liveness property: eventually every writer is done.
EveryWriterFinishes == <>AllDone
====
