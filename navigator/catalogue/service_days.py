"""Which days a feed's services run: the calendar arithmetic the builder and ``catalogue validate``
share (no pandas here: validate ships in the app, the builder does not)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class Service:
    """One GTFS service: the weekdays it runs (bit 0 = Monday) between two dates."""

    service_id: str
    weekdays: int = 0
    start_date: str | None = None  # ISO; None for a service defined by calendar_dates alone
    end_date: str | None = None


def service_dates(services: list[Service], exceptions: list[tuple[int, str, int]]) -> dict[str, set[int]]:
    """ISO date -> the services running that day, for every date any service covers."""
    running: dict[str, set[int]] = defaultdict(set)
    for i, service in enumerate(services):
        if service.start_date is None or service.end_date is None:
            continue
        day, end = date.fromisoformat(service.start_date), date.fromisoformat(service.end_date)
        while day <= end:
            if service.weekdays >> day.weekday() & 1:
                running[day.isoformat()].add(i)
            day += timedelta(days=1)
    for i, when, kind in exceptions:
        if kind == 1:
            running[when].add(i)
        else:
            running[when].discard(i)
    return running


def representative_week(running: dict[str, set[int]], trips_per_service: np.ndarray) -> str | None:
    """The Monday of the week with the most trips (the earliest such week on a tie)."""
    weeks: dict[date, int] = defaultdict(int)
    for when, services in running.items():
        day = date.fromisoformat(when)
        weeks[day - timedelta(days=day.weekday())] += int(sum(trips_per_service[s] for s in services))
    if not weeks or max(weeks.values()) == 0:
        return None
    best = max(weeks.values())
    return min(monday for monday, count in weeks.items() if count == best).isoformat()


def runs_on_a_school_day(running: dict[str, set[int]], trips_per_service: np.ndarray) -> bool:
    """Does any trip run on any Monday to Friday the feed covers?"""
    return any(date.fromisoformat(when).weekday() < 5 and any(trips_per_service[s] for s in services)
               for when, services in running.items())
