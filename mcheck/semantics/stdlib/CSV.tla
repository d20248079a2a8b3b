-------------------------------- MODULE CSV --------------------------------
(***************************************************************************)
(* Comma- (or otherwise-) separated files, as in the TLA+ community        *)
(* modules.  mcheck evaluates every operator natively; the bodies below    *)
(* only give each name its arity.                                          *)
(*                                                                         *)
(*   CSVWrite(template, val, file): appends one line to file, the values   *)
(*     of the sequence val printed as TLA+ values (strings keep their      *)
(*     quotes) into the Java-style template ("%1$s#%2$s"); TRUE.           *)
(*   CSVRead(columns, delimiter, file): the lines of file as a sequence    *)
(*     of records, field columns[i] holding the i-th piece of the line     *)
(*     (as a string) when split at delimiter.                              *)
(*   CSVRecords(file): the number of lines in file, 0 when there is no     *)
(*     such file.                                                          *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers

CSVWrite(template, val, file) == TRUE

CSVRead(columns, delimiter, file) == CHOOSE s : TRUE

CSVRecords(file) == CHOOSE n \in Nat : TRUE
=============================================================================
