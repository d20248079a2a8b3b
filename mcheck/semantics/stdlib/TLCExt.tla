------------------------------- MODULE TLCExt -------------------------------
(***************************************************************************)
(* TLC's experimental extensions.  Implemented natively by mcheck where    *)
(* supported; the definitions fix the names and arities.                   *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers

AssertEq(a, b) == a = b

AssertError(err, exp) == TRUE

TLCGetOrDefault(key, defaultVal) == CHOOSE n : TRUE

TLCGetAndSet(key, Op(_, _), val, defaultVal) ==
  LET oldVal == TLCGetOrDefault(key, defaultVal)
  IN  CHOOSE v \in {oldVal} : TLCSet(key, Op(oldVal, val))

Trace == TRUE

CounterExample == TRUE

ToTrace(CE) == TRUE

TLCModelValue(str) == CHOOSE v : ToString(v) = str

TLCDefer(expression) == TRUE

TLCNoOp(val) == val

PickSuccessor(exp) == IF exp THEN TRUE ELSE CHOOSE b \in BOOLEAN : TRUE

TLCCache(expression, closure) == expression

TLCFP(var) == CHOOSE i \in Int : TRUE

TLCEvalDefinition(definitionName) == TRUE
=============================================================================
