"""The exceptions of the whole package; the CLI turns them into one-line messages.

One module for ``gongbao.extract``, ``gongbao.graph`` and the API: it sits at the
package root because reading, building, querying and exporting all raise them.

>>> str(InputError("a.txt", "not UTF-8 or GB18030", "save it as UTF-8"))
'a.txt: not UTF-8 or GB18030 (save it as UTF-8)'
"""

from __future__ import annotations

__all__ = ["GongbaoError", "InputError"]


class GongbaoError(Exception):
    """Base class of every error gongbao reports to a user."""


class InputError(GongbaoError):
    """An input file cannot be read as a bulletin; the message names the file."""

    def __init__(self, path: str, problem: str, fix: str = "") -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        message = f"{path}: {problem}"
        if fix:
            message += f" ({fix})"
        super().__init__(message)
