"""Pages planned one per turn of the event loop (service/extract/turns.py)."""

import asyncio

from service.extract.turns import turn


async def _pages(n: int, *, turns: bool) -> list[str]:
    """Each page "plans", then schedules its send as a callback, as a request's I/O waits
    for the loop; returns the order of plans and sends."""
    order: list[str] = []
    loop = asyncio.get_running_loop()

    async def page(i: int) -> None:
        if turns:
            async with turn():
                order.append(f"plan {i}")
                loop.call_soon(order.append, f"send {i}")
        else:
            order.append(f"plan {i}")
            loop.call_soon(order.append, f"send {i}")

    await asyncio.gather(*(page(i) for i in range(n)))
    return order


def test_a_page_is_sent_before_the_next_one_plans() -> None:
    order = asyncio.run(_pages(3, turns=True))
    assert order == ["plan 0", "send 0", "plan 1", "send 1", "plan 2", "send 2"]


def test_without_turns_every_page_plans_before_any_is_sent() -> None:
    """What the turns are for: gathered pages all plan in the loop's first turn."""
    order = asyncio.run(_pages(3, turns=False))
    assert order == ["plan 0", "plan 1", "plan 2", "send 0", "send 1", "send 2"]


def test_turns_work_in_each_new_event_loop() -> None:
    """One turnstile per loop: a second asyncio.run must not meet the first loop's lock."""
    for _ in range(2):
        assert asyncio.run(_pages(2, turns=True))[:2] == ["plan 0", "send 0"]


def test_a_page_that_raises_releases_its_turn() -> None:
    async def go() -> str:
        try:
            async with turn():
                raise ValueError("empty page")
        except ValueError:
            pass
        async with turn():
            return "next page planned"

    assert asyncio.run(asyncio.wait_for(go(), timeout=5)) == "next page planned"
