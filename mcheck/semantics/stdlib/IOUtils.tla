------------------------------ MODULE IOUtils -------------------------------
(***************************************************************************)
(* Input and output for TLA+ specs, as in the TLA+ community modules:      *)
(* running processes, reading the environment, writing and reading files.  *)
(*                                                                         *)
(* mcheck evaluates every operator of this module natively (real process  *)
(* and file I/O, as TLC's Java override does).  The definitions below fix *)
(* the arities and say what each value is.                                 *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences

\* What running a process gives.
LOCAL ExecResult == [exitValue : Int, stdout : STRING, stderr : STRING]

\* IOSerialize(val, file, compress) writes val to file (gzip-compressed when
\* compress is TRUE) and is TRUE; IODeserialize(file, compressed) reads such
\* a file back.  (mcheck's own format, not TLC's Java serialization.)
IOSerialize(val, absoluteFilename, compress) == TRUE

IODeserialize(absoluteFilename, compressed) == CHOOSE val : TRUE

\* Serialize(value, dest, options) writes value to the file dest with the
\* serializer options.format names; "TXT" writes the string value as text
\* (options: charset, openOptions such as <<"WRITE", "CREATE",
\* "TRUNCATE_EXISTING">> or <<"APPEND">>).  The result is a record like
\* IOExec's, exitValue 0 on success.
Serialize(value, dest, options) == CHOOSE r \in ExecResult : TRUE

\* Deserialize(src, options) reads the file src; with options.format "TXT"
\* the text comes back in the field stdout of the result record.
Deserialize(src, options) == CHOOSE r \in ExecResult : TRUE

-----------------------------------------------------------------------------
\* IOExec(<<"ls", "-l", "/tmp">>) runs the program with those arguments (no
\* shell, no quoting) and waits for it: [exitValue, stdout, stderr].
IOExec(command) == CHOOSE r \in ExecResult : TRUE

\* IOExec with the extra environment variables of the record env (values
\* that are not strings are printed as TLA+ values).
IOEnvExec(env, command) == CHOOSE r \in ExecResult : TRUE

\* IOExec of the command whose elements are printf-style templates, each
\* filled in with the strings of parameters (%s, %1$s, ...).
IOExecTemplate(commandTemplate, parameters) == CHOOSE r \in ExecResult : TRUE

IOEnvExecTemplate(env, commandTemplate, parameters) ==
  CHOOSE r \in ExecResult : TRUE

\* The environment of the checker's process: a record from variable names to
\* their string values (IOEnv.HOME; "K" \in DOMAIN IOEnv).
IOEnv == CHOOSE r \in [STRING -> STRING] : TRUE

\* The integer a string denotes: atoi("42") = 42, atoi("-7") = -7.
atoi(str) == CHOOSE i \in Int : ToString(i) = str

\* n in decimal with leading zeros up to width characters:
\* zeroPadN(42, 5) = "00042", zeroPadN(123, 2) = "123".
zeroPadN(n, width) ==
  LET s == ToString(n)
      Zeros[k \in Nat] == IF k = 0 THEN "" ELSE "0" \o Zeros[k - 1]
  IN  IF width <= Len(s) THEN s ELSE Zeros[width - Len(s)] \o s
=============================================================================
