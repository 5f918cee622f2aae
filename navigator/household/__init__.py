"""Brothers and sisters planned together: the household, its file, its searches and checks.

* ``model``: the household and its children (labels, grades, needs, ranked lists).
* ``listfile``: the list file's household version (docs/list-format.md), read and written.
* ``together``: schools that fit every child: the same school or campus, or schools close by.
* ``siblings``: what a process's recorded admission priorities mean for this family.
* ``check``: the list checker across children, and the merged timeline of every deadline.
* ``cli``: ``navigator search --household`` and ``navigator household``.

No Qt here: the app's screens and the exports are layers over these modules.
"""

from navigator.household.listfile import (
    check_against_pack,
    load_household,
    open_household,
    save_household,
)
from navigator.household.model import (
    MAX_CHILDREN,
    Attending,
    Child,
    Household,
    child_label,
    child_query,
)

__all__ = ["MAX_CHILDREN", "Attending", "Child", "Household", "check_against_pack",
           "child_label", "child_query", "load_household", "open_household", "save_household"]
