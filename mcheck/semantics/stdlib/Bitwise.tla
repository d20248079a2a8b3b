------------------------------ MODULE Bitwise -------------------------------
(***************************************************************************)
(* Bitwise operations on integers, as in the TLA+ community modules.       *)
(*                                                                         *)
(* The definitions below give the meaning for natural numbers, computed    *)
(* bit by bit.  mcheck evaluates &, |, ^^ and shiftR natively, as TLC's    *)
(* Java override does (on 32-bit two's-complement integers, so negative    *)
(* arguments work there too); Not is evaluated natively with the meaning   *)
(* given here.                                                             *)
(***************************************************************************)
LOCAL INSTANCE Integers

\* The bit of x at position i (the least significant bit is position 0).
LOCAL BitAt(x, i) == (x \div 2^i) % 2

\* The value whose bits at positions i, i+1, ... are Op of the bits of x and
\* y at those positions; m is what is left of the larger operand.
RECURSIVE BitsFrom(_, _, _, _, _)
LOCAL BitsFrom(Op(_, _), x, y, i, m) ==
  IF m = 0 THEN 0
  ELSE 2^i * Op(BitAt(x, i), BitAt(y, i)) + BitsFrom(Op, x, y, i + 1, m \div 2)

LOCAL Larger(x, y) == IF x >= y THEN x ELSE y

\* x & y: bitwise AND of the naturals x and y.
x & y == BitsFrom(LAMBDA a, b : a * b, x, y, 0, Larger(x, y))

\* x | y: bitwise OR.
x | y == BitsFrom(LAMBDA a, b : IF a + b > 0 THEN 1 ELSE 0, x, y, 0, Larger(x, y))

\* x ^^ y: bitwise exclusive OR (a single ^ is exponentiation).
x ^^ y == BitsFrom(LAMBDA a, b : (a + b) % 2, x, y, 0, Larger(x, y))

\* Not(a): the bits of a up to its most significant 1 bit, inverted
\* (Not(0) = 0, Not(5) = 2).
Not(a) == BitsFrom(LAMBDA p, q : 1 - p, a, a, 0, a)

\* shiftR(n, pos): n shifted right by pos bits, zeros coming in from the left.
RECURSIVE shiftR(_, _)
shiftR(n, pos) == IF pos = 0 THEN n ELSE shiftR(n \div 2, pos - 1)
=============================================================================
