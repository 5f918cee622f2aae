"""Giving memory back after a one-off load, so a kiosk laptop keeps it for the map.

A search with trips at city scale builds large working arrays in the search thread (the
router's rounds over two million stop times).  Python frees them, but glibc keeps the freed
pages in that thread's heap: at LA bus scale about 15 MB held for nothing, measured by
``navigator bench transit``.  ``release_freed()`` asks glibc to hand them back
(``malloc_trim``); elsewhere it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache


@cache
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def release_freed() -> None:
    """Return the heap's free pages to the system where glibc allows.  No garbage collection:
    the router's arrays are freed as soon as the search drops them (no cycles), and a full
    collection would hold the GUI thread for as long as it walks the heap.  ctypes lets go of
    the GIL during the call, so the screen goes on drawing."""
    trim = _trim()
    if trim is not None:
        trim(0)
