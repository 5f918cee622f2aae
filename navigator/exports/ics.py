"""The list's dates as a calendar file (RFC 5545), written with icalendar.

Why it looks like this:

* One all-day event per date (``DTSTART;VALUE=DATE``): a deadline is a day in
  the region's calendar, so it must not move when the phone is in another time
  zone.  A closing time ("5:00 PM") is local to the region and written in the
  description, as floating local time, not converted.
* UIDs are ``<deadline id>@<region id>.navigator``: importing the file again
  (or a newer export of the same list) updates the events instead of doubling them.
* ``DTSTAMP`` is the export day (from ``today``, never the clock), so the same
  list exported on the same day gives the same file.
* Each future date has a reminder at 9:00 three days before
  (``TRIGGER:-P2DT15H`` from the start of the day).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from navigator.exports.model import Document, TimelineRow
from navigator.i18n import translations_for

REMINDER = timedelta(days=-3, hours=9)  # 9:00 three days before the day


def _title(doc: Document, row: TimelineRow) -> str:
    _ = translations_for(doc.lang).gettext
    schools = ", ".join(row.schools)
    if all(name in row.process for name in row.schools):  # a school's own lottery names it
        return _("{what} · {process}").format(what=row.what, process=row.process)
    return _("{what} · {schools} · {process}").format(
        what=row.what, schools=schools, process=row.process)


def _description(doc: Document, row: TimelineRow) -> str:
    _ = translations_for(doc.lang).gettext
    lines = [row.when]
    if row.children:
        # TRANSLATORS: in a household's calendar event: the children the date is for.
        lines.append(_("For: {children}").format(children=row.children))
    lines += [_("Schools: {schools}").format(schools=", ".join(row.schools)),
             _("Process: {process}").format(process=row.process), "",
             _("How to apply:"), row.how_to_apply, "",
             _("Where to apply: {where}").format(where=row.where),
             _("Contact: {contact}").format(contact=row.contact)]
    if row.late_options:
        lines.append(_("What you can still do: {options}").format(options=row.late_options))
    lines += ["", _("Source: {refs}").format(refs=row.source), doc.notice]
    return "\n".join(lines)


def render_ics(doc: Document, second: Document | None = None) -> bytes:
    """The .ics bytes; with ``second``, each description adds the second language below."""
    cal = Calendar()
    cal.add("prodid", "-//Navigator//School list//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", doc.labels["calendar"])
    stamp = datetime.combine(doc.today, time(0), tzinfo=UTC)
    others = {row.deadline_id: row for row in second.timeline} if second else {}
    for row in doc.timeline:
        event = Event()
        event.add("uid", f"{row.deadline_id}@{doc.region_id or 'region'}.navigator")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.date)
        event.add("dtend", row.date + timedelta(days=1))
        title = _title(doc, row)
        event.add("summary", title)
        description = _description(doc, row)
        other = others.get(row.deadline_id)
        if second is not None and other is not None:
            description += "\n\n———\n\n" + _description(second, other)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        if not row.past:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", REMINDER)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
