"""Project exceptions. The CLI turns them into one-line messages and exit codes."""

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
