---------------------------- MODULE SequencesExt -----------------------------
(***************************************************************************)
(* More operators on finite sequences, from the TLA+ community modules:    *)
(* conversions between sets and sequences, searching, inserting and        *)
(* removing, prefixes and suffixes, folds, flattening and zipping,         *)
(* sub-sequences and their replacement.                                    *)
(*                                                                         *)
(* mcheck evaluates most of these operators natively (as TLC's Java does,  *)
(* also on strings where TLC accepts them: IsPrefix, LongestCommonPrefix,  *)
(* ReplaceFirstSubSeq, ReplaceAllSubSeqs, FlattenSeq); the definitions     *)
(* below state their meaning.  Like the community module, this module      *)
(* EXTENDS Sequences, Naturals, FiniteSets, FiniteSetsExt, Folds,          *)
(* Functions and Bags, so their operators are visible to its users.        *)
(***************************************************************************)
EXTENDS Sequences, Naturals, FiniteSets, FiniteSetsExt, Folds, Functions, Bags
LOCAL INSTANCE TLC

-----------------------------------------------------------------------------
(* Sets and sequences *)

(* The set of the elements of s. *)
ToSet(s) == {s[i] : i \in DOMAIN s}

(* The bag of the elements of s: each element maps to how often it occurs. *)
ToBag(s) == [x \in ToSet(s) |-> Cardinality({i \in DOMAIN s : s[i] = x})]

(* A sequence holding each element of the finite set S once (TLC lists S   *)
(* in its normal order).                                                   *)
SetToSeq(S) == CHOOSE f \in [1..Cardinality(S) -> S] : IsInjective(f)

(* All the sequences holding each element of S once. *)
SetToSeqs(S) == {f \in [1..Cardinality(S) -> S] : IsInjective(f)}

(* The elements of S as a sequence sorted by the "less than" operator op. *)
SetToSortSeq(S, op(_,_)) == SortSeq(SetToSeq(S), op)

(* All sequences of distinct elements of S, of every length 0..|S|. *)
SetToAllKPermutations(S) == UNION {SetToSeqs(T) : T \in SUBSET S}

(* The sequences of length n over S (S \X S \X ... \X S). *)
TupleOf(S, n) == [1..n -> S]

(* The sequences of length at most n over S, <<>> included. *)
SeqOf(S, n) == UNION {[1..m -> S] : m \in 0..n}

(* Another name for SeqOf: the bounded counterpart of Seq(S). *)
BoundedSeq(S, n) == SeqOf(S, n)

-----------------------------------------------------------------------------
(* Elements *)

(* e occurs in s. *)
Contains(s, e) == \E i \in 1..Len(s) : s[i] = e

(* s backwards. *)
Reverse(s) == [i \in 1..Len(s) |-> s[Len(s) - i + 1]]

(* s without any occurrence of e. *)
Remove(s, e) == SelectSeq(s, LAMBDA x : x # e)

(* s with every occurrence of old replaced by new. *)
ReplaceAll(s, old, new) == [i \in 1..Len(s) |-> IF s[i] = old THEN new ELSE s[i]]

(* The index of the first element of s that satisfies Test; 0 if none. *)
SelectInSeq(s, Test(_)) ==
  LET I == {i \in 1..Len(s) : Test(s[i])}
  IN  IF I = {} THEN 0 ELSE Min(I)

(* The index in s of the first of s[from], ..., s[to] that satisfies Test; *)
(* 0 if none (TLC returns the index in s, not in the sub-sequence).        *)
SelectInSubSeq(s, from, to, Test(_)) ==
  LET I == {i \in from..to : Test(s[i])}
  IN  IF I = {} THEN 0 ELSE Min(I)

(* The index of the last element of s that satisfies Test; 0 if none. *)
SelectLastInSeq(s, Test(_)) ==
  LET I == {i \in 1..Len(s) : Test(s[i])}
  IN  IF I = {} THEN 0 ELSE Max(I)

(* The index in s of the last of s[from], ..., s[to] that satisfies Test; *)
(* 0 if none.                                                             *)
SelectLastInSubSeq(s, from, to, Test(_)) ==
  LET I == {i \in from..to : Test(s[i])}
  IN  IF I = {} THEN 0 ELSE Max(I)

(* s with e inserted at position i (the elements from i on move up one). *)
InsertAt(s, i, e) == SubSeq(s, 1, i - 1) \o <<e>> \o SubSeq(s, i, Len(s))

(* s with its i-th element replaced by e. *)
ReplaceAt(s, i, e) == [s EXCEPT ![i] = e]

(* s without its i-th element. *)
RemoveAt(s, i) == SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))

(* s without the first occurrence of e (s itself if e does not occur). *)
RemoveFirst(s, e) ==
  LET i == SelectInSeq(s, LAMBDA x : x = e)
  IN  IF i = 0 THEN s ELSE RemoveAt(s, i)

(* s without its first element that satisfies Test (s itself if none). *)
RemoveFirstMatch(s, Test(_)) ==
  LET i == SelectInSeq(s, Test)
  IN  IF i = 0 THEN s ELSE RemoveAt(s, i)

(* e put in front of s; e put at the end of s (arguments as for folds). *)
Cons(e, s) == <<e>> \o s

Snoc(e, s) == Append(s, e)

(* s without its last element; the last element of s. *)
Front(s) == SubSeq(s, 1, Len(s) - 1)

Last(s) == s[Len(s)]

-----------------------------------------------------------------------------
(* Prefixes and suffixes *)

(* s is an initial part of t; s is an initial part of t other than t. *)
IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, 1, Len(s)) = s

IsStrictPrefix(s, t) == IsPrefix(s, t) /\ s # t

(* s is a final part of t; s is a final part of t other than t. *)
IsSuffix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, Len(t) - Len(s) + 1, Len(t)) = s

IsStrictSuffix(s, t) == IsSuffix(s, t) /\ s # t

(* The prefixes of s, from <<>> to s itself. *)
Prefixes(s) == {SubSeq(s, 1, n) : n \in 0..Len(s)}

(* The sequences that are prefixes of every sequence in the set S. *)
CommonPrefixes(S) ==
  {p \in UNION {Prefixes(s) : s \in S} : \A s \in S : IsPrefix(p, s)}

(* The longest of the common prefixes of the (non-empty) set S. *)
LongestCommonPrefix(S) ==
  CHOOSE p \in CommonPrefixes(S) : \A q \in CommonPrefixes(S) : Len(q) <= Len(p)

(* The suffixes of s, from s itself to <<>>. *)
Suffixes(s) == {SubSeq(s, m, Len(s)) : m \in 1..Len(s) + 1}

-----------------------------------------------------------------------------
(* Folds *)

(* a % b, but in 1..b instead of 0..b-1: an index into a sequence of       *)
(* length b.                                                               *)
SeqMod(a, b) == IF a % b = 0 THEN b ELSE a % b

(* FoldFunction on a sequence: op(s[n], ... op(s[2], op(s[1], base))). *)
FoldSeq(op(_,_), base, s) == FoldFunction(op, base, s)

(* From the left: op(... op(op(base, s[1]), s[2]) ..., s[n]). *)
FoldLeft(op(_,_), base, s) ==
  LET RECURSIVE Step(_, _)
      Step(acc, i) == IF i > Len(s) THEN acc ELSE Step(op(acc, s[i]), i + 1)
  IN  Step(base, 1)

(* From the right: op(s[1], op(s[2], ... op(s[n], base) ...)). *)
FoldRight(op(_,_), s, base) ==
  LET RECURSIVE Step(_, _)
      Step(acc, i) == IF i = 0 THEN acc ELSE Step(op(s[i], acc), i - 1)
  IN  Step(base, Len(s))

(* FoldLeft and FoldRight over the indices 1..Len(s) instead of the        *)
(* elements.                                                               *)
FoldLeftDomain(op(_,_), base, s) == FoldLeft(op, base, [i \in DOMAIN s |-> i])

FoldRightDomain(op(_,_), s, base) == FoldRight(op, [i \in DOMAIN s |-> i], base)

-----------------------------------------------------------------------------
(* Flattening, zipping, sub-sequences *)

(* The concatenation seqs[1] \o seqs[2] \o ... \o seqs[n] (TLC also       *)
(* concatenates strings this way); <<>> for the empty sequence.           *)
FlattenSeq(seqs) ==
  LET RECURSIVE Cat(_)
      Cat(i) == IF i = 1 THEN seqs[1] ELSE Cat(i - 1) \o seqs[i]
  IN  IF Len(seqs) = 0 THEN seqs ELSE Cat(Len(seqs))

(* The pairs <<s[i], t[i]>>, as long as the shorter of s and t. *)
Zip(s, t) ==
  [i \in 1..(IF Len(s) <= Len(t) THEN Len(s) ELSE Len(t)) |-> <<s[i], t[i]>>]

(* For s and t of the same length n > 0, the sequence                     *)
(* << <<s[1]>>, <<t[1]>>, ..., <<s[n]>>, <<t[n]>> >>; for two empty        *)
(* sequences << <<>>, <<>> >>; undefined when the lengths differ.          *)
Interleave(s, t) ==
  CASE Len(s) = Len(t) /\ Len(s) > 0 ->
         [i \in 1..(2 * Len(s)) |-> IF i % 2 = 1 THEN <<s[(i + 1) \div 2]>>
                                                 ELSE <<t[i \div 2]>>]
    [] Len(s) = Len(t) /\ Len(s) = 0 -> << <<>>, <<>> >>

(* The contiguous parts of s, <<>> included. *)
SubSeqs(s) == {SubSeq(s, m, n) : m, n \in 1..Len(s)} \cup {<<>>}

(* Every sequence obtained by deleting any elements of s, <<>> and s       *)
(* included.                                                               *)
AllSubSeqs(s) == {FoldFunction(Snoc, <<>>, Restrict(s, D)) : D \in SUBSET DOMAIN s}

(* The position in t where the first occurrence of s starts (undefined if *)
(* s does not occur in t; 1 for s = <<>>).                                 *)
IndexFirstSubSeq(s, t) ==
  LET At(i) == SubSeq(t, i, i + Len(s) - 1) = s
  IN  CHOOSE i \in 1..(Len(t) - Len(s) + 1) : At(i) /\ \A j \in 1..(i - 1) : ~At(j)

(* t with the part s that starts at position i replaced by r. *)
ReplaceSubSeqAt(i, r, s, t) ==
  SubSeq(t, 1, i - 1) \o r \o SubSeq(t, i + Len(s), Len(t))

(* t with the first occurrence of s replaced by r (t if s does not occur). *)
ReplaceFirstSubSeq(r, s, t) ==
  IF s \in SubSeqs(t) THEN ReplaceSubSeqAt(IndexFirstSubSeq(s, t), r, s, t)
                      ELSE t

(***************************************************************************)
(* t with every occurrence of s replaced by r, scanning from the left and  *)
(* never replacing overlapping occurrences:                                *)
(*   ReplaceAllSubSeqs(<<2, 2>>, <<1, 1>>, <<1, 1, 1>>) = <<2, 2, 1>>      *)
(* An empty s is found before every element of t (and s = t gives r).     *)
(***************************************************************************)
ReplaceAllSubSeqs(r, s, t) ==
  LET RECURSIVE Scan(_)
      Scan(u) == IF Len(u) < Len(s) THEN u
                 ELSE IF SubSeq(u, 1, Len(s)) = s
                      THEN r \o Scan(SubSeq(u, Len(s) + 1, Len(u)))
                      ELSE <<u[1]>> \o Scan(Tail(u))
  IN  CASE s = t -> r
        [] r = s -> t
        [] Len(s) = 0 -> FlattenSeq([i \in 1..Len(t) |-> r \o <<t[i]>>])
        [] OTHER -> Scan(t)
=============================================================================
