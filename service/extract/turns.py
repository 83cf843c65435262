"""Pages planned one per turn of the event loop, so that the requests of the pages planned
before go out meanwhile.

`asyncio.gather` over many pages (`make bench` row b: 40) runs each page's first step, its plan
(normalise, segment, pack: ~1.5 ms a page), in one turn of the loop, and no request leaves
before every page is planned. Taking turns, a page plans only after the loop has polled its
sockets once since the page before, so the first requests are sent while later pages plan.
"""

import asyncio
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_T = TypeVar("_T")

# One turnstile per event loop: asyncio.Lock belongs to the loop it first waits in.
_TURNSTILES: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]" = (
    weakref.WeakKeyDictionary()
)


@asynccontextmanager
async def turn() -> AsyncIterator[None]:
    """Hold the loop's turnstile while the block runs, and one turn of the loop after it."""
    loop = asyncio.get_running_loop()
    turnstile = _TURNSTILES.get(loop)
    if turnstile is None:
        turnstile = _TURNSTILES[loop] = asyncio.Lock()
    async with turnstile:
        yield
        await asyncio.sleep(0)  # the next page waits until the loop has polled its sockets


async def in_turn(work: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """`work(*args, **kwargs)` in a turn of its own, after the pages already waiting to plan:
    work a page can do while its requests are out (its articles' places) takes no turn from a
    page whose requests have not left yet."""
    async with turn():
        return work(*args, **kwargs)
