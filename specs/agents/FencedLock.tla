---------------------------- MODULE FencedLock ----------------------------
(***************************************************************************)
(* A lease-based distributed lock, a client that pauses past its lease,    *)
(* and fencing tokens.                                                     *)
(*                                                                         *)
(* A lock service grants the lock as a lease: it expires unless renewed,   *)
(* so a crashed holder cannot block everybody forever.  But a holder that  *)
(* is merely PAUSED (a GC pause, a swapped-out VM, a slow network) is not  *)
(* crashed: when it resumes it still believes it holds the lock, while the *)
(* service has expired its lease and granted the lock to another client.  *)
(* Both write to storage.  No lease duration, and no check of the lease    *)
(* before writing, closes this window: the pause can come right after the  *)
(* check.                                                                  *)
(*                                                                         *)
(* Fencing: every grant comes with a token, a number that increases with   *)
(* every grant; a client sends its token with each write, and storage      *)
(* rejects a write whose token is older than the newest it has accepted.   *)
(* The lock alone cannot protect the storage; the storage protects itself. *)
(*                                                                         *)
(*   FencedLock.cfg             Fencing = TRUE: no stale write accepted    *)
(*   FencedLock_NoFencing.cfg   Fencing = FALSE: c1 pauses, its lease      *)
(*                              expires, c2 gets the lock and writes, c1   *)
(*                              resumes and its stale write is accepted    *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Clients,      \* e.g. {c1, c2}
          MaxGrants,    \* bound on the number of grants (to keep the model finite)
          Fencing,      \* storage checks fencing tokens
          NoClient      \* "nobody holds the lock" (a model value, not a client)

ASSUME MaxGrants \in Nat /\ Fencing \in BOOLEAN /\ NoClient \notin Clients

VARIABLES holder,       \* lock service: the client holding the lease, or NoClient
          grants,       \* lock service: the number of grants so far (the last token)
          state,        \* state[c]: "idle", "holding" or "paused"
          token,        \* token[c]: the token of c's latest grant
          accepted      \* storage: the sequence of tokens of the writes it accepted

vars == <<holder, grants, state, token, accepted>>

(* The newest token the storage has accepted (0: none).                    *)
Newest == IF accepted = << >> THEN 0 ELSE accepted[Len(accepted)]

Init ==
    /\ holder = NoClient
    /\ grants = 0
    /\ state = [c \in Clients |-> "idle"]
    /\ token = [c \in Clients |-> 0]
    /\ accepted = << >>

(* The lock is free: grant it to c, with the next token.                   *)
Acquire(c) ==
    /\ holder = NoClient
    /\ state[c] = "idle"
    /\ grants < MaxGrants
    /\ holder' = c
    /\ grants' = grants + 1
    /\ state' = [state EXCEPT ![c] = "holding"]
    /\ token' = [token EXCEPT ![c] = grants + 1]
    /\ UNCHANGED accepted

(* The holder stops running for a while.  It does not know it.            *)
Pause(c) ==
    /\ state[c] = "holding"
    /\ state' = [state EXCEPT ![c] = "paused"]
    /\ UNCHANGED <<holder, grants, token, accepted>>

(* The lease of a paused holder runs out (a running holder renews it).     *)
Expire ==
    /\ holder # NoClient
    /\ state[holder] = "paused"
    /\ holder' = NoClient
    /\ UNCHANGED <<grants, state, token, accepted>>

(* The client runs again, still believing it holds the lock.               *)
Resume(c) ==
    /\ state[c] = "paused"
    /\ state' = [state EXCEPT ![c] = "holding"]
    /\ UNCHANGED <<holder, grants, token, accepted>>

(* A client that believes it holds the lock writes, with its token.  The   *)
(* storage accepts the write, unless fencing rejects a stale token.        *)
Write(c) ==
    /\ state[c] = "holding"
    /\ IF Fencing /\ token[c] < Newest
         THEN UNCHANGED accepted                         \* rejected
         ELSE accepted' = Append(accepted, token[c])     \* accepted
    /\ state' = [state EXCEPT ![c] = "idle"]             \* done with the lock
    /\ holder' = IF holder = c THEN NoClient ELSE holder \* releases it if it can
    /\ UNCHANGED <<grants, token>>

(* All grants used and every client done: the end, not a deadlock.        *)
Done ==
    /\ grants = MaxGrants
    /\ \A c \in Clients : state[c] = "idle"
    /\ UNCHANGED vars

Next ==
    \/ \E c \in Clients : Acquire(c) \/ Pause(c) \/ Resume(c) \/ Write(c)
    \/ Expire
    \/ Done

Spec == Init /\ [][Next]_vars

TypeOK ==
    /\ holder \in Clients \cup {NoClient}
    /\ grants \in 0..MaxGrants
    /\ state \in [Clients -> {"idle", "holding", "paused"}]
    /\ token \in [Clients -> 0..MaxGrants]
    /\ accepted \in Seq(1..MaxGrants)

(* The storage never accepts a stale write: once it has accepted a write   *)
(* under some grant, it accepts none under an older grant.                 *)
NoStaleWrite ==
    \A i, j \in 1..Len(accepted) : i < j => accepted[i] <= accepted[j]

(* What fencing does NOT give: "only the current holder's writes are        *)
(* accepted".  A paused client that resumes and writes before the new      *)
(* holder's first write still gets its write in: it is not stale, nothing *)
(* newer was accepted yet.  Fencing orders the writes by grant; it does    *)
(* not make the lease a mutex.                                             *)
=============================================================================
