"""Step 5: the same checks from pytest.  Run from the repository's root:

    python -m pytest -q -p mcheck.pytest_plugin examples/tutorial

mcheck's plugin turns every .cfg here into a test of its first line (``\\* expect: ...``); the
tests below are ordinary pytest functions calling ``mcheck.check``.  (Once mcheck is installed,
``-p mcheck.pytest_plugin`` is not needed: the plugin is registered as a pytest entry point.)
"""
import mcheck

HERE = "examples/tutorial"


def test_plain_append_lets_two_writers_land_at_the_same_expected_index():
    r = mcheck.check(f"{HERE}/Log.tla", f"{HERE}/Log.cfg")
    assert r.violation.name == "LandsWhereExpected"
    assert [m["at"] for m in r.trace.to_python()[-1]["log"]] == [1, 1]


def test_conditional_append_keeps_every_message_where_it_was_expected():
    assert mcheck.check(f"{HERE}/Log.tla", f"{HERE}/Log_Fixed.cfg").ok
