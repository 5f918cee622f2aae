"""Which services run on a date, and which date's timetable to use when a feed has expired.

GTFS calendars cover weeks; packs live for months.  A date inside a feed's service dates uses
that date (a holiday with no service is then honestly a day without trips); a date outside them
uses the same weekday of the feed's representative week (the week with the most trips), and
every trip found says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np


@dataclass(frozen=True)
class FeedCalendar:
    source_id: str
    start_date: date
    end_date: date
    week_start: date  # Monday of the representative week
    weekdays: np.ndarray  # per service: bit 0 = Monday ... bit 6 = Sunday
    service_start: np.ndarray  # per service: date ordinal (0 when defined by exceptions alone)
    service_end: np.ndarray
    exceptions: dict[date, tuple[tuple[int, int], ...]]  # date -> ((service, 1 added / 2 removed), ...)

    def timetable_date(self, on: date) -> date:
        """``on`` itself inside the feed's service dates, else that weekday of the representative week."""
        if self.start_date <= on <= self.end_date:
            return on
        return self.week_start + timedelta(days=on.weekday())

    def expired(self, today: date) -> bool:
        return today > self.end_date

    def running(self, day: date) -> np.ndarray:
        """A boolean per service: does it run on ``day`` (calendar, then calendar_dates)?"""
        ordinal = day.toordinal()
        runs = ((self.weekdays >> day.weekday()) & 1).astype(bool)
        runs &= (self.service_start <= ordinal) & (ordinal <= self.service_end)
        for service, kind in self.exceptions.get(day, ()):
            runs[service] = kind == 1
        return runs
