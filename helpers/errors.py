"""Errors raised when a table cannot be read faithfully."""

from __future__ import annotations


class ParseError(ValueError):
    """A raw table could not be turned into facts without guessing.

    The message always names the file, the line and what was expected there.
    """

    def __init__(self, source: str, line: int | None, problem: str, expected: str | None = None):
        self.source = source
        self.line = line
        self.problem = problem
        self.expected = expected
        where = f"{source}, line {line}" if line is not None else source
        text = f"{where}: {problem}"
        if expected:
            text += f"; expected {expected}"
        super().__init__(text)


class DuplicateMismatchError(ParseError):
    """The same published number is printed twice with different values."""


class ReconciliationError(ParseError):
    """A total does not agree with the sum of its parts, within the suppression bounds."""


class IntegrityError(ValueError):
    """A raw file does not match the checksum recorded in the data manifest."""
