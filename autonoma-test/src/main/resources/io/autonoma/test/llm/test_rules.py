"""Business rule: a member can have at most 3 active loans."""

from httpx import AsyncClient

from tests import resources


async def test_a_member_can_have_at_most_three_active_loans(
    client: AsyncClient,
    user_headers: resources.Headers,
) -> None:
    member_id = (await resources.create_member(client, user_headers))["id"]
    for _ in range(3):
        payload = await resources.build_loan(client, user_headers)
        payload["member_id"] = member_id
        payload["return_date"] = None
        response = await client.post("/api/v1/loans", json=payload, headers=user_headers)
        assert response.status_code == 201
    payload = await resources.build_loan(client, user_headers)
    payload["member_id"] = member_id
    payload["return_date"] = None
    response = await client.post("/api/v1/loans", json=payload, headers=user_headers)
    assert response.status_code == 409
    assert response.json() == {"detail": "a member can have at most 3 active loans"}


async def test_returned_loans_do_not_count(
    client: AsyncClient,
    user_headers: resources.Headers,
) -> None:
    member_id = (await resources.create_member(client, user_headers))["id"]
    for _ in range(4):
        payload = await resources.build_loan(client, user_headers)
        payload["member_id"] = member_id
        payload["return_date"] = "2026-11-20"
        response = await client.post("/api/v1/loans", json=payload, headers=user_headers)
        assert response.status_code == 201
