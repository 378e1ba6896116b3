"""Business rules beyond CRUD (written by the business-rules agent)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

MAX_ACTIVE_LOANS = 3


class RuleViolation(Exception):  # noqa: N818 - the name is the hook contract
    """A change breaks a business rule; the API answers 409."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


async def _active_loans(session: AsyncSession, member_id: int) -> int:
    from app.models import Loan

    stmt = (
        select(func.count())
        .select_from(Loan)
        .where(Loan.member_id == member_id, Loan.return_date.is_(None))
    )
    return int((await session.execute(stmt)).scalar_one())


async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None:
    if entity != "Loan" or data.get("return_date") is not None:
        return
    if await _active_loans(session, int(data["member_id"])) >= MAX_ACTIVE_LOANS:
        raise RuleViolation(f"a member can have at most {MAX_ACTIVE_LOANS} active loans")


async def before_update(entity: str, obj: Any, data: dict[str, Any], session: AsyncSession) -> None:
    """Reopening a returned loan counts against the limit too."""
    reopens = entity == "Loan" and "return_date" in data and data["return_date"] is None
    if not reopens or obj.return_date is None:
        return
    if await _active_loans(session, int(obj.member_id)) >= MAX_ACTIVE_LOANS:
        raise RuleViolation(f"a member can have at most {MAX_ACTIVE_LOANS} active loans")


async def before_delete(entity: str, obj: Any, session: AsyncSession) -> None:
    """Deleting is never restricted by a business rule here."""
