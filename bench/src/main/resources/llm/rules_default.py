"""Business rules beyond CRUD: the extension point of the generated backend (no rules yet)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession


class RuleViolation(Exception):
    """A change breaks a business rule; the API answers 409."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None:
    return None


async def before_update(entity: str, obj: Any, data: dict[str, Any], session: AsyncSession) -> None:
    return None


async def before_delete(entity: str, obj: Any, session: AsyncSession) -> None:
    return None
