"""The C library's functions that Python's ``os`` module does not offer.

``renameat2`` (an atomic swap of two folders), ``prctl`` (a child killed with its
parent) and ``malloc_trim`` (freed heap given back to the system) are called
through :func:`libc_function`, which loads the C library once.

>>> libc_function("no_such_function_in_libc") is None
True
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

__all__ = ["libc_function"]


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:  # no C library found by that name
        return None


def libc_function(name: str):
    """The C library's function ``name`` (errno kept for ctypes), or ``None``."""
    libc = _libc()
    return getattr(libc, name, None) if libc is not None else None
