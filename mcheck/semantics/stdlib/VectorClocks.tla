---------------------------- MODULE VectorClocks ----------------------------
(***************************************************************************)
(* Vector clocks, as in the TLA+ community modules: checking that a log of *)
(* events respects the causal order their clocks give, and sorting a log   *)
(* into such an order.  A clock is a function from nodes to naturals; a    *)
(* node missing from a clock's domain counts as 0.                         *)
(*                                                                         *)
(* mcheck evaluates CausalOrder natively with TLC's algorithm (each node's *)
(* events ordered by its own clock, merged into a graph of causal          *)
(* dependencies, then emitted root by root), so it picks the same one of   *)
(* the causally consistent orders as TLC does.                             *)
(***************************************************************************)
EXTENDS Naturals, Sequences, Functions

\* Clock c extended to the domain D, with 0 where c has no value.
LOCAL Padded(c, D) == [d \in D |-> IF d \in DOMAIN c THEN c[d] ELSE 0]

\* v1 happened before v2: nowhere later, somewhere earlier.
LOCAL Before(v1, v2) ==
  /\ \A i \in DOMAIN v1 : v1[i] <= v2[i]
  /\ \E i \in DOMAIN v1 : v1[i] < v2[i]

\* Neither happened before the other.
LOCAL Concurrent(v1, v2) ==
  \E i, j \in DOMAIN v1 : i # j /\ v1[i] < v2[i] /\ v1[j] > v2[j]

\* No event of the log comes after an event that happened after it.
IsCausalOrder(log, clock(_)) ==
  \A i \in 1..Len(log) : \A j \in 1..(i - 1) :
     LET D == DOMAIN clock(log[i]) \cup DOMAIN clock(log[j])
         ci == Padded(clock(log[i]), D)
         cj == Padded(clock(log[j]), D)
     IN  Before(cj, ci) \/ Concurrent(cj, ci)

\* The events of log in a causal order.  clock(e) is the clock of event e,
\* node(e) the node where it happened, domain(c) the nodes clock c knows of;
\* each node's own entry in its clocks must count its events 1, 2, 3, ...
CausalOrder(log, clock(_), node(_), domain(_)) ==
  CHOOSE sorted \in {f \in [1..Len(log) -> Range(log)] : Range(f) = Range(log)} :
    IsCausalOrder(sorted, clock)
=============================================================================
