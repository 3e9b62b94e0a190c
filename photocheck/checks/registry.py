"""Which function judges which rule. Check modules register themselves with `@judges(id)`."""

from __future__ import annotations

from collections.abc import Callable

from photocheck.context import Context
from photocheck.report import Check
from photocheck.rules import RULES

CheckFn = Callable[[Context], Check]

_JUDGES: dict[str, CheckFn] = {}


def judges(rule_id: str) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the one that judges `rule_id`."""
    if rule_id not in RULES:
        raise KeyError(f"no rule {rule_id!r} in photocheck.rules.RULES")

    def register(fn: CheckFn) -> CheckFn:
        if rule_id in _JUDGES:
            raise KeyError(f"rule {rule_id!r} already has a judge: {_JUDGES[rule_id].__name__}")
        _JUDGES[rule_id] = fn
        return fn

    return register


def judge_for(rule_id: str) -> CheckFn | None:
    """The function that judges `rule_id`, or None while no module implements it."""
    return _JUDGES.get(rule_id)
