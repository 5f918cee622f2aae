"""Where families without a car can reach: every neighbourhood's count of schools in reach by bus,
train or on foot, for counsellors and planners (``navigator reach``, the app's counsellor view).

``grid`` the cells, ``profile`` one school's arrive-by run read by every cell, ``count`` the
whole map, ``zips`` the table by ZIP area, ``report_*`` the GeoJSON, CSV, web page and PDF.
"""
