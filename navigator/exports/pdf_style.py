"""The printed list's page and type: Letter paper, margins, colours, each block kind's style and
the QR codes' sizes (``pdf.py`` lays out, ``pdf_figures.py`` draws the map and the codes)."""

PAGE = "letter"
MARGIN = 15.0
GUTTER = 7.0
BOTTOM = 16.0
INK = (20, 20, 20)
GREY = (115, 115, 115)
ACCENT = (25, 70, 140)
WARN = (196, 110, 0)
INFO = (40, 110, 170)
LIST_QR = 44.0  # mm: the list's code (0.4 mm a module at the largest version allowed)
EVENT_QR = 30.0  # mm: a calendar code

# kind -> (font size pt, bold, colour, space before mm, line height factor)
STYLES = {
    "title": (20, True, INK, 0.0, 1.25), "lead": (10, False, GREY, 1.0, 1.35),
    "notice": (10.5, True, INK, 3.0, 1.35), "heading": (14, True, ACCENT, 6.0, 1.3),
    "school": (12, True, INK, 4.0, 1.3), "subheading": (10.5, True, ACCENT, 3.0, 1.3),
    "text": (9.5, False, INK, 1.2, 1.4), "field": (9.5, False, INK, 1.0, 1.4),
    "step": (9.5, False, INK, 1.6, 1.4), "item": (9.5, False, INK, 1.2, 1.4),
    "date": (9.5, True, INK, 1.4, 1.4), "warning": (9.5, False, INK, 2.0, 1.4),
    "info": (9.5, False, INK, 2.0, 1.4), "small": (8, False, GREY, 0.8, 1.35),
    "fine": (7, False, GREY, 0.5, 1.3), "action": (9.5, False, INK, 2.0, 1.4),
}
PT = 0.3528  # mm per point
BOX_PAD = 2.0
