---- MODULE Counter ----
(***************************************************************************)
(* Step 1: a counter.  A spec is a set of variables, the initial states    *)
(* (Init) and the steps the system may take (Next).  The model checker    *)
(* visits every state reachable from Init by Next steps and checks the    *)
(* invariant in each one.                                                  *)
(***************************************************************************)
EXTENDS Naturals          \* numbers, +, <, <=

VARIABLE x                \* the whole state: one number

Init == x = 0             \* it starts at 0

\* One step: while x is below 3, add one.  x' is x in the next state.
Next == x < 3 /\ x' = x + 1

\* True in every reachable state; mcheck says which state breaks it if one does.
AtMostThree == x <= 3
====
