"""The benchmarks on a real pack (``--pack``): the synthetic requests moved onto its region.

The synthetic mix (``synthetic.query_mix``, the households, the app's filter changes) is made
for the synthetic pack's box and codes.  On a county pack the same mix is used with each home
moved to the same relative place in the pack's box of in-person schools, and each need the pack
has no code or dates for left out (a search refuses an unknown code, as it should for a family).
"""

from __future__ import annotations

from navigator.bench.synthetic import BOX
from navigator.catalogue.pack import Pack

CATEGORIES = {"programs": "program", "el": "el", "sped": "sped", "languages": "language"}


class PackFit:
    """Moves a synthetic request onto ``pack``: its box, its codes, its lines."""

    def __init__(self, pack: Pack):
        row = pack.conn.execute(
            "SELECT min(latitude), max(latitude), min(longitude), max(longitude) FROM schools "
            "WHERE latitude IS NOT NULL AND longitude IS NOT NULL AND is_virtual = 0").fetchone()
        self.box = row if row[0] is not None else BOX
        self.codes = set(pack.conn.execute("SELECT category, code FROM codes").fetchall())
        self.lines = {r[0] for r in pack.conn.execute("SELECT id FROM lines")}
        self.has_deadlines = pack.conn.execute("SELECT EXISTS (SELECT 1 FROM deadlines)").fetchone()[0]

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        south, north, west, east = BOX
        s, n, w, e = self.box
        return (round(s + (lat - south) / (north - south) * (n - s), 6),
                round(w + (lon - west) / (east - west) * (e - w), 6))

    def needs(self, spec: dict) -> dict:
        """``spec`` with only the needs the pack has codes for, a line it has, and an application
        window only where the pack has dates."""
        out = dict(spec)
        for key, category in CATEGORIES.items():
            if key in out:
                out[key] = tuple(v for v in out[key] if (category, v.split(":")[0]) in self.codes)
        if out.get("line") is not None and out["line"] not in self.lines:
            del out["line"]
        if not self.has_deadlines:
            out.pop("open_on", None)
        return out

    def query_spec(self, spec: dict) -> dict:
        """A request of ``synthetic.query_mix``: its home moved, its needs fitted."""
        return {**self.needs(spec), "home": self.point(*spec["home"])}
