------------------------------ MODULE RealTime -------------------------------
(***************************************************************************)
(* Real-time specifications, from Specifying Systems (section 9.5): the    *)
(* variable now is the current time; RTBound(A, v, D, E) says that an      *)
(* A step occurs within D to E time units of A becoming continuously       *)
(* enabled; RTnow(v) says how now advances.  TLC bundles this module; it   *)
(* can check a spec that EXTENDS it only where the Reals are not needed.   *)
(***************************************************************************)
EXTENDS Reals

VARIABLE now

RTBound(A, v, D, E) ==
  LET TNext(t) == t' = IF <<A>>_v \/ ~(ENABLED <<A>>_v)'
                         THEN 0
                         ELSE t + (now' - now)
      Timer(t) == (t = 0) /\ [][TNext(t)]_<<t, v, now>>
      MaxTime(t) == [](t \leq E)
      MinTime(t) == [][A => t \geq D]_v
  IN \EE t : Timer(t) /\ MaxTime(t) /\ MinTime(t)

RTnow(v) ==
  LET NowNext == /\ now' \in {r \in Real : r > now}
                 /\ UNCHANGED v
  IN /\ now \in Real
     /\ [][NowNext]_now
     /\ \A r \in Real : WF_now(NowNext /\ (now' > r))
=============================================================================
