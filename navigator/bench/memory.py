"""Memory of a process tree, for the benchmarks (Linux /proc; 0 elsewhere)."""

from __future__ import annotations

from pathlib import Path


def tree_pss_mb(pid: int) -> float:
    """Memory of a process and all its descendants (Linux /proc), as proportional set size:
    pages shared between the app and its QtWebEngine helpers (the Qt libraries) count once,
    split between them, instead of once per process as resident sizes would."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024
