"""``gc_paused()``: the cyclic garbage collector off for one bulk pass.

The console holds hundreds of thousands of long-lived objects (events, rows, deadlines). A bulk pass
that makes many new objects and no reference cycles (decoding a page of events, filing deadlines,
committing a feed batch) would otherwise trigger collections that scan all of them and cost more
than the pass itself. Also usable as a decorator (``@gc_paused()``). The collector is switched back
on only if it was on: nested or concurrent pauses (the commit thread and the GUI thread) always end
with it on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
