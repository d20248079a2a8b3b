-------------------------------- MODULE LLM --------------------------------
(***************************************************************************)
(* The mental model of a large language model, as definitions to EXTEND.   *)
(*                                                                         *)
(* An LLM is a function from a context (the tokens it has read so far, at  *)
(* most Max of them) to a score for every token of the vocabulary.         *)
(* Training picks one such function; inference reads the scores of the    *)
(* current context and picks the next token among the K best.  Nothing     *)
(* else: no memory besides the context, no state besides the weights.      *)
(*                                                                         *)
(* Both "functions" are non-deterministic, so each is written as the SET   *)
(* of its possible results, and a spec uses it with \in:                   *)
(*     model' \in Train                 training                           *)
(*     \E t \in Infer(model, ctx) : ... inference                          *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS Tokens,   \* the vocabulary, e.g. {a, b} (model values)
          Max,      \* the context window: the longest context the model reads
          Score,    \* the scores a model can give a token, e.g. {0, 1}
          K         \* top-K sampling: inference picks one of the K best tokens

ASSUME Max \in Nat /\ K \in Nat \ {0} /\ Score \subseteq Nat

(* Every context the model can be asked about: all token sequences of      *)
(* length at most Max.  Seq(Tokens) is infinite, so TLC refuses to         *)
(* enumerate this set; mcheck enumerates the finite subset it denotes.     *)
Contexts == { s \in Seq(Tokens) : Len(s) <= Max }

(* The model space: every way of scoring every token in every context.     *)
Model == [Contexts -> [Tokens -> Score]]

(* TopK(scores, k): the tokens whose score is among the k highest, that is *)
(* the tokens beaten by fewer than k other tokens.                         *)
(* Ties: a token tied with the k-th best is IN, so TopK can hold more than *)
(* k tokens (with scores a:1, b:1, c:0, TopK(_, 1) = {a, b}).  It never     *)
(* holds fewer than k (unless there are fewer than k tokens): no arbitrary  *)
(* tie-break hides behind it.  See Greedy.tla for what that costs.          *)
TopK(scores, k) ==
    { t \in DOMAIN scores :
        Cardinality({ u \in DOMAIN scores : scores[u] > scores[t] }) < k }

(* The two atomic functions.                                               *)
(* train: any model of the model space may come out of training.           *)
Train == Model

(* infer: the next token is any of the top-K tokens of the context.        *)
Infer(model, context) == TopK(model[context], K)

(***************************************************************************)
(* A lazily trained model.  A behaviour only ever looks at the scores of   *)
(* the contexts it queries, so instead of choosing all of Model up front  *)
(* (|Score|^(|Tokens| * |Contexts|) models) a spec can choose the scores   *)
(* of a context the first time it is queried, and remember them.  The     *)
(* lazy model is a partial function: its domain is the contexts queried   *)
(* so far.  Same behaviours, far fewer states (compare Inference.cfg with  *)
(* InferenceLazy.cfg).                                                     *)
(***************************************************************************)
NotTrained == [c \in {} |-> [t \in Tokens |-> 0]]   \* nothing queried yet

(* The scores the lazy model can give context c: the remembered ones, or   *)
(* any scores at all if c was never queried.                               *)
ScoresFor(lazy, c) ==
    IF c \in DOMAIN lazy THEN { lazy[c] } ELSE [Tokens -> Score]

(* The lazy model once it has answered scores s for context c.             *)
Remember(lazy, c, s) ==
    [x \in DOMAIN lazy \cup {c} |-> IF x = c THEN s ELSE lazy[x]]

(* Is the partial model lazy consistent with (a restriction of) some model *)
(* in Model?  Yes by construction; this is its type invariant.             *)
IsLazyModel(lazy) ==
    /\ DOMAIN lazy \subseteq Contexts
    /\ \A c \in DOMAIN lazy : lazy[c] \in [Tokens -> Score]
=============================================================================
