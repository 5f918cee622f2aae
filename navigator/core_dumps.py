"""No core dumps: a crash of the app or of its map must not write the family's words to disk.

Why: a core file is the crashed process's memory, and the app's memory holds what a family typed
(an address, children's names, a note).  Where the system allows core dumps, a crash of the map's
renderer or of the app wrote one that survived Start over (issue 24).  So the app, as it starts,
before QtWebEngine starts its own processes:

- sets the core-file size limit (RLIMIT_CORE) to 0, soft and hard: the limit is inherited across
  fork and exec, so QtWebEngine's renderer and GPU processes start with it and cannot raise it;
  it stops a core file being written, and systemd-coredump and apport honour it too;
- marks the app itself not dumpable (Linux ``prctl(PR_SET_DUMPABLE, 0)``): no core at all, not
  even to a crash handler the kernel pipes cores to, and no other program of the same user can
  read its memory (ptrace).  The mark does not survive exec; the renderers have the limit.

Always, not only in kiosk mode: a counsellor's laptop holds the same families' words, and a
core file lands where nobody looks for it (the working directory, /var/crash, the journal).  A
developer who needs one sets ``NAVIGATOR_CORE_DUMPS=1``.  On Windows, crash dumps are written only
where an administrator has configured Windows Error Reporting's LocalDumps; nothing is done there.
"""

from __future__ import annotations

import ctypes
import os
import sys

ALLOW_ENV = "NAVIGATOR_CORE_DUMPS"
PR_SET_DUMPABLE = 4


def forbid_core_dumps() -> None:
    """Forbid core dumps for this process and every process it starts from now on."""
    if os.environ.get(ALLOW_ENV) == "1":
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # Windows has no resource module
        pass
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass
