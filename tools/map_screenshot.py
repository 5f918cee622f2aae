"""Draw the map with made-up data and save a picture of it, to look at the map without the app.

    QT_QPA_PLATFORM=offscreen python tools/map_screenshot.py [out.png] [--rtl]

Opens a 1200x800 MapView offscreen with a few fake schools (one with a hostile name), a home with its
ring, two transit lines with stops and one zone, waits for the page to draw, then grabs the widget.
It also prints every URL the page requested (all should be local) and exits non-zero if any was not.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from navigator.gui.map_view import MapView  # noqa: E402

HOME = (34.0588, -118.2795)

SCHOOLS = [
    ("s1", "Alvarado Elementary", "0.4 mi · K-5", "zoned", -118.2826, 34.0612),
    ("s2", "Westlake Charter Academy", "0.6 mi · K-8", "match", -118.2740, 34.0551),
    ("s3", "Hoover Street Dual Language", "0.9 mi · TK-5", "match", -118.2890, 34.0640),
    ("s4", "Rampart Middle School", "1.1 mi · 6-8", "partial", -118.2700, 34.0660),
    ("s5", "<img src=x onerror=alert(1)>", "1.3 mi · 9-12", "partial", -118.2935, 34.0520),
    ("s6", "Echo Park Magnet", "1.6 mi · 6-12", "match", -118.2620, 34.0720),
    ("s7", "Pico Union Elementary", "1.9 mi · K-5", "partial", -118.2850, 34.0440),
    ("s8", "Pico Union Primary Center", "1.9 mi · TK-2", "partial", -118.2853, 34.0443),
    ("s9", "Temple Street Charter", "2.2 mi · K-8", "match", -118.2600, 34.0490),
]

LINES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"line": "B", "name": "B Line (Red)", "mode": "subway", "color": "E3131B"},
            "geometry": {"type": "LineString", "coordinates": [
                [-118.2436, 34.0560], [-118.2580, 34.0490], [-118.2760, 34.0560],
                [-118.2920, 34.0620], [-118.3090, 34.0620],
            ]},
        },
        {
            "type": "Feature",
            "properties": {"line": "20", "name": "Wilshire Bl", "mode": "bus", "color": "#1f6fd1"},
            "geometry": {"type": "LineString", "coordinates": [
                [-118.2560, 34.0530], [-118.2700, 34.0580], [-118.2840, 34.0610],
                [-118.2990, 34.0617], [-118.3100, 34.0615],
            ]},
        },
    ],
}

STOPS = [
    {"id": "st1", "name": "Westlake / MacArthur Park", "lat": 34.0564, "lon": -118.2763,
     "lines": [{"name": "B", "color": "E3131B"}, {"name": "20", "color": "#1f6fd1"}]},
    {"id": "st2", "name": "Wilshire / Vermont", "lat": 34.0620, "lon": -118.2910,
     "lines": [{"name": "B", "color": "E3131B"}]},
    {"id": "st3", "name": "7th St / Metro Center", "lat": 34.0489, "lon": -118.2585, "lines": ["B"]},
    {"id": "st4", "name": "Wilshire / Alvarado", "lat": 34.0592, "lon": -118.2760, "lines": ["20"]},
]

ZONE = {
    "type": "Feature",
    "properties": {"name": "Alvarado Elementary attendance zone"},
    "geometry": {"type": "Polygon", "coordinates": [[
        [-118.2900, 34.0530], [-118.2720, 34.0530], [-118.2700, 34.0640],
        [-118.2800, 34.0680], [-118.2920, 34.0650], [-118.2900, 34.0530],
    ]]},
}

TEXTS_EN = {
    "legend_title": "Map key", "match": "Matches your choices", "partial": "Matches some choices",
    "zoned": "Your zoned school", "home": "Home", "transit_line": "Bus or train line", "stop": "Stop",
    "zone": "Attendance zone", "zoom_in": "Zoom in", "zoom_out": "Zoom out",
}
TEXTS_AR = {
    "legend_title": "دليل الخريطة", "match": "تطابق اختياراتك", "partial": "تطابق بعض الاختيارات",
    "zoned": "مدرستك حسب المنطقة", "home": "المنزل", "transit_line": "خط حافلة أو قطار", "stop": "محطة",
    "zone": "منطقة القبول", "zoom_in": "تكبير", "zoom_out": "تصغير",
}


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(argv: list[str]) -> int:
    rtl = "--rtl" in argv
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0] if args else "/tmp/map_screenshot.png")
    app = QApplication.instance() or QApplication(sys.argv[:1])

    view = MapView()
    view.resize(1200, 800)
    view.show()
    view.set_texts(TEXTS_AR if rtl else TEXTS_EN, rtl=rtl, lang="ar" if rtl else "en")
    view.set_transit(LINES, STOPS)
    view.set_boundaries([ZONE])
    view.set_home(*HOME, radius_m=1600)
    view.set_schools([
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
         "properties": {"id": sid, "name": name, "label": label, "state": state}}
        for sid, name, label, state, lon, lat in SCHOOLS
    ], fit_bounds=True)
    view.highlight("s2")

    loop = QEventLoop()
    view.ready.connect(loop.quit)
    QTimer.singleShot(20000, loop.quit)
    if not view.is_ready:
        loop.exec()
    if not view.is_ready:
        print("the map page never reported ready", file=sys.stderr)
        return 1
    wait(1500)  # let Leaflet finish drawing and the compositor paint a frame
    view.open_popup("s5")
    wait(800)

    image = view.grab()
    image.save(str(out))
    print(f"saved {out} ({image.width()}x{image.height()})")
    for url in view.guard.seen:
        print("requested:", url if len(url) < 140 else url[:137] + "...")
    problems = list(view.guard.blocked) + view.page().errors() + view.page().dialogs
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    view.close()
    del app
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
