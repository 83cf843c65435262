"""Pages planned one per turn of the event loop, so that the requests of the pages planned
before go out meanwhile.

`asyncio.gather` over many pages (`make bench` row b: 40) runs each page's first step, its plan
(normalise, segment, pack: ~1.5 ms a page), in one turn of the loop, and no request leaves
before every page is planned. Taking turns, a page plans only after the loop has polled its
sockets once since the page before, so the first requests are sent while later pages plan.
"""

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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
