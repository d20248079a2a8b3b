-------------------------- MODULE DyadicRationals ---------------------------
(***************************************************************************)
(* Dyadic rationals (a / 2^k), as the community module of this name       *)
(* represents them: a record [num |-> a, den |-> b], kept reduced.  The    *)
(* definitions give the community module's values exactly (Add scales to  *)
(* the larger denominator, which suffices for powers of two).             *)
(***************************************************************************)
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE TLC

LOCAL Divisors(q) == {d \in 1..q : q % d = 0}

\* The greatest common divisor of n and m (an error when one is 0, as in the community module).
LOCAL GCD(n, m) ==
    LET common == Divisors(n) \cap Divisors(m)
    IN CHOOSE g \in common : \A d \in common : d <= g

LOCAL Rational(num, den) == [num |-> num, den |-> den]

LOCAL Reduce(p) ==
    LET g == GCD(p.num, p.den)
    IN IF g = 1 THEN p ELSE Rational(p.num \div g, p.den \div g)

IsDyadicRational(r) == \E i \in 0..r.den : 2^i = r.den

Zero == Rational(0, 1)

One == Rational(1, 1)

Add(p, q) ==
    IF p = Zero THEN q
    ELSE LET den == IF p.den >= q.den THEN p.den ELSE q.den
         IN Reduce(Rational(q.num * (den \div q.den) + p.num * (den \div p.den), den))

Half(p) == Reduce(Rational(p.num, p.den * 2))

PrettyPrint(p) ==
    IF p = Zero THEN "0"
    ELSE IF p = One THEN "1"
    ELSE ToString(p.num) \o "/" \o ToString(p.den)
=============================================================================
