---------------------------- MODULE ChatStream ----------------------------
(***************************************************************************)
(* Streaming chunks are ephemeral transport; complete responses are       *)
(* durable storage.                                                        *)
(*                                                                         *)
(* A chat server generates a response chunk by chunk and streams each     *)
(* chunk to the client as soon as it exists (the user watches the answer  *)
(* being typed).  The chunks live in the server's memory and on the wire: *)
(* a crash loses them.  Only the complete response is written to durable  *)
(* storage.  Then the client is told "done": the response is complete.    *)
(*                                                                         *)
(* The invariant: a response the client was told is complete survives any *)
(* crash: after the crash it can still be served, from storage.  The rule *)
(* that gives it: persist, THEN acknowledge.  AckBeforePersist = TRUE is   *)
(* the bug (ChatStream_AckBeforePersist.cfg): the client is told "done",   *)
(* the server crashes before its write reaches storage, and the response  *)
(* the user saw exists nowhere; regenerating it gives another answer.     *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Chunks,           \* the possible chunks (model values), e.g. {x, y}
          N,                \* the number of chunks in a response
          AckBeforePersist  \* (bug) tell the client "done" before persisting

ASSUME N \in Nat \ {0} /\ AckBeforePersist \in BOOLEAN

VARIABLES buffer,   \* server memory: the chunks generated so far (ephemeral)
          shown,    \* client: the chunks received and displayed
          told,     \* client: was told the response is complete
          store     \* durable storage: << >> or the complete response

vars == <<buffer, shown, told, store>>

Init ==
    /\ buffer = << >>
    /\ shown = << >>
    /\ told = FALSE
    /\ store = << >>

(* Generate the next chunk and stream it (the generation is an LLM's: any  *)
(* chunk may come next).                                                   *)
Generate ==
    /\ ~told
    /\ store = << >>
    /\ Len(buffer) < N
    /\ \E c \in Chunks :
         /\ buffer' = Append(buffer, c)
         /\ shown' = Append(shown, c)
    /\ UNCHANGED <<told, store>>

(* Write the complete response to durable storage.                         *)
Persist ==
    /\ Len(buffer) = N
    /\ store = << >>
    /\ store' = buffer
    /\ UNCHANGED <<buffer, shown, told>>

(* Tell the client the response is complete: after persisting it (or, the  *)
(* bug, as soon as the last chunk is out).                                 *)
Ack ==
    /\ ~told
    /\ Len(buffer) = N
    /\ shown = buffer
    /\ AckBeforePersist \/ store = buffer
    /\ told' = TRUE
    /\ UNCHANGED <<buffer, shown, store>>

(* The server crashes and restarts: memory and in-flight chunks are lost.  *)
(* A client that was not told "done" drops the broken stream (it will get *)
(* the response again); storage survives.                                  *)
Crash ==
    /\ buffer' = << >>
    /\ shown' = IF told THEN shown ELSE << >>
    /\ UNCHANGED <<told, store>>

(* After a restart, a response found in storage is served from there.      *)
ServeStored ==
    /\ ~told
    /\ store # << >>
    /\ shown' = store
    /\ told' = TRUE
    /\ UNCHANGED <<buffer, store>>

Next == Generate \/ Persist \/ Ack \/ Crash \/ ServeStored

Spec == Init /\ [][Next]_vars

TypeOK ==
    /\ buffer \in Seq(Chunks) /\ Len(buffer) <= N
    /\ shown \in Seq(Chunks) /\ Len(shown) <= N
    /\ told \in BOOLEAN
    /\ store \in Seq(Chunks)

(* A response the client was told is complete can still be served: it is   *)
(* in storage (or, until a crash, in memory).  After any crash, only       *)
(* storage is left.                                                        *)
ToldCompleteSurvivesCrash ==
    told => (store = shown \/ buffer = shown)

(* Storage only ever holds complete responses.                             *)
StoreHoldsCompleteResponses == store # << >> => Len(store) = N
=============================================================================
