"""Business rules beyond CRUD: the extension point of the generated backend.

The routers call these hooks inside the request, after validation and before the change is
committed. Raise RuleViolation to reject a change; the API answers 409 {"detail": ...}.
The offline engine writes these no-op hooks; the LLM engine's business-rules agent rewrites
this file with the rules stated in the prompt (keep RuleViolation and the three hooks).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession


class RuleViolation(Exception):  # noqa: N818 - the name is the hook contract
    """A change breaks a business rule; the API answers 409 with the detail."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None:
    """Called before a new `entity` row is built from `data` (validated request fields)."""


async def before_update(entity: str, obj: Any, data: dict[str, Any], session: AsyncSession) -> None:
    """Called before `data` (only the fields being changed) is applied to the row `obj`."""


async def before_delete(entity: str, obj: Any, session: AsyncSession) -> None:
    """Called before the row `obj` is deleted."""
