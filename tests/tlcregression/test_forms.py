"""Forms TLC accepts that its regression models use (issue 14) and issue 13's leniencies, each checked
on a small spec: the answer is TLC's."""
from __future__ import annotations

from mcheck.checker.run import check_spec
from mcheck.syntax.parser import parse_expr


def test_config_section_of_the_tla_file_is_the_model(tmp_path):
    """TLC's ``-config Spec.tla``: the .cfg is the ``---- CONFIG ----`` section after the module."""
    tla = tmp_path / "Cfg.tla"
    tla.write_text("---- MODULE Cfg ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\n"
                   "Init == x = 0\nNext == x < N /\\ x' = x + 1\nSpec == Init /\\ [][Next]_x\n====\n"
                   "---- CONFIG Cfg ----\nSPECIFICATION Spec\nCONSTANT N = 4\nCHECK_DEADLOCK FALSE\n====\n")
    r = check_spec(str(tla), str(tla))
    assert (r.result, r.distinct_states, r.depth) == ("success", 5, 5)


def test_modules_written_after_the_first_can_be_instantiated(tmp_path):
    tla = tmp_path / "Outer.tla"
    tla.write_text("---- MODULE Outer ----\nEXTENDS Naturals\nVARIABLE x\nI == INSTANCE Later WITH y <- x\n"
                   "Init == x = 0\nNext == I!Step\n====\n\n"
                   "---- MODULE Later ----\nEXTENDS Naturals\nVARIABLE y\nStep == y < 2 /\\ y' = y + 1\n====\n")
    (tmp_path / "Outer.cfg").write_text("INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
    r = check_spec(str(tla), str(tmp_path / "Outer.cfg"))
    assert (r.result, r.distinct_states) == ("success", 3)


def test_a_cfg_may_assign_a_constant_the_spec_does_not_declare(check):
    r = check("Undeclared", "CONSTANT N\nVARIABLE x\nInit == x \\in 1..N\nNext == UNCHANGED x",
              "INIT Init\nNEXT Next\nCONSTANT N = 3\nM = 42")
    assert (r.result, r.distinct_states) == ("success", 3)


def test_module_specific_value_in_the_cfg(tmp_path):
    """``C = [M] v`` assigns v to M's definition C only (TLC's override of a module's definition)."""
    (tmp_path / "Inner.tla").write_text("---- MODULE Inner ----\nVal == 1\n====\n")
    (tmp_path / "Uses.tla").write_text("---- MODULE Uses ----\nVARIABLE x\nI == INSTANCE Inner\n"
                                       "Val == 2\nInit == x = <<I!Val, Val>>\nNext == UNCHANGED x\nInv == x = <<7, 2>>\n====\n")
    (tmp_path / "Uses.cfg").write_text("CONSTANT Val = [Inner] 7\nINIT Init\nNEXT Next\nINVARIANT Inv\n")
    r = check_spec(str(tmp_path / "Uses.tla"), str(tmp_path / "Uses.cfg"))
    assert (r.result, r.distinct_states) == ("success", 1)


def test_at_inside_a_nested_expression_of_an_except(check):
    r = check("AtNested", "VARIABLE r\nInit == r = [f |-> {1, 2, 3}]\n"
              "Next == r' = [r EXCEPT !.f = {x \\in @ : x > 1}]\nInv == 1 \\notin r.f",
              "INIT Init\nNEXT Next\nINVARIANT Inv")
    assert (r.result, r.violation.name, len(r.violation.trace)) == ("safety failure", "Inv", 1)


def test_action_composition_is_evaluated_in_actions(check):
    """``A \\cdot B``: an A step then a B step, as one step."""
    r = check("Compose", "VARIABLE x\nA == x' = x + 1\nB == x' = 2 * x\nInit == x = 1\n"
              "Next == A \\cdot B\nInv == x < 10",
              "INIT Init\nNEXT Next\nINVARIANT Inv")
    # 1 -> (1+1)*2 = 4 -> (4+1)*2 = 10
    assert (r.result, len(r.violation.trace)) == ("safety failure", 3)
    assert [str(s.state) for s in r.violation.trace] == ["(1,)", "(4,)", "(10,)"]


def test_bulleted_list_indented_with_tabs_lines_up_at_eight_column_stops(check):
    """SANY moves a tab to the next multiple of 8: a line of three tabs is right of ``  \\t/\\``."""
    body = "VARIABLE x\nInit == x = 0\nNext ==\n  \t/\\ x < 2\n  \t/\\ x' =\n\t\t\tx + 1"
    r = check("Tabs", body, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE")
    assert (r.result, r.distinct_states) == ("success", 3)


def test_box_action_with_the_empty_tuple_as_subscript(check):
    """BagsTest's dummy spec, with no variables: TLC checks it and finds no state."""
    r = check("EmptySub", "ASSUME 1 + 1 = 2\nSpec == [][TRUE]_<<>>", "SPECIFICATION Spec")
    assert (r.result, r.distinct_states) == ("success", 0)


def test_infix_and_postfix_operators_used_as_prefix_ones():
    assert str(parse_expr("+(4, 6) = 10")) == str(parse_expr("4 + 6 = 10"))
    assert str(parse_expr("^+(4)")) == str(parse_expr("4^+"))
    assert str(parse_expr("F!@@(4, 6)")).startswith("OpApp(op='F!@@'")
    assert str(parse_expr("F!:>(4, 6)")).startswith("OpApp(op='F!:>'")


def test_postconditions_are_all_checked(check):
    r = check("Posts", "VARIABLE x\nInit == x = 0\nNext == UNCHANGED x\nP1 == TRUE\nP2 == FALSE",
              "INIT Init\nNEXT Next\nPOSTCONDITIONS P1 P2")
    assert (r.result, r.exit_code) == ("assumption failure", 10)
    assert "P2" in (r.error or "")


def test_recursive_operator_as_initial_predicate_compiles(check):
    """Github649: Init == Flip(clock, FALSE, 1), a RECURSIVE operator that binds the variable."""
    r = check("Flip", "VARIABLE clock\nRECURSIVE Flip(_, _, _)\n"
              "Flip(v, b, n) == IF n = 0 THEN v = ~b ELSE Flip(v, b, n - 1)\n"
              "Init == Flip(clock, FALSE, 1)\nNext == clock' = ~clock",
              "INIT Init\nNEXT Next")
    assert (r.result, r.distinct_states) == ("success", 2)


def test_mutually_recursive_small_operators_are_called_not_inlined_forever(check):
    """test202: f(a) == ... g(a-1) and g(a) == f(a), both short enough to inline."""
    r = check("Mutual", "RECURSIVE g(_)\nf(a) == IF a = 0 THEN 1 ELSE a * g(a-1)\ng(a) == f(a)\n"
              "ASSUME g(4) = 24\nVARIABLE x\nInit == x = g(3)\nNext == UNCHANGED x",
              "INIT Init\nNEXT Next")
    assert (r.result, r.distinct_states) == ("success", 1)


def test_forall_in_init_binds_for_its_first_element_and_checks_the_others(check):
    """AssignmentInit: ``\\A val \\in S : (s = val /\\ s \\in S)`` holds for S = {2}, never for {6, 7}."""
    r = check("ForallInit", "VARIABLE s\nAll(v, S) == \\A val \\in S : (v = val /\\ v \\in S)\n"
              "Init == All(s, {2}) \\/ All(s, {6, 7})\nNext == UNCHANGED s",
              "INIT Init\nNEXT Next")
    assert (r.result, r.distinct_states) == ("success", 1)


def test_let_alias_of_a_variable_is_bound_through_the_alias(check):
    """Github798I: ``LET zz == xx IN Indirect(zz, yy)`` in Init and in Next (with x')."""
    body = ("VARIABLE x\nD(xx) == xx \\in {1, 2}\nI(xx) == LET zz == xx IN D(zz)\n"
            "Init == I(x)\nNext == I(x')")
    r = check("LetAlias", body, "INIT Init\nNEXT Next")
    assert (r.result, r.distinct_states) == ("success", 2)


def test_an_operator_priming_its_parameter_is_an_action_when_applied_to_a_variable(check):
    """test39: ``A1(c, d) == c' = [c EXCEPT ![1] = d']`` binds x in ``A1(x, y)``."""
    body = ("VARIABLE x, y\nA1(c, d) == c' = [c EXCEPT ![1] = d']\n"
            "Init == x = <<1, 2>> /\\ y = 1\nNext == y = 1 /\\ y' = 2 /\\ A1(x, y) /\\ x[1]' = 2")
    r = check("PrimeParam", body, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE")
    assert (r.result, r.distinct_states) == ("success", 2)


def test_an_action_level_property_is_tlcs_config_error(check):
    """ActionLevelPropA: PROPERTY x' > x is rejected before the search (exit 151)."""
    r = check("ActProp", "VARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\nSpec == Init /\\ [][Next]_x\n"
              "P == x' > x", "SPECIFICATION Spec\nPROPERTY P")
    assert (r.result, r.exit_code) == ("error", 151)
    assert "P is an action-level formula" in r.error


def test_an_invariant_with_primes_is_tlcs_invariant_error(check):
    """testinvalidinvariant: TLC exits 76 with its message."""
    r = check("PrimeInv", "VARIABLE x\nInit == x = 1\nNext == x' = x + 1\nInv == x' \\in Nat",
              "INIT Init\nNEXT Next\nINVARIANT Inv")
    assert (r.result, r.exit_code) == ("error", 76)
    assert "The invariant Inv is not a state predicate (one with no primes or temporal operators)." in r.error


def test_continue_goes_on_after_invariant_violations_and_reports_them(spec):
    """DoInitFunctorInvariantContinue: every initial state violates Inv; with -continue TLC explores
    all 11 states and ends with exit 0."""
    from tests.conftest import invoke
    path = spec("GoOn", "VARIABLE x\nInit == x \\in 1..10\nNext == x' = 0\nInv == x \\notin Nat",
                "INIT Init\nNEXT Next\nINVARIANT Inv")
    r = check_spec(path, keep_going=True, no_deadlock=True)
    assert (r.result, r.exit_code, r.distinct_states, r.depth) == ("success", 0, 11, 2)
    assert r.error.splitlines()[0] == "Invariant Inv is violated."
    out = invoke("check", path, "--continue", "--no-deadlock")
    assert out.exit_code == 0 and "Error: Invariant Inv is violated by the initial state:" in out.output


def test_possible_counts_every_generated_state_and_step_that_satisfies_it(check):
    """``_POSSIBLE P`` in the .cfg (TLC's _Possible module): P is counted on every generated state
    (an action on every step); the counts are the named register "s:_possible"."""
    r = check("Possible", "VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\nAtOne == x = 1\n"
              "Wrap == x = 2 /\\ x' = 0\n"
              "Post == TLCGet(\"all:named\")[\"s:_possible\"] = <<[AtOne |-> 1, Wrap |-> 1]>>\n"
              "Counts == _Counts = [AtOne |-> 1, Wrap |-> 1]",
              "INIT Init\nNEXT Next\n_POSSIBLE AtOne Wrap\nPOSTCONDITIONS Post Counts",
              extends="Naturals, TLC, _Possible")
    assert (r.result, r.distinct_states) == ("success", 3)


def test_a_possible_predicate_never_witnessed_is_a_false_postcondition(check):
    r = check("Never", "VARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\nBig == x' = x + 5",
              "INIT Init\nNEXT Next\n_POSSIBLE Big\nCHECK_DEADLOCK FALSE", extends="Naturals, TLC")
    assert (r.result, r.exit_code, r.violation.name) == ("assumption failure", 10, "Big")


def test_a_primed_variable_subseteq_a_set_takes_every_subset(check):
    """TLC binds ``x' \\subseteq S`` (and ``x \\subseteq S`` in Init) as ``\\in SUBSET S``."""
    r = check("Subs", "VARIABLE x\nInit == x \\subseteq {1}\nNext == x' \\subseteq {1, 2}",
              "INIT Init\nNEXT Next")
    assert (r.result, r.distinct_states, r.depth) == ("success", 4, 2)


_LASSO = ("VARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n"
          "Spec == Init /\\ [][Next]_x /\\ WF_x(Next)\nProp == <>(x = 5)\n")


def test_postcondition_sees_the_liveness_counterexample_and_the_verdict_stays(check):
    """TLC evaluates a POSTCONDITION after a violation with TLCExt's CounterExample bound to it: the
    states <<i, s>>, the steps between them and, for a stuttering lasso, the step that stays."""
    r = check("Lasso", _LASSO + "Post == /\\ ToTrace(CounterExample) = <<[x |-> 0], [x |-> 1], [x |-> 2]>>\n"
              "  /\\ Cardinality(CounterExample.action) = 3\n"
              "  /\\ <<<<3, [x |-> 2]>>, CHOOSE a \\in {e[2] : e \\in CounterExample.action} : TRUE, <<3, [x |-> 2]>>>>"
              " \\in CounterExample.action\n"
              "  /\\ \\A e \\in CounterExample.action : e[2].name = \"Next\" /\\ e[2].location.module = \"Lasso\"",
              "SPECIFICATION Spec\nPROPERTY Prop\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE", extends="Naturals, FiniteSets, TLC, TLCExt")
    assert (r.result, r.exit_code, len(r.violation.trace)) == ("liveness failure", 13, 4)
    assert "Postcondition" not in r.error


def test_a_false_postcondition_after_a_violation_is_reported_beside_it(check):
    r = check("LassoFalse", _LASSO + "Post == CounterExample.state = {}",
              "SPECIFICATION Spec\nPROPERTY Prop\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE", extends="Naturals, TLC, TLCExt")
    assert (r.result, r.exit_code) == ("liveness failure", 13)
    assert r.error.endswith("Postcondition Post is false.")


def test_on_success_the_counterexample_is_empty(check):
    r = check("NoCE", "VARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n"
              "Post == CounterExample = [state |-> {}, action |-> {}] /\\ ToTrace(CounterExample) = <<>>",
              "INIT Init\nNEXT Next\nPOSTCONDITION Post", extends="Naturals, TLC, TLCExt")
    assert (r.result, r.distinct_states) == ("success", 1)


def test_dyadic_rationals_add_and_halve_as_the_community_module(check):
    r = check("Dy", "VARIABLE x\nInit == x = Half(One)\nNext == UNCHANGED x\n"
              "Inv == /\\ Add(x, Half(x)) = [num |-> 3, den |-> 4] /\\ Add(x, x) = One /\\ IsDyadicRational(x)\n"
              "       /\\ PrettyPrint(Add(Zero, Half(x))) = \"1/4\"",
              "INIT Init\nNEXT Next\nINVARIANT Inv", extends="Naturals, DyadicRationals")
    assert (r.result, r.distinct_states) == ("success", 1)


def test_a_temporal_next_state_relation_is_an_error_only_when_evaluated(check):
    """TLC's StandardModules model: NEXT names [][...]_x, but no initial state needs a successor."""
    body = "VARIABLE x\nInit == {init}\nNext == [][x' = x]_x"
    r = check("TNext", body.format(init="FALSE /\\ x = 0"), "INIT Init\nNEXT Next")
    assert (r.result, r.distinct_states) == ("success", 0)
    r = check("TNext2", body.format(init="x = 0"), "INIT Init\nNEXT Next")
    assert (r.result, r.exit_code) == ("error", 75)
    assert "temporal formula" in r.error


def test_a_primed_let_operator_application_primes_its_body(check):
    """TLC's test21: ``LET LetOp(a) == x + a IN LetOp(1)'`` is ``x' + 1``."""
    r = check("LetPrime", "VARIABLE x\nInit == x = 1\nNext == x' = x + 1 /\\ x' < 3\n"
              "Step == [][LET LetOp(a) == x + a IN LetOp(1)' = x' + 1]_x",
              "INIT Init\nNEXT Next\nPROPERTY Step\nCHECK_DEADLOCK FALSE")
    assert (r.result, r.distinct_states) == ("success", 2)


def test_tlcget_config_tells_whether_deadlock_is_checked(check):
    r = check("Cfg", "ASSUME TLCGet(\"config\").deadlock = FALSE\nVARIABLE x\nInit == x = 0\nNext == FALSE",
              "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE", extends="Naturals, TLC")
    assert (r.result, r.distinct_states) == ("success", 1)


def test_a_primed_variable_is_found_through_definitions_and_instances(tmp_path):
    """TLC's getPrimedVar and getVar look through 0-ary definitions: ``I!F \\in S`` with F == x' and
    ``I!G' = 0`` with G == x bind the instance's variable inside ENABLED (Github725c, Github725e)."""
    (tmp_path / "Inner.tla").write_text("---- MODULE Inner ----\nVARIABLE x\nF == x'\nG == x\n====\n")
    (tmp_path / "Outer.tla").write_text("---- MODULE Outer ----\nVARIABLE a\nI == INSTANCE Inner WITH x <- a\n"
                                        "Init == a = 0\nNext == UNCHANGED a\n"
                                        "Inv == ENABLED (I!F \\in {0, 1}) /\\ ENABLED (I!G' = 0)\n====\n")
    (tmp_path / "Outer.cfg").write_text("INIT Init\nNEXT Next\nINVARIANT Inv\n")
    r = check_spec(str(tmp_path / "Outer.tla"), str(tmp_path / "Outer.cfg"))
    assert (r.result, r.distinct_states) == ("success", 1)


def test_a_function_whose_values_are_actions_is_applied_in_the_action(check):
    """TLC's coverage/I: ``N[n \\in S] == UNCHANGED x`` used as ``\\E i \\in S : N[i]``."""
    r = check("FcnAct", "VARIABLE x\nN[n \\in {1, 2}] == x' = x + n\nInit == x = 0\n"
              "Next == x < 4 /\\ \\E i \\in {1, 2} : N[i]",
              "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE")
    assert (r.result, r.distinct_states) == ("success", 6)


def test_functions_over_infinite_domains_with_tuple_bounds_and_except(check):
    """TLC's test10: ``f[i \\in Int, <<k, l>> \\in Int \\X Int]``, ``[i, j \\in Int |-> i + j]`` and
    EXCEPT on a function over Int are evaluated lazily, point by point."""
    r = check("Lazy", "f[i \\in Int, <<k, l>> \\in Int \\X Int, m \\in {5}] == i + 2 * k + 3 * l + m\n"
              "g[i \\in Int] == i + 2\n"
              "ASSUME /\\ f[1, <<2, 3>>, 5] = 19 /\\ f[<<1, <<2, 3>>, 5>>] = 19\n"
              "       /\\ [i, j \\in Int |-> i + j][3, 4] = 7\n"
              "       /\\ [g EXCEPT ![3] = @ + 10][3] = 15 /\\ [g EXCEPT ![3] = @ + 10][4] = 6\n"
              "VARIABLE x\nInit == x = 0\nNext == UNCHANGED x",
              "INIT Init\nNEXT Next", extends="Integers")
    assert (r.result, r.distinct_states) == ("success", 1)


def test_a_parameterised_instance_spec_is_a_property(tmp_path):
    """``P(2)!Spec`` with ``P(n) == INSTANCE M WITH S <- n :> S[n]`` (gh1134): the substitution sees
    n, and the instance's Spec is split into its initial predicate and its [][Next]_S."""
    (tmp_path / "One.tla").write_text("---- MODULE One ----\nEXTENDS Naturals\nVARIABLE S\nInit == S = [u \\in DOMAIN S |-> 0]\n"
                                      "Next == \\E u \\in DOMAIN S : S' = [S EXCEPT ![u] = 1]\n"
                                      "Spec == Init /\\ [][Next]_S\n====\n")
    (tmp_path / "Many.tla").write_text("---- MODULE Many ----\nEXTENDS Naturals, TLC\nVARIABLE S\nP(n) == INSTANCE One WITH S <- n :> S[n]\n"
                                       "Init == S = <<0, 0>>\nNext == \\E u \\in 1..2 : S' = [S EXCEPT ![u] = 1]\n"
                                       "Spec == Init /\\ [][Next]_S\nProp == P(2)!Spec\n====\n")
    (tmp_path / "Many.cfg").write_text("SPECIFICATION Spec\nPROPERTY Prop\n")
    r = check_spec(str(tmp_path / "Many.tla"), str(tmp_path / "Many.cfg"), no_deadlock=True)
    assert (r.result, r.distinct_states) == ("success", 4)
    (tmp_path / "Many.tla").write_text((tmp_path / "Many.tla").read_text().replace("S' = [S EXCEPT ![u] = 1]",
                                                                                   "S' = [S EXCEPT ![u] = 2]"))
    r = check_spec(str(tmp_path / "Many.tla"), str(tmp_path / "Many.cfg"), no_deadlock=True)
    assert (r.result, r.violation.name) == ("safety failure", "Prop")   # user 2's step is no One step


def test_a_recursive_operator_passed_to_a_boxed_property_is_an_invariant(check):
    """Github1161: ``Double(ns(_), a) == [](ns(a))`` applied to a RECURSIVE operator is checked as an
    invariant (TLC reports a safety failure, with the state that violates it)."""
    r = check("Rec", "VARIABLE s\nInit == s = 0\nNext == s' = (s + 1) % 8\nSpec == Init /\\ [][Next]_s\n"
              "RECURSIVE R(_)\nR(n) == IF n = 3 THEN FALSE ELSE IF n = 0 THEN TRUE ELSE R(n - 1)\n"
              "Box(ns(_), a) == [](ns(a))\nProp == Box(R, s)",
              "SPECIFICATION Spec\nPROPERTY Prop")
    assert (r.result, r.violation.name, len(r.violation.trace)) == ("safety failure", "Prop", 4)


def test_a_property_written_through_an_operator_is_named_after_it(check):
    """LetDef1Boxed, LetDef2Boxed: ``x1([][x']_x0)`` (x1 defined by LET or in the module, or given as
    a parameter ``F(_)``) is the action property [][x']_x0; TLC names its violation after x1 (after
    the parameter when one was applied); a SPECIFICATION written so is the behaviour it stands for."""
    body = ("VARIABLE x\nInit == x = TRUE\nNext == x' = ~x\nSpec == Init /\\ [][Next]_x\nx1(a) == a\n"
            "Prop == LET y1(a) == a IN y1([][x']_x)\nx2(F(_)) == F([][x']_x)\nProp2 == x2(x1)\n"
            "Spec4 == x1(Init /\\ [][Next]_x)")
    r = check("Boxed", body, "SPECIFICATION Spec\nPROPERTY Prop")
    assert (r.result, r.violation.name, len(r.violation.trace)) == ("safety failure", "y1", 2)
    r = check("Boxed2", body, "SPECIFICATION Spec\nPROPERTY Prop2")
    assert (r.result, r.violation.name) == ("safety failure", "F")
    r = check("Boxed3", body, "SPECIFICATION Spec4")
    assert (r.result, r.distinct_states) == ("success", 2)


def test_asking_whether_a_non_string_is_in_string_is_an_error(check):
    """TLC's etest11: ``1 \\in STRING`` is TLC's error, not FALSE (as ``<<3>> \\in Int`` is)."""
    r = check("Str", "VARIABLE x\nInit == x = 1 /\\ (x \\in STRING) = FALSE\nNext == UNCHANGED x",
              "INIT Init\nNEXT Next")
    assert (r.result, r.exit_code) == ("error", 75)
    assert "is an element of STRING" in r.error


def test_a_constraint_that_is_not_a_boolean_is_an_error(check):
    """DoInitFunctorEvalException: a CONSTRAINT whose value is {} is TLC's error (exit 75), not FALSE."""
    r = check("NotBool", "VARIABLE x\nInit == x \\in 1..3\nNext == x' = 0\nF(a) == {}\nC == F(x)",
              "INIT Init\nNEXT Next\nCONSTRAINT C")
    assert (r.result, r.exit_code) == ("error", 75)
    assert "TLC expected a boolean value, but did not find one." in r.error


def test_a_constant_substituted_with_a_state_level_operator_is_a_config_error(check):
    """etest7: ``C <- Foo`` with ``Foo == x`` is TLC's configuration error (exit 151)."""
    r = check("NonConst", "CONSTANT C\nVARIABLE x\nFoo == x\nInit == x = 2\nNext == x' = C",
              "INIT Init\nNEXT Next\nCONSTANT C <- Foo")
    assert (r.result, r.exit_code) == ("error", 151)
    assert "substitutes constant C with non-constant Foo" in r.error


def test_a_constraint_that_fails_to_evaluate_is_a_general_error(check):
    """TLC's EvalExceptionTest (DistBakery): an error in a CONSTRAINT on a successor exits 255, not
    75 as an error in Next would, and the behaviour shown ends with that successor."""
    body = ("VARIABLE x\nInit == x = 0\nNext == x' = IF x = 2 THEN \"two\" ELSE x + 1\n"
            "Small == x <= 5")
    for workers in (1, 2):
        r = check("BadConstraint", body, "INIT Init\nNEXT Next\nCONSTRAINT Small", workers=workers)
        assert (r.result, r.exit_code) == ("error", 255)
        assert "The first argument of <= should be an integer" in r.error
        assert [str(s.state) for s in r.violation.trace] == ["(0,)", "(1,)", "(2,)", "('two',)"]


def test_an_error_in_the_next_state_relation_still_exits_75(check):
    r = check("BadNext", "VARIABLE x\nInit == x = 0\nNext == x' = x + \"a\"", "INIT Init\nNEXT Next")
    assert (r.result, r.exit_code) == ("error", 75)


def test_positional_selectors_name_operands_of_a_definition(check):
    """TLC's test216: ``Thm!:`` is the statement, ``!<<``/``!>>`` the first and last operand, ``!n``
    the n-th (of an infix operator, a bulleted list, a tuple, an IF), and selectors compose."""
    body = ("VARIABLE x\nTHEOREM Thm == x \\in 0..3\nBig == 5 => /\\ x = 0\n            /\\ <<7, 8>>\n"
            "Cond == IF x = 0 THEN 10 ELSE 20\n"
            "Init == Thm!: \\/ FALSE\nNext == x' = (x + 1) % 4\n"
            "Inv == /\\ Thm!<< = x /\\ Thm!>> = 0..3 /\\ Thm!1 = x /\\ Big!<< = 5\n"
            "       /\\ Big!2!2!1 = 7 /\\ Big!>>!2!2 = 8 /\\ Cond!1 = (x = 0) /\\ Cond!3 = 20")
    r = check("Selectors", body, "INIT Init\nNEXT Next\nINVARIANT Inv")
    assert (r.result, r.distinct_states) == ("success", 4)


def test_a_selector_that_names_no_part_is_an_error(check):
    r = check("NoPart", "VARIABLE x\nPair == <<1, 2>>\nInit == x = Pair!3\nNext == UNCHANGED x",
              "INIT Init\nNEXT Next")
    assert (r.result, r.exit_code) == ("error", 150)
    assert "Pair!3" in r.error


def test_prefix_and_postfix_operators_are_operator_arguments(check):
    """TLC's test52: ``~``, ``SUBSET``, ``DOMAIN``, ``UNCHANGED``, ``'`` passed for a parameter F(_);
    ``Boxed([])`` parses (test52 defines it and uses it nowhere)."""
    body = ("VARIABLE x\nSetOp(F(_)) == F({{1}, {2}})\nDom(F(_)) == F([i \\in {3} |-> i])\n"
            "Unch(F(_)) == F(x)\nPrimed(F(_)) == F(x) = x\nBoxed(F(_)) == F(x = 0)\nNeg(F(_)) == F(x = 1)\n"
            "ASSUME SetOp(SUBSET) = {{}, {{1}}, {{2}}, {{1}, {2}}} /\\ SetOp(UNION) = {1, 2}\n"
            "ASSUME Dom(DOMAIN) = {3}\n"
            "Init == x = 0\nNext == x' = 1 - x\nUnused == Boxed([])\nInv == Neg(~)\n"
            "Stay == Unch(UNCHANGED) /\\ Primed(')\nSpec == Init /\\ [][Next]_x")
    r = check("OpArgs", body, "SPECIFICATION Spec\nINVARIANT Inv")
    assert (r.result, r.violation.name, len(r.violation.trace)) == ("safety failure", "Inv", 2)
    r = check("OpArgsStep", body.replace("Inv == Neg(~)", "Inv == TRUE"),
              "SPECIFICATION Spec\nINVARIANT Inv\nACTION_CONSTRAINT Stay")
    assert (r.result, r.distinct_states) == ("success", 1)   # x' = 1 - x leaves the model
    r = check("OpArgsFail", body.replace("= {3}", "= {4}"), "SPECIFICATION Spec")
    assert r.result == "assumption failure"


def test_an_operator_argument_that_primes_is_substituted_not_applied_to_values(check):
    """TLA+ substitutes arguments: with Op(F(_)) == F(x) and G(a) == a' = a, Op(G) is x' = x.  It
    was evaluated as G applied to x's value, and the prime of a value is the value: an
    ACTION_CONSTRAINT Op(G) let every step through (2 distinct states instead of TLC's 1)."""
    body = ("VARIABLE x\nOp(F(_)) == F(x)\nG(a) == a' = a\nUnch(F(_)) == F(x)\n"
            "Init == x = 0\nNext == x' = 1 - x\n"
            "ByName == Op(G)\nByLambda == Op(LAMBDA a : a' = a)\nByBuiltin == Unch(UNCHANGED)\n"
            "ByPrime == Op(') = x")
    for name in ("ByName", "ByLambda", "ByBuiltin", "ByPrime"):
        r = check("Subst" + name, body, f"INIT Init\nNEXT Next\nACTION_CONSTRAINT {name}")
        assert (name, r.result, r.distinct_states) == (name, "success", 1)


LEGAL_TEMPORAL = ["x ~> []x", "x -+-> []x", "<><<x'>>_x", "[][x']_x", "\\A i \\in {}, j \\in x : []x",
                  "\\E i \\in {}, j \\in x : []x", "\\A i \\in x' : x'", "[]<>(ENABLED (x' = x))"]
ILLEGAL_TEMPORAL = ["x' ~> []x", "[]x ~> x'", "x' -+-> []x", "[]x -+-> x'", "<>(x')", "[](x')",
                    "\\A i \\in {}, j \\in x' : []x", "\\E i \\in {}, j \\in x' : []x", "[](UNCHANGED x)"]


def test_temporal_operators_applied_to_actions_are_level_errors(check):
    """TLC's test215 (SANY's level rules): no raw TLA, in a definition nobody uses too; exit 150."""
    for i, e in enumerate(LEGAL_TEMPORAL + ILLEGAL_TEMPORAL):
        r = check(f"Lv{i}", f"VARIABLE x\nInit == x = 0\nNext == x' = x\nD == {e}", "INIT Init\nNEXT Next")
        want = ("success", 0) if e in LEGAL_TEMPORAL else ("error", 150)
        assert (e, r.result, r.exit_code) == (e, *want)
        if e in ILLEGAL_TEMPORAL:
            assert "Level error" in r.error


def _instantiating(tmp_path, name: str, inner: str, outer: str):
    (tmp_path / "Inner.tla").write_text(f"---- MODULE Inner ----\n{inner}\n====\n")
    (tmp_path / f"{name}.tla").write_text(f"---- MODULE {name} ----\nVARIABLE x\nInit == x = 0\n"
                                         f"Next == x' = x\n{outer}\n====\n")
    (tmp_path / f"{name}.cfg").write_text("INIT Init\nNEXT Next\n")
    return check_spec(str(tmp_path / f"{name}.tla"), str(tmp_path / f"{name}.cfg"))


def test_a_temporal_formula_for_a_constant_an_assume_mentions_is_a_level_error(tmp_path):
    """TLC's test213: INSTANCE M WITH C <- [](x=0), where M has ASSUME C = {} (an action is allowed)."""
    inner = "CONSTANT C, D\nASSUME C = {}"
    r = _instantiating(tmp_path, "T1", inner, "I == INSTANCE Inner WITH C <- [](x=0), D <- TRUE")
    assert (r.result, r.exit_code) == ("error", 150) and "Level error" in r.error
    r = _instantiating(tmp_path, "T2", inner, "I == INSTANCE Inner WITH C <- x', D <- [](x=0)")
    assert (r.result, r.exit_code) == ("success", 0)


def test_an_action_for_a_variable_the_used_definition_primes_is_a_level_error(tmp_path):
    """TLC's test217: I(x')!Foo with I(z) == INSTANCE M WITH y <- z and Foo == y' = 0."""
    inner = "VARIABLE y\nFoo == y' = 0\nBar == y = 0"
    r = _instantiating(tmp_path, "T3", inner, "I(z) == INSTANCE Inner WITH y <- z\nFooBar == I(x')!Foo")
    assert (r.result, r.exit_code) == ("error", 150) and "Level error" in r.error
    r = _instantiating(tmp_path, "T4", inner, "I(z) == INSTANCE Inner WITH y <- z\nOk == I(x')!Bar /\\ I(x)!Foo")
    assert (r.result, r.exit_code) == ("success", 0)


def test_use_and_hide_name_facts_not_expressions(check):
    """TLC's test214 (SANY): USE bar, USE DEF Op, USE MODULE M are fine; USE bar!1, HIDE TRUE are not."""
    head = "VARIABLE x\nTHEOREM bar == <<1, 2>>\nInit == x = 0\nNext == x' = x\n"
    for i, use in enumerate(["USE bar", "USE bar DEF Init", "USE DEF Init, Next", "HIDE bar",
                             "USE MODULE Naturals", "USE ONLY bar"]):
        r = check(f"Use{i}", head + use, "INIT Init\nNEXT Next")
        assert (use, r.result) == (use, "success")
    for i, use in enumerate(["USE bar, bar!1", "HIDE bar, TRUE", "USE x = 0"]):
        r = check(f"Bad{i}", head + use, "INIT Init\nNEXT Next")
        assert (use, r.result, r.exit_code) == (use, "error", 150)


def test_a_constant_operator_is_substituted_by_a_leibniz_operator_only(tmp_path):
    """TLC's test212: CONSTANT Op(_) may not be given NonLeibniz(a) == a' (or ENABLED a, a LAMBDA
    that primes its parameter); an operator that primes a variable only is Leibniz."""
    inner = "CONSTANT Op(_)"
    good = "Leibniz(a) == {a, x'}\nI == INSTANCE Inner WITH Op <- Leibniz"
    assert _instantiating(tmp_path, "L1", inner, good).result == "success"
    for i, bad in enumerate(["NonL(a) == a'\nI == INSTANCE Inner WITH Op <- NonL",
                             "NonL(a) == ENABLED a\nI == INSTANCE Inner WITH Op <- NonL",
                             "I == INSTANCE Inner WITH Op <- LAMBDA a : UNCHANGED a"]):
        r = _instantiating(tmp_path, f"N{i}", inner, bad)
        assert (bad, r.exit_code) == (bad, 150) and "not Leibniz" in r.error


def test_cardinality_of_a_large_lazy_set_is_computed_and_overflows_as_in_tlc(check):
    """TLC's etest13: Cardinality([0..2 -> 1..2000]) is 8*10^9, more than TLC's int: an error of the
    assumption (exit 10), where mcheck enumerated the functions and never answered.  Smaller ones
    are computed, not enumerated."""
    r = check("Card", "VARIABLE x\nASSUME Cardinality(SUBSET (1..20)) = 2^20\n"
              "ASSUME Cardinality([1..3 -> 1..100]) = 10^6\nASSUME Cardinality((1..1000) \\X (1..1000)) = 10^6\n"
              "Init == x = Cardinality([1..2 -> 1..1000])\nNext == UNCHANGED x",
              "INIT Init\nNEXT Next", extends="Naturals, FiniteSets")
    assert (r.result, r.distinct_states) == ("success", 1)
    r = check("CardOver", "VARIABLE x\nASSUME Cardinality([0..2 -> 1..2000]) > 0\nInit == x = 0\nNext == UNCHANGED x",
              "INIT Init\nNEXT Next", extends="Naturals, FiniteSets")
    assert (r.result, r.exit_code) == ("assumption failure", 10)
    assert "Overflow when computing the number of elements" in r.error


def test_subset_of_a_powerset_compares_the_bases(check):
    """TLC's SubsetEq: SUBSET (1..23) \\subseteq SUBSET (1..42) without enumerating 2^23 subsets."""
    body = ("VARIABLE b\nInit == b = TRUE\n"
            "Next == b' = /\\ SUBSET (1..23) \\subseteq SUBSET (1..42)\n"
            "             /\\ ~(SUBSET (1..42) \\subseteq SUBSET (2..42))\n"
            "             /\\ SUBSET {} \\subseteq SUBSET {}\n"
            "             /\\ ~(SUBSET {1} \\subseteq SUBSET {})\n"
            "             /\\ SUBSET {1} \\subseteq SUBSET Nat\nInv == b")
    r = check("SubsetEq", body, "INIT Init\nNEXT Next\nINVARIANT Inv", extends="Integers")
    assert (r.result, r.distinct_states, r.states_generated) == ("success", 1, 2)


def test_a_state_holding_a_set_too_large_to_count_is_an_evaluation_error(check):
    """TLC's FingerprintExceptionNext: x' = SUBSET SUBSET (1..32) cannot be fingerprinted (TLC's
    overflow, exit 75, the behaviour up to the state whose successor failed); mcheck enumerated it."""
    r = check("HugeState", "VARIABLE x\nInit == x = 0\nNext == x' = SUBSET SUBSET (1..32)", "INIT Init\nNEXT Next")
    assert (r.result, r.exit_code, r.distinct_states, r.states_generated) == ("error", 75, 1, 2)
    assert "Overflow when computing the number of elements" in r.error
    assert len(r.violation.trace) == 1
    r = check("BigState", "VARIABLE x\nInit == x = 0\nNext == x' = SUBSET (1..10)", "INIT Init\nNEXT Next")
    assert (r.result, r.distinct_states) == ("success", 2)


def test_a_definition_applying_a_priming_operator_argument_is_an_action(check):
    """TLC's test52: ImpliedAction == UnchangedTest(UNCHANGED) /\\ PrimeTest(') is an action (its
    level was the state level of Foo(x), so it was compiled without a next state)."""
    body = ("VARIABLE x, y\nInit == x = 0 /\\ y = 0\nUnch(Foo(_)) == Foo(x)\nPrimed(Foo(_)) == Foo(x) = x\n"
            "Implied == Unch(UNCHANGED) /\\ Primed(')\nProperty == [][Implied]_<<x, y>>\n"
            "Spec == Init /\\ [][NEXT]_<<x, y>>")
    r = check("Implied", body.replace("NEXT", "y' = 1 - y /\\ x' = x"), "SPECIFICATION Spec\nPROPERTY Property")
    assert (r.result, r.distinct_states) == ("success", 2)
    r = check("ImpliedBad", body.replace("NEXT", "x' = 1 - x /\\ y' = y"), "SPECIFICATION Spec\nPROPERTY Property")
    assert (r.result, r.violation.name, len(r.violation.trace)) == ("safety failure", "Property", 2)
