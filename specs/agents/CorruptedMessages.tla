------------------------- MODULE CorruptedMessages -------------------------
(***************************************************************************)
(* Deterministic-simulation-style fault injection: corrupt one character.  *)
(*                                                                         *)
(* In deterministic simulation testing the network is simulated, and a    *)
(* fault injector may damage any message.  Here it replaces ONE character  *)
(* of a message with another.  Depending on where it strikes, the result   *)
(* is one of three kinds of bad message:                                   *)
(*   1. invalid format:   it no longer parses ("{n00" , "{n0}}");          *)
(*   2. invalid schema:   it parses, but a field is unknown or has the     *)
(*                        wrong type ("{m00}", "{na0}");                   *)
(*   3. invalid payload:  it matches the schema, but the content is not    *)
(*                        what was sent ("{n10}": value 1, checksum 0).    *)
(* The receiver must reject all three.  The third kind is invisible to a   *)
(* parser and a schema validator: only redundancy in the payload (here a   *)
(* checksum, the simplest possible: a copy of the value) can reveal it.    *)
(*                                                                         *)
(* The wire format, 5 characters:  "{" key value checksum "}"              *)
(*   format:  5 characters, braces at both ends and nowhere else;          *)
(*   schema:  the key is a known field name (Keys), value and checksum    *)
(*            are digits;                                                  *)
(*   payload: the checksum matches the value.                              *)
(*                                                                         *)
(*   CorruptedMessages.cfg                the receiver checks all three    *)
(*   CorruptedMessages_NoPayloadCheck.cfg (bug) format and schema only:    *)
(*                                        "{n00}" sent, "{n10}" accepted   *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS CheckPayload   \* the receiver verifies the checksum (correct: TRUE)
ASSUME CheckPayload \in BOOLEAN

Keys   == {"n"}                        \* the schema's only field
Digits == {"0", "1"}
Chars  == {"{", "}", "n", "m", "a"} \cup Digits   \* the alphabet on the wire

(* What the sender sends: a well-formed message for every value.           *)
Encode(v) == << "{", "n", v, v, "}" >>
Sent == { Encode(v) : v \in Digits }

(* The three layers of validation.                                         *)
FormatOK(m) ==
    /\ Len(m) = 5
    /\ m[1] = "{" /\ m[5] = "}"
    /\ \A i \in 2..4 : m[i] \notin {"{", "}"}

SchemaOK(m) == FormatOK(m) /\ m[2] \in Keys /\ m[3] \in Digits /\ m[4] \in Digits

PayloadOK(m) == SchemaOK(m) /\ m[4] = m[3]

(* What the receiver accepts.                                              *)
Accepts(m) == IF CheckPayload THEN PayloadOK(m) ELSE SchemaOK(m)

VARIABLES sent,      \* the message the sender sent
          wire,      \* the message as it travels (maybe corrupted)
          faulted,   \* the fault injector has struck (at most once)
          verdict    \* the receiver's verdict: "pending", "accepted", "rejected"

vars == <<sent, wire, faulted, verdict>>

Init ==
    /\ sent \in Sent
    /\ wire = sent
    /\ faulted = FALSE
    /\ verdict = "pending"

(* The fault injector replaces the character at position i with another.   *)
Corrupt ==
    /\ ~faulted
    /\ verdict = "pending"
    /\ \E i \in 1..Len(wire), c \in Chars :
         /\ c # wire[i]
         /\ wire' = [wire EXCEPT ![i] = c]
    /\ faulted' = TRUE
    /\ UNCHANGED <<sent, verdict>>

Receive ==
    /\ verdict = "pending"
    /\ verdict' = IF Accepts(wire) THEN "accepted" ELSE "rejected"
    /\ UNCHANGED <<sent, wire, faulted>>

Done == verdict # "pending" /\ UNCHANGED vars

Next == Corrupt \/ Receive \/ Done

Spec == Init /\ [][Next]_vars

(* The receiver rejects every kind of bad message...                       *)
RejectsInvalidFormat  == verdict = "accepted" => FormatOK(wire)
RejectsInvalidSchema  == verdict = "accepted" => SchemaOK(wire)
RejectsInvalidPayload == verdict = "accepted" => wire = sent
(* ... and accepts the intact ones (rejecting everything is not an option). *)
AcceptsIntact         == verdict = "rejected" => wire # sent

(* The fault injector does produce all three kinds (each of these is       *)
(* FALSE in some reachable state: check with --invariant to see a witness).*)
NeverBadFormat  == faulted => FormatOK(wire)
NeverBadSchema  == faulted /\ FormatOK(wire) => SchemaOK(wire)
NeverBadPayload == faulted /\ SchemaOK(wire) => wire = sent
=============================================================================
