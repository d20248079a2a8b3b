------------------------------ MODULE Functions ------------------------------
(***************************************************************************)
(* Functions: restriction, range, inverse, injections, surjections and     *)
(* bijections, and folds over the values of a function, as in the TLA+     *)
(* community modules.                                                      *)
(*                                                                         *)
(* mcheck evaluates most of these operators natively (with TLC's order     *)
(* where the result depends on one); the definitions below state their     *)
(* meaning.  Like the community module, this module EXTENDS Integers and   *)
(* Folds, so their operators are visible to a module that EXTENDS it.      *)
(***************************************************************************)
EXTENDS Integers, Folds

(* f restricted to S (S should be a subset of DOMAIN f). *)
Restrict(f, S) == [x \in S |-> f[x]]

(* f restricted to the points of its domain that satisfy Test. *)
RestrictDomain(f, Test(_)) == Restrict(f, {x \in DOMAIN f : Test(x)})

(* f restricted to the points whose value satisfies Test; the result is    *)
(* in general not a sequence even when f is one.                           *)
RestrictValues(f, Test(_)) == Restrict(f, {x \in DOMAIN f : Test(f[x])})

(* narrow is wide restricted to a subset of wide's domain. *)
IsRestriction(narrow, wide) ==
  /\ DOMAIN narrow \subseteq DOMAIN wide
  /\ \A x \in DOMAIN narrow : narrow[x] = wide[x]

(* The set of values of f (its image). *)
Range(f) == {f[x] : x \in DOMAIN f}

(* T applied point by point to f and g, over the domain of f (which should *)
(* be a subset of the domain of g).                                        *)
Pointwise(f, g, T(_,_)) == [x \in DOMAIN f |-> T(f[x], g[x])]

(* An inverse of f from T back to S: each t of the range of f goes to some *)
(* s of S with f[s] = t; a t outside the range goes to an arbitrary s.     *)
Inverse(f, S, T) == [t \in T |-> CHOOSE s \in S : t \in Range(f) => f[s] = t]

(* The inverse of f on its range. *)
AntiFunction(f) == Inverse(f, DOMAIN f, Range(f))

(* No two points of the domain of f have the same value. *)
IsInjective(f) == \A x, y \in DOMAIN f : f[x] = f[y] => x = y

(* The injections, surjections and bijections from S to T. *)
Injection(S, T) == {g \in [S -> T] : IsInjective(g)}

Surjection(S, T) == {g \in [S -> T] : \A t \in T : \E s \in S : g[s] = t}

Bijection(S, T) == Injection(S, T) \cap Surjection(S, T)

ExistsInjection(S, T) == Injection(S, T) # {}

ExistsSurjection(S, T) == Surjection(S, T) # {}

ExistsBijection(S, T) == Bijection(S, T) # {}

-----------------------------------------------------------------------------

(***************************************************************************)
(* FoldFunctionOnSet(op, base, f, I): combine the values f[i], i \in I (a  *)
(* subset of DOMAIN f), with op, starting from base.  TLC takes the        *)
(* indices in its normal order i1, i2, ..., in and computes                *)
(*                                                                         *)
(*    op(f[in], ... op(f[i2], op(f[i1], base)) ...)                        *)
(*                                                                         *)
(* (CHOOSE i \in I : TRUE is the first index in that order).  Unless op is *)
(* associative and commutative, the result depends on this order.         *)
(***************************************************************************)
FoldFunctionOnSet(op(_,_), base, f, I) ==
  LET RECURSIVE Step(_, _)
      Step(acc, rest) ==
        IF rest = {} THEN acc
                     ELSE LET i == CHOOSE j \in rest : TRUE
                          IN  Step(op(f[i], acc), rest \ {i})
  IN  Step(base, I)

(* FoldFunctionOnSet over the whole domain of f. *)
FoldFunction(op(_,_), base, f) == FoldFunctionOnSet(op, base, f, DOMAIN f)

(* The sum of the (integer) values of f at the indices I, or everywhere. *)
SumFunctionOnSet(f, I) == FoldFunctionOnSet(+, 0, f, I)

SumFunction(f) == SumFunctionOnSet(f, DOMAIN f)
=============================================================================
