"""Evaluation errors point at the failing expression: file:line:col, the source line and a caret."""
from click.testing import CliRunner

from mcheck.cli.main import main


def _run(tmp_path, name, body):
    (tmp_path / f"{name}.tla").write_text(f"---- MODULE {name} ----\n{body}\n====\n")
    return CliRunner().invoke(main, [str(tmp_path / f"{name}.tla")])


def test_function_applied_outside_its_domain_is_located(tmp_path):
    r = _run(tmp_path, "Dom", "EXTENDS Naturals\nVARIABLE x\nf == [i \\in 1..3 |-> i * 2]\n"
                              "Init == x = 0\nNext == x' = f[x + 4]")
    assert r.exit_code == 75
    assert "Attempted to access index 4 of tuple" in r.output
    assert "Dom.tla:6:14: note: the failing expression" in r.output
    assert "  Next == x' = f[x + 4]\n               ^^^^^^^^" in r.output
    assert "while evaluating: f[x + 4]" in r.output
    assert "Traceback" not in r.output


def test_adding_a_string_names_the_expression(tmp_path):
    r = _run(tmp_path, "Plus", "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + \"a\"")
    assert r.exit_code == 75
    assert "Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue" in r.output
    assert "Plus.tla:5:14: note: the failing expression" in r.output
    assert 'while evaluating: x + "a"' in r.output


def test_choose_without_witness_is_located(tmp_path):
    r = _run(tmp_path, "Ch", "EXTENDS Naturals\nVARIABLE x\nInit == x = CHOOSE i \\in 1..3 : i > 5\nNext == x' = x")
    assert r.exit_code == 75
    assert "no element of S satisfied P" in r.output
    assert "Ch.tla:4:13: note: the failing expression" in r.output


def test_initial_assignment_from_nat_gives_tlc_message_and_location(tmp_path):
    r = _run(tmp_path, "NatInit", "EXTENDS Naturals\nVARIABLE x\nInit == x \\in Nat\nNext == x' = x")
    assert r.exit_code == 75
    assert "In computing initial states, the right side of \\IN is not enumerable." in r.output
    assert "NatInit.tla:4:9: note: the failing expression" in r.output
    assert "Traceback" not in r.output


def test_next_state_assignment_from_nat_names_next_states(tmp_path):
    r = _run(tmp_path, "NatNext", "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' \\in Nat")
    assert r.exit_code == 75
    assert "In computing next states, the right side of \\IN is not enumerable." in r.output
    assert "NatNext.tla:5:9: note: the failing expression" in r.output


def test_quantifier_over_nat_gives_tlc_message_and_location(tmp_path):
    r = _run(tmp_path, "NatQ", "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == \\E n \\in Nat : x' = n")
    assert r.exit_code == 75
    assert "TLC encountered a non-enumerable quantifier bound\nNat.\n" in r.output
    assert "NatQ.tla:5:18: note: the failing expression" in r.output


def test_unbounded_recursion_is_located_at_the_recursive_call(tmp_path):
    r = _run(tmp_path, "Rec", "EXTENDS Naturals\nVARIABLE x\nRECURSIVE F(_)\n"
                              "F(n) == IF n = 0 THEN 0 ELSE 1 + F(n + 1)\nInit == x = F(3)\nNext == x' = x")
    assert r.exit_code == 75
    assert "The evaluation recursed too deeply." in r.output
    assert "Rec.tla:5:34: note: the failing expression" in r.output
    assert "Traceback" not in r.output and "RecursionError" not in r.output


def test_unbounded_recursive_function_in_a_step_is_located_with_its_trace(tmp_path):
    r = _run(tmp_path, "RecF", "EXTENDS Naturals\nVARIABLE x\nf[n \\in Nat] == IF n = 0 THEN 0 ELSE f[n + 1]\n"
                               "Init == x = 0\nNext == x' = f[x + 1]")
    assert r.exit_code == 75
    assert "The evaluation recursed too deeply." in r.output
    assert "RecF.tla:4:38: note: the failing expression" in r.output
    assert "State 1: <Initial predicate>" in r.output


def test_a_module_named_unlike_its_file_is_sany_s_error(tmp_path):
    (tmp_path / "Named.tla").write_text("---- MODULE Other ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n")
    (tmp_path / "Named.cfg").write_text("INIT Init\nNEXT Next\n")
    r = CliRunner().invoke(main, [str(tmp_path / "Named.tla")])
    assert r.exit_code == 150
    assert "Named.tla:1:1: error: File name 'Named' does not match the name 'Other' of the top level module it contains." in r.output
    r = CliRunner().invoke(main, ["parse", str(tmp_path / "Named.tla")])
    assert r.exit_code == 150 and "does not match the name 'Other'" in r.output


def test_an_assume_that_reads_a_variable_gives_tlc_message_not_a_traceback(tmp_path):
    # found by the fuzzer (seed 30592: MaxReal -> t in MCRealTimeHourClock)
    r = _run(tmp_path, "AsVar", "EXTENDS Naturals\nVARIABLE t\nR == 0..t\nASSUME 1 \\in R\nInit == t = 0\nNext == t' = t")
    assert "In evaluation, the identifier t is either undefined or not an operator." in r.output
    assert "AsVar.tla:4:9: note: the failing expression" in r.output
    assert "Traceback" not in r.output and "NoneType" not in r.output


def test_a_cycle_through_a_cfg_substitution_is_unbounded_recursion_not_a_traceback(tmp_path):
    # Test needs Op(1), the .cfg makes Op Lim, and Lim needs Test: TLC recurses until its stack
    # overflows; mcheck once called a definition whose body it was still compiling (NameError)
    (tmp_path / "Cycle.cfg").write_text("CONSTANT Op <- Lim\nINIT Init\nNEXT Next\n")
    r = _run(tmp_path, "Cycle", "EXTENDS Naturals\nCONSTANT Op(_)\nVARIABLE x\nTest == Op(1) + 1\n"
                                "Lim(n) == Test\nASSUME Test > 0\nInit == x = 0\nNext == x' = x")
    assert "The evaluation recursed too deeply." in r.output
    assert "Cycle.tla:5:9: note: the failing expression" in r.output
    assert "NameError" not in r.output and "Traceback" not in r.output


def test_check_rejects_a_use_before_definition_as_sany_does(tmp_path):
    # found by the fuzzer (seed 52558: val -> Next in AsynchInterface's Rcv): check compiled the
    # cycle Rcv -> Next -> Rcv and recursed in the compiler; SANY rejects the forward reference
    r = _run(tmp_path, "Fwd", "VARIABLE x\nInit == x = 0\nA == x' = x /\\ UNCHANGED Next\nNext == A")
    assert r.exit_code == 150
    assert "Fwd.tla:4:26: error: unknown operator 'Next'" in r.output
    assert "note: 'Next' is defined later, at line 5" in r.output
    assert "Traceback" not in r.output and "RecursionError" not in r.output


def test_an_operator_that_uses_itself_without_recursive_is_unknown_at_the_use(tmp_path):
    # found by the fuzzer (seed 54295: t -> BigNext inside BigNext's own definition)
    r = _run(tmp_path, "Self", "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x /\\ (Next => x > 0)")
    assert r.exit_code == 150
    assert "Self.tla:5:20: error: unknown operator 'Next'" in r.output
    assert "note: 'Next' is used in its own definition, at line 5" in r.output


def test_a_symmetry_set_that_holds_no_permutations_is_tlc_s_error(tmp_path):
    # found by the fuzzer (seed 52399: SYMMETRY MCSymmetry -> MCBallot, the set 0..1)
    (tmp_path / "Sym.cfg").write_text("INIT Init\nNEXT Next\nSYMMETRY S\n")
    r = _run(tmp_path, "Sym", "VARIABLE x\nS == {1, 2}\nInit == x = 0\nNext == x' = x")
    assert r.exit_code == 151
    assert "Sym.cfg:3:10: error: The symmetry operator must specify a set of functions." in r.output
    (tmp_path / "Sym.cfg").write_text("INIT Init\nNEXT Next\nSYMMETRY S\n")
    r = _run(tmp_path, "Sym", "VARIABLE x\nS == {[a |-> 1]}\nInit == x = 0\nNext == x' = x")
    assert "Symmetry function must have model values as domain and range." in r.output
    assert "Traceback" not in r.output
