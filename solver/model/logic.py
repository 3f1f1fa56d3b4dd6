"""Literals that may be Python constants: negation, conjunction and reified equality, with the
constants folded away so that a window which already decided a literal adds nothing to the model."""

from __future__ import annotations

from ortools.sat.python import cp_model

Lit = cp_model.IntVar | bool


def neg(literal: Lit) -> Lit:
    """The negation of a literal or a constant."""
    if isinstance(literal, bool):
        return not literal
    return ~literal


def both(model: cp_model.CpModel, a: Lit, b: Lit, name: str = "both") -> Lit:
    """A literal equal to a AND b."""
    if a is False or b is False:
        return False
    if a is True:
        return b
    if b is True:
        return a
    literal = model.new_bool_var(name)
    model.add_bool_and([a, b]).only_enforce_if(literal)
    model.add_bool_or([~a, ~b]).only_enforce_if(~literal)
    return literal


def equals(model: cp_model.CpModel, expression: cp_model.LinearExprT, value: int, name: str) -> Lit:
    """A literal equal to (expression == value); a constant when the expression is one."""
    if isinstance(expression, int):
        return expression == value
    literal = model.new_bool_var(name)
    model.add(expression == value).only_enforce_if(literal)
    model.add(expression != value).only_enforce_if(~literal)
    return literal
