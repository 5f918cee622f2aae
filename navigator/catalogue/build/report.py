"""Row-level problems collected during a build.

File-level problems raise :class:`navigator.errors.UserError` at once; row
problems (a school without coordinates, an overlay row naming an unknown
school) skip or flag the row and are summarised at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from navigator.catalogue.build.csvfile import Row


@dataclass
class Problem:
    file: str
    row: int | None  # 1-based line number in the file (header = line 1), None if not row-based
    message: str
    sheet: str | None = None  # a workbook's problem names its sheet, and the cell when known
    cell: str | None = None
    column: str | None = None  # a CSV's problem names its column when known

    def __str__(self) -> str:
        if self.sheet is not None:
            where = f"cell {self.cell}" if self.cell else f"row {self.row}"
            return f"{self.file}, sheet {self.sheet}, {where}: {self.message}"
        where = f"{self.file}:{self.row}" if self.row is not None else self.file
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class BuildReport:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was left unread on purpose, and why

    def note(self, sentence: str) -> None:
        self.notes.append(sentence)

    def problem(self, file: str | Path, row: int | None, message: str) -> None:
        self.problems.append(Problem(Path(file).name, row, message))

    def row_problem(self, file: str | Path, row: Row, message: str,
                    column: str | None = None) -> None:
        """A problem with one row (and, in a workbook, one cell when ``column`` is known)."""
        cell = row.cells.get(column) if row.cells and column else None
        self.problems.append(Problem(Path(file).name, row.line, message, row.sheet, cell,
                                     None if row.sheet else column))

    def summary(self, first: int = 10) -> str:
        counts = ", ".join(f"{n} {table}" for table, n in self.counts.items())
        lines = [f"Built a pack with {counts}." if counts else "Built a pack."]
        lines += self.notes
        if self.problems:
            lines.append(f"{len(self.problems)} row(s) skipped or flagged; the first:")
            lines += [f"  {p}" for p in self.problems[:first]]
        return "\n".join(lines)
