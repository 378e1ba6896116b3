"""Tests of the business rules hooks."""

import pytest

from app import rules


@pytest.mark.asyncio
async def test_other_entities_are_not_limited() -> None:
    await rules.before_create("Book", {"title": "x"}, None)  # type: ignore[arg-type]


def test_rule_violation_carries_detail() -> None:
    assert rules.RuleViolation("no").detail == "no"
