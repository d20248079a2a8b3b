"""Step 5: the same checks from Python.  Run from the repository's root:

    python examples/tutorial/check_log.py
"""
import mcheck

HERE = "examples/tutorial"

# The race (Log.cfg): a safety failure, with the counterexample as a list of states.
race = mcheck.check(f"{HERE}/Log.tla", f"{HERE}/Log.cfg")
print(race.result, race.violation.name, len(race.trace), "states")
print("last log:", race.trace.to_python()[-1]["log"])

# The fix under fairness (Log_Fair.cfg): no error, and the figures TLC would print.
fair = mcheck.check(f"{HERE}/Log.tla", f"{HERE}/Log_Fair.cfg")
print(fair.result, fair.distinct_states, "distinct states, depth", fair.depth, "exit code", fair.exit_code)
