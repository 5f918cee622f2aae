"""A saved session opened on a newer pack: which of its schools changed, and how.

Why: Mr. Kim saves the Park family's session on Tuesday; by next Tuesday the kiosk has a new
pack and a deadline has moved.  The session file records which pack it was made with (region,
build time, SHA-256); when that is not the pack open now, the changes come from a diff against
the pack installed before it, if that is the very pack the session was made with.  If it is not
on this computer, all that can honestly be said is that the information was updated, and when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from navigator.catalogue.diff import Change, PackDiff, diff_schools
from navigator.catalogue.pack import Pack, open_pack
from navigator.errors import UserError
from navigator.shortlist import FamilyList

if TYPE_CHECKING:
    from navigator.household.model import Household


@dataclass
class SessionUpdate:
    saved_built_at: str  # the build time of the pack the session was made with
    built_at: str  # the build time of the pack open now
    diff: PackDiff | None  # of the listed schools; None: the session's pack is not here to compare
    changes: list[Change] = field(default_factory=list)  # those that concern the listed schools

    @property
    def compared(self) -> bool:
        return self.diff is not None


def session_update(family: FamilyList | Household, pack: Pack,
                   previous: Path | None) -> SessionUpdate | None:
    """What to tell a counsellor opening ``family`` (one child's list or a household: its
    ``pack`` stamp and its schools' ``ids()``) on ``pack``; None when there is nothing to say
    (the same pack, another region, or a session saved before sessions named their pack)."""
    saved = family.pack
    if not saved or saved.get("region") != pack.region.id or saved.get("sha256") == pack.sha256:
        return None
    update = SessionUpdate(saved.get("built_at") or "", pack.region.built_at, None)
    if previous is None or not Path(previous).is_file():
        return update
    try:
        with open_pack(previous) as old:
            if old.sha256 != saved.get("sha256") or old.region.id != pack.region.id:
                return update
            update.diff = diff_schools(old, pack, family.ids())
    except UserError:
        return update
    update.changes = update.diff.changes
    return update
