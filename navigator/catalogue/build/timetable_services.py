"""A feed's service days: ``calendar.txt`` and ``calendar_dates.txt``, read and checked.

Two mistakes in a calendar give "no trip" every school day without a word unless someone says
so: a ``calendar.txt`` row that ends before it starts (it never runs), and a feed none of whose
trips runs on a Monday to Friday.  Both are reported at build (the summary lists them) and by
``catalogue validate``; the rows are kept as the feed wrote them (Navigator never guesses which
date was meant).
"""

from __future__ import annotations

from datetime import date

from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.timetable_times import frame
from navigator.catalogue.service_days import WEEKDAYS, Service


def _iso(value: str) -> str | None:
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        return None


def read_services(files, report: BuildReport) -> tuple[list[Service], dict[str, int],
                                                       list[tuple[int, str, int]]]:
    """(services, service id -> index, exceptions as (service, ISO date, 1 added / 2 removed))."""
    services: list[Service] = []
    index: dict[str, int] = {}
    columns = ("service_id", *WEEKDAYS, "start_date", "end_date")
    calendar = frame(files, "calendar.txt", columns, columns)
    if calendar is not None:
        for line, row in enumerate(calendar.itertuples(index=False), start=2):
            start, end = _iso(row.start_date), _iso(row.end_date)
            if start is None or end is None or not row.service_id:
                report.problem("calendar.txt", line,
                               f"service {row.service_id!r} has no readable start_date/end_date; "
                               "skipped")
                continue
            if end < start:
                report.problem("calendar.txt", line,
                               f"service {row.service_id!r} ends on {end}, before it starts on "
                               f"{start}, so it never runs (its trips have no day); check its "
                               "start_date and end_date")
            bits = sum(1 << i for i, day in enumerate(WEEKDAYS) if getattr(row, day) == "1")
            index[row.service_id] = len(services)
            services.append(Service(row.service_id, bits, start, end))
    exceptions: list[tuple[int, str, int]] = []
    dates = frame(files, "calendar_dates.txt", ("service_id", "date", "exception_type"),
                  ("service_id", "date", "exception_type"))
    if dates is not None:
        for line, row in enumerate(dates.itertuples(index=False), start=2):
            when, kind = _iso(row.date), row.exception_type
            if when is None or kind not in ("1", "2") or not row.service_id:
                report.problem("calendar_dates.txt", line,
                               f"exception {row.service_id!r} {row.date!r} {kind!r} is not a "
                               "service, a YYYYMMDD date and 1 or 2; skipped")
                continue
            if row.service_id not in index:
                index[row.service_id] = len(services)
                services.append(Service(row.service_id))
            exceptions.append((index[row.service_id], when, int(kind)))
    exceptions = sorted(set(exceptions), key=lambda e: (e[1], e[0], e[2]))
    return services, index, exceptions
