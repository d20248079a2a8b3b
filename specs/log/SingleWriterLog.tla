-------------------------- MODULE SingleWriterLog --------------------------
(***************************************************************************)
(* Single-writer semantics on a Kafka-like log that cannot refuse a write. *)
(*                                                                         *)
(* The log offers one write operation,                                     *)
(*     append : Log \X Msg -> Log \X Ind                                   *)
(* which always succeeds: the message goes at the end and append returns   *)
(* the index it landed at.  There is no compare-and-set, so two writers    *)
(* cannot be stopped from writing.  Single-writer semantics is built on    *)
(* top, with one read and no extra round trip:                             *)
(*                                                                         *)
(*  - a writer reads the log length n ONCE, at start-up;                   *)
(*  - it tags its k-th message with the index it expects, n + k;           *)
(*  - append returns the actual index: if it differs from the expected     *)
(*    one, somebody else wrote in between: the writer has detected a       *)
(*    conflict, and that write did not succeed;                            *)
(*  - readers ignore a message whose expected index is not its actual      *)
(*    index (the index it sits at in the log).                             *)
(*                                                                         *)
(* What a writer does on conflict: it STOPS.  Another writer exists; the   *)
(* log now holds that writer's messages and the stopped writer's own      *)
(* rejected message.  The writer reports the failure to its caller and     *)
(* writes nothing more.  If it must come back, it comes back as a new      *)
(* writer (a fresh start-up that reads the length again): a deliberate,    *)
(* visible takeover, not an automatic retry.  StopOnConflict = TRUE is    *)
(* that choice, and SingleWriterStream checks it.                          *)
(*                                                                         *)
(* Configurations:                                                         *)
(*   SingleWriterLog.cfg                two writers, correct: passes       *)
(*   SingleWriterLog_OneWriter.cfg      one writer: never a conflict, no   *)
(*                                      extra read, no wasted write        *)
(*   SingleWriterLog_UnfilteredReaders.cfg  readers count every message    *)
(*   SingleWriterLog_IgnoresIndex.cfg   writers ignore the returned index  *)
(*   SingleWriterLog_KeepsWriting.cfg   writers go on after a conflict     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS Writers,          \* the writers, e.g. {A, B}
          MaxLog,           \* bound on the log length (to keep the model finite)
          FilterReaders,    \* readers ignore misplaced messages (correct: TRUE)
          CheckIndex,       \* writers compare returned and expected index (TRUE)
          StopOnConflict    \* a writer stops at its first conflict (TRUE)

ASSUME /\ MaxLog \in Nat
       /\ {FilterReaders, CheckIndex, StopOnConflict} \subseteq BOOLEAN

VARIABLES log,       \* the log: a sequence of messages [writer, exp]
          phase,     \* phase[w]: "starting", "writing" or "stopped"
          expected,  \* expected[w]: the index w expects its next message at
          reads,     \* reads[w]: how many times w has read the log length
          told,      \* told[w]: the indices of w's writes that w was told succeeded
          conflict   \* conflict[w]: w has detected a conflict

vars == <<log, phase, expected, reads, told, conflict>>

(* The log's only write operation: it cannot refuse.                       *)
append(l, msg) == << Append(l, msg), Len(l) + 1 >>

(* A reader counts the message at index i (the one the writer meant) when  *)
(* its expected index is its actual index.                                 *)
Counts(i) == IF FilterReaders THEN log[i].exp = i ELSE TRUE

Init ==
    /\ log = << >>
    /\ phase = [w \in Writers |-> "starting"]
    /\ expected = [w \in Writers |-> 0]
    /\ reads = [w \in Writers |-> 0]
    /\ told = [w \in Writers |-> {}]
    /\ conflict = [w \in Writers |-> FALSE]

(* Start-up: read the log length, once.                                    *)
Start(w) ==
    /\ phase[w] = "starting"
    /\ expected' = [expected EXCEPT ![w] = Len(log) + 1]
    /\ reads' = [reads EXCEPT ![w] = @ + 1]
    /\ phase' = [phase EXCEPT ![w] = "writing"]
    /\ UNCHANGED <<log, told, conflict>>

(* Write the next message, tagged with the index w expects it to land at.  *)
Write(w) ==
    /\ phase[w] = "writing"
    /\ Len(log) < MaxLog
    /\ LET result == append(log, [writer |-> w, exp |-> expected[w]])
           ind    == result[2]                   \* the actual index
           ok     == IF CheckIndex THEN ind = expected[w]
                                   ELSE TRUE     \* (bug) never looks
       IN  /\ log' = result[1]
           /\ IF ok
                THEN \* success: tell the writer's client, expect the next index
                     /\ told' = [told EXCEPT ![w] = @ \cup {ind}]
                     /\ expected' = [expected EXCEPT ![w] = @ + 1]
                     /\ UNCHANGED <<phase, conflict>>
                ELSE \* conflict: this write failed
                     /\ conflict' = [conflict EXCEPT ![w] = TRUE]
                     /\ UNCHANGED told
                     /\ IF StopOnConflict
                          THEN /\ phase' = [phase EXCEPT ![w] = "stopped"]
                               /\ UNCHANGED expected
                          ELSE \* (bug) carry on after the message that landed
                               /\ expected' = [expected EXCEPT ![w] = ind + 1]
                               /\ UNCHANGED phase
    /\ UNCHANGED reads

(* Nobody can do anything more: the end, not a deadlock.                   *)
Done ==
    /\ \A w \in Writers : \/ phase[w] = "stopped"
                          \/ phase[w] = "writing" /\ Len(log) = MaxLog
    /\ UNCHANGED vars

Next == (\E w \in Writers : Start(w) \/ Write(w)) \/ Done

Spec == Init /\ [][Next]_vars

TypeOK ==
    /\ log \in Seq([writer : Writers, exp : Nat])
    /\ phase \in [Writers -> {"starting", "writing", "stopped"}]
    /\ expected \in [Writers -> Nat]
    /\ reads \in [Writers -> Nat]
    /\ told \in [Writers -> SUBSET (1..MaxLog)]
    /\ conflict \in [Writers -> BOOLEAN]

(* THE invariant: a write counts for readers exactly when its writer was   *)
(* told it succeeded.  Readers and writers agree on what was written.      *)
CountsIffToldSucceeded ==
    \A i \in 1..Len(log) : Counts(i) <=> i \in told[log[i].writer]

(* Single writer: the messages readers count come from one writer at a     *)
(* time; once another writer's message counts, an earlier writer never     *)
(* counts again (its counted messages are one unbroken run).  This is what *)
(* stopping on conflict buys.                                              *)
SingleWriterStream ==
    \A i, j, k \in 1..Len(log) :
        (i < j /\ j < k /\ Counts(i) /\ Counts(j) /\ Counts(k)
            /\ log[i].writer = log[k].writer)
        => log[j].writer = log[i].writer

(* The one-writer case costs nothing: never a conflict, one read at        *)
(* start-up and never another, and every write counts (no wasted write).   *)
NoExtraRead == \A w \in Writers : reads[w] <= 1

AloneNoConflictNoWaste ==
    Cardinality(Writers) = 1 =>
        /\ \A w \in Writers : ~conflict[w]
        /\ \A i \in 1..Len(log) : Counts(i)
=============================================================================
