---- MODULE Counter ----
(***************************************************************************)
(* A first spec: a counter x that counts up to the constant N, and a bit y *)
(* that can flip at any time.  Check it with                               *)
(*                                                                         *)
(*     mcheck examples/Counter.tla                                         *)
(*                                                                         *)
(* which reads Counter.cfg beside it (N = 3, INIT Init, NEXT Next,         *)
(* INVARIANT Inv) and finds 8 distinct states, all satisfying Inv.         *)
(* Try `--const N=5`, or `--invariant Small` to see a counterexample.      *)
(***************************************************************************)
EXTENDS Naturals       \* for the numbers and +, <, <=
CONSTANT N             \* a parameter: its value comes from the .cfg (or --const)
VARIABLES x, y         \* a state gives each variable a value

\* The initial states: x is 0 and y is 0 or 1 (so there are two).
Init == x = 0 /\ y \in {0, 1}

\* A step that increments x while it is below N.  x' is x in the next state;
\* UNCHANGED y says y keeps its value.
Inc == x < N /\ x' = x + 1 /\ UNCHANGED y

\* A step that sets y to 0 or 1 (possibly its current value) and keeps x.
Flip == \E v \in {0, 1} : y' = v /\ x' = x

\* Every step of the system is an Inc step or a Flip step.
Next == Inc \/ Flip

\* The invariant: true in every reachable state.
Inv == x <= N

\* Not in the .cfg: `mcheck examples/Counter.tla --invariant Small` shows the
\* shortest behaviour that reaches x = 2.
Small == x < 2
====
