-------------------------------- MODULE Json --------------------------------
(***************************************************************************)
(* JSON for TLA+ values, as in the TLA+ community modules.                 *)
(*                                                                         *)
(* mcheck evaluates every operator of this module natively; the bodies     *)
(* below only give each name its arity.                                    *)
(*   ToJson(v): v as a JSON string (sets and sequences become arrays,      *)
(*     records objects, other functions arrays of [key, value] pairs).     *)
(*   JsonSerialize(file, seq): writes seq as a JSON array; TRUE.           *)
(*   ndJsonSerialize(file, seq): one JSON value per line; TRUE.            *)
(*   JsonDeserialize(file), ndJsonDeserialize(file): read them back        *)
(*     (arrays become sequences, objects records).                         *)
(***************************************************************************)
LOCAL INSTANCE TLC

ToJson(value) == CHOOSE s : TRUE
ToJsonArray(value) == CHOOSE s : TRUE
ToJsonObject(value) == CHOOSE s : TRUE
JsonSerialize(absoluteFilename, value) == TRUE
JsonDeserialize(absoluteFilename) == CHOOSE v : TRUE
ndJsonSerialize(absoluteFilename, value) == TRUE
ndJsonDeserialize(absoluteFilename) == CHOOSE v : TRUE
=============================================================================
