"""Errors whose message is written for the person who brought the file or typed the terms."""

from __future__ import annotations


class MetricsError(ValueError):
    """Base of every error in this package; `str(error)` can be shown to the user as it is."""


class MetricsInputError(MetricsError):
    """A file that cannot be imported. Nothing from it is kept: a reader returns every record or raises this.

    `problems` holds the first few problems, each naming the row and the column and saying what to write
    instead; `stopped_at_row` is set when reading stopped early (too many problems, or the file is too big).
    """

    def __init__(self, problems: tuple[str, ...], *, stopped_at_row: int | None = None, more: bool = False) -> None:
        self.problems = problems
        self.stopped_at_row = stopped_at_row
        noun = "problem" if len(problems) == 1 else "problems"
        head = f"Nothing was imported: {'at least ' if more else ''}{len(problems)} {noun} in the file"
        if stopped_at_row is not None:
            head += f" (reading stopped at row {stopped_at_row})"
        super().__init__(head + ":\n  " + "\n  ".join(problems))


class TermsError(MetricsError):
    """Campaign or creator terms that cannot be computed with (for example two creators sharing a code)."""
