---- MODULE Counter ----
EXTENDS Naturals
CONSTANT N
VARIABLES x, y

Init == x = 0 /\ y \in {0, 1}

Inc == x < N /\ x' = x + 1 /\ UNCHANGED y
Flip == \E v \in {0, 1} : y' = v /\ x' = x

Next == Inc \/ Flip

Inv == x <= N
====
