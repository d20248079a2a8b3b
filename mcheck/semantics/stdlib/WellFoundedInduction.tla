------------------------ MODULE WellFoundedInduction ------------------------
(***************************************************************************)
(* Well-founded induction (proof-system library).  Relations are sets of   *)
(* pairs.  Only the operator definitions are kept.                         *)
(***************************************************************************)
EXTENDS NaturalsInduction

IsTransitivelyClosedOn(R, S) ==
  \A i, j, k \in S : (<<i, j>> \in R) /\ (<<j, k>> \in R) => (<<i, k>> \in R)

IsWellFoundedOn(R, S) ==
  ~ \E f \in [Nat -> S] : \A n \in Nat : <<f[n + 1], f[n]>> \in R

SetLessThan(x, R, S) == {y \in S : <<y, x>> \in R}

WFDefOn(R, S, Def(_, _)) ==
  \A g, h : \A x \in S :
     (\A y \in SetLessThan(x, R, S) : g[y] = h[y]) => (Def(g, x) = Def(h, x))

OpDefinesFcn(f, S, Def(_, _)) == f = CHOOSE g : g = [x \in S |-> Def(g, x)]

WFInductiveDefines(f, S, Def(_, _)) == f = [x \in S |-> Def(f, x)]

WFInductiveUnique(S, Def(_, _)) ==
  \A g, h : WFInductiveDefines(g, S, Def) /\ WFInductiveDefines(h, S, Def) => (g = h)

TransitiveClosureOn(R, S) ==
  {ss \in S \X S :
     \A U \in SUBSET (S \X S) :
        (R \cap S \X S \subseteq U) /\ IsTransitivelyClosedOn(U, S) => ss \in U}

OpToRel(Less(_, _), S) == {ss \in S \X S : Less(ss[1], ss[2])}

PreImage(f(_), S, R) == {ss \in S \X S : <<f(ss[1]), f(ss[2])>> \in R}

LexPairOrdering(R1, R2, S1, S2) ==
  {ss \in (S1 \X S2) \X (S1 \X S2) :
     \/ <<ss[1][1], ss[2][1]>> \in R1
     \/ /\ ss[1][1] = ss[2][1]
        /\ <<ss[1][2], ss[2][2]>> \in R2}

LexProductOrdering(R, S, n) ==
  {ff \in [1..n -> S] \X [1..n -> S] :
     \E j \in 1..n : /\ \A i \in 1..(j - 1) : ff[1][i] = ff[2][i]
                     /\ <<ff[1][j], ff[2][j]>> \in R}
=============================================================================
