------------------------------ MODULE _Possible ------------------------------
(***************************************************************************)
(* What a .cfg's _POSSIBLE P1 P2 ... checks, as TLC's module of the same   *)
(* name states it.  Each named predicate is evaluated on every generated   *)
(* state (or step, for an action) and counted where it holds; the counts   *)
(* live in the named register "s:_possible" (one value per worker, read    *)
(* through TLCGet("all:named")).  mcheck does the counting natively (see   *)
(* semantics/build.py); a spec may read the counts through _Counts.        *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences

ASSUME TLCSet("s:_possible", <<>>)

LOCAL _Update(Op(_,_), val) ==
    TLCSet("s:_possible", Op(TLCGet("s:_possible"), val))

\* Count one more witness of name when b holds; a name never witnessed counts 0.
_Track(expr, name) ==
    _Update(LAMBDA old, b:
        IF b
        THEN IF name \in DOMAIN old
             THEN [old EXCEPT ![name] = @ + 1]
             ELSE old @@ (name :> 1)
        ELSE old @@ (name :> 0), expr)

LOCAL _Merge(a, b) ==
    [name \in (DOMAIN a) \cup (DOMAIN b) |->
        (IF name \in DOMAIN a THEN a[name] ELSE 0) +
        (IF name \in DOMAIN b THEN b[name] ELSE 0)]

\* The counts of every worker, summed.
_Counts ==
    LET workers == TLCGet("all:named")["s:_possible"]
        n == Len(workers)
        Fold[i \in 0..n] == IF i = 0 THEN <<>> ELSE _Merge(Fold[i-1], workers[i])
    IN Fold[n]

_Check ==
    LET counts == _Counts
    IN (\E name \in DOMAIN counts : counts[name] = 0) => (PrintT(counts) /\ FALSE)

_CheckName(name) ==
    LET counts == _Counts
    IN (name \notin DOMAIN counts \/ counts[name] = 0) => (PrintT(counts) /\ FALSE)

_PrintCounts == PrintT(_Counts)
=============================================================================
