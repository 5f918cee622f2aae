"""The family's plan: what to do next for their list, most urgent first, one step per process.

Why it looks like this:

* One step per application process, not per school: a district choice form that covers two
  listed schools is one thing to do, said once, naming both schools.  The input is a list of
  :class:`PlanSchool` (a school, the processes the family goes through for it, and an optional
  "for whom" label), so a household with several children plans the same way: the steps merge
  across children and each school says whose it is.
* Urgency is a level with a word and a mark (:data:`MARKS`), never a colour alone, so it reads
  the same on a black-and-white printout, in high contrast and to a screen reader.
* The order is what a family should do first: deadlines within the week (today, tomorrow, then
  this week), then processes whose deadline has passed (what can still be done), then later
  deadlines by date, then registrations with no deadline, then processes with no date in the
  pack ("ask the school"), never guessed.
* ``today`` is passed in (the app's ``FamilyState.today``, the CLI's ``--today``): nothing here
  reads the clock.  Days are plain date differences, as in :mod:`navigator.deadlines`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.lists import format_list

from navigator.catalogue.codes import kind_label
from navigator.catalogue.records import Text
from navigator.deadlines import ApplicationPlan, countdown, days_between, format_when
from navigator.i18n import babel_locale, format_number, translations_for
from navigator.profile import ApplicationProcess, Deadline

TODAY, TOMORROW, WEEK, PASSED, LATER, NO_DEADLINE, UNKNOWN = (
    "today", "tomorrow", "week", "passed", "later", "no_deadline", "unknown")
LEVELS = (TODAY, TOMORROW, WEEK, PASSED, LATER, NO_DEADLINE, UNKNOWN)  # the plan's order
URGENT = (TODAY, TOMORROW, WEEK)
WEEK_DAYS = 7  # "this week": the closing day is at most a week away
# The shape that goes with each level's words: a warning sign for the urgent ones, a cross for a
# passed deadline, a hollow circle for later, a tick where nothing is due, a question mark.
MARKS = {TODAY: "⚠", TOMORROW: "⚠", WEEK: "⚠", PASSED: "✕", LATER: "○", NO_DEADLINE: "✓",
         UNKNOWN: "?"}


@dataclass(frozen=True)
class PlanSchool:
    """One listed school and the processes the family goes through for it."""

    school_id: str
    name: str
    processes: tuple[ApplicationProcess, ...]
    for_whom: str = ""  # whose school it is, when a household plans for several children


@dataclass
class NextStep:
    """One thing to do: apply (or register) through one process, for the schools it covers."""

    process: ApplicationProcess
    schools: list[PlanSchool]  # in list order
    level: str
    deadline: Deadline | None = None  # the closing date: the next one, or the last one passed
    days_left: int | None = None
    opens: Deadline | None = None  # the window has not opened yet
    opens_in: int | None = None
    then: Deadline | None = None  # after a passed deadline: the process's next date still ahead
    late_options: Text | None = None

    @property
    def urgent(self) -> bool:
        return self.level in URGENT

    @property
    def registration(self) -> bool:
        """The zoned school: a registration, with no application and no lottery."""
        return self.process.kind == "zone"

    @property
    def mark(self) -> str:
        return MARKS[self.level]

    def covers(self, school_id: str) -> bool:
        return any(s.school_id == school_id for s in self.schools)


def plan_schools(plan: ApplicationPlan, for_whom: str = "") -> list[PlanSchool]:
    """The listed schools of an application plan, each with the processes that apply to it."""
    return [PlanSchool(school_id, plan.profiles[school_id].name,
                       tuple(plan.routes[p].process for p in plan.by_school.get(school_id, ())),
                       for_whom)
            for school_id in plan.school_ids]


def _day(deadline: Deadline) -> date:
    return date.fromisoformat(deadline.date)


def _level(days_left: int) -> str:
    if days_left < 0:
        return PASSED
    if days_left == 0:
        return TODAY
    if days_left == 1:
        return TOMORROW
    return WEEK if days_left <= WEEK_DAYS else LATER


def _step(process: ApplicationProcess, schools: list[PlanSchool], today: date) -> NextStep:
    dated = sorted(process.deadlines, key=lambda d: (d.date, d.time or ""))
    closing = [d for d in dated if d.kind == "closes"]
    opening = [d for d in dated if d.kind == "opens" and days_between(today, _day(d)) > 0]
    ahead = [d for d in closing if days_between(today, _day(d)) >= 0]
    if process.kind == "zone" and not closing:
        opens = opening[0] if opening else None
        return NextStep(process, schools, LATER if opens else NO_DEADLINE, opens=opens,
                        opens_in=days_between(today, _day(opens)) if opens else None)
    if not closing:
        return NextStep(process, schools, UNKNOWN)
    deadline = ahead[0] if ahead else closing[-1]
    left = days_between(today, _day(deadline))
    step = NextStep(process, schools, _level(left), deadline, left)
    opens = [d for d in opening if d.date <= deadline.date]
    if opens and left >= 0:
        step.opens, step.opens_in = opens[0], days_between(today, _day(opens[0]))
    if left < 0:
        step.late_options = process.late_options
        step.then = next((d for d in dated if days_between(today, _day(d)) >= 0), None)
    return step


def next_steps(schools: list[PlanSchool], today: date) -> list[NextStep]:
    """The plan for a list on ``today``: one step per process, in the order to act on them."""
    grouped: dict[str, tuple[ApplicationProcess, list[PlanSchool]]] = {}
    for school in schools:
        for process in school.processes:
            grouped.setdefault(process.id, (process, []))[1].append(school)
    steps = [_step(process, covered, today) for process, covered in grouped.values()]

    def order(step: NextStep) -> tuple:
        when = step.deadline or step.opens
        return (LEVELS.index(step.level), when.date if when else "9999",
                (when.time or "") if when else "", step.process.id)

    return sorted(steps, key=order)


# --- in words ----------------------------------------------------------------------------------


@dataclass
class StepWords:
    """A step in one language: a bold headline (mark and words), then plain sentences."""

    mark: str
    headline: str  # "Closes tomorrow" (the mark is separate, so renderers can draw it)
    when: str  # "Friday, December 4, 2026 at 5:00 PM", or ""
    sentence: str
    details: list[str] = field(default_factory=list)

    def plain(self) -> str:
        """The whole step as one text (a screen reader's name, a test's view)."""
        head = " · ".join(x for x in (f"{self.mark} {self.headline}", self.when) if x)
        return "\n".join([head, self.sentence, *self.details])


def school_names(step: NextStep, lang: str) -> str:
    """The schools a step covers, in list order, each with whose it is when that is known."""
    t = translations_for(lang)
    _ = t.gettext
    names = [_("{school} (for {child})").format(school=s.name, child=s.for_whom)
             if s.for_whom else s.name for s in step.schools]
    return format_list(names, locale=babel_locale(lang))


def headline(step: NextStep, lang: str) -> str:
    """The words that go with the step's mark: ``Closes tomorrow``, ``Closed 9 days ago``..."""
    t = translations_for(lang)
    _ = t.gettext
    if step.level == UNKNOWN:
        return _("No date in this data")
    if step.level == NO_DEADLINE:
        return _("No deadline")
    if step.level == TODAY:
        return _("Last day: today")
    if step.registration:
        return _capital(countdown(step.opens_in or 0, "opens", lang))
    return _capital(countdown(step.days_left or 0, "closes", lang))


def _capital(text: str) -> str:
    """A countdown ("closes tomorrow") as a headline ("Closes tomorrow")."""
    return text[:1].upper() + text[1:]


def _text(value: Text | None, lang: str) -> str:
    if value is None or not value.value:
        return ""
    if value.fallback:
        return translations_for(lang).pgettext("fallback", "{text} (in English)").format(
            text=value.value)
    return value.value


def step_words(step: NextStep, lang: str, process_name: str | None = None) -> StepWords:
    """The step said in ``lang``.  ``process_name``: the process's name as the caller shows it
    (a shortened one on paper); by default the pack's name in ``lang``."""
    t = translations_for(lang)
    _ = t.gettext
    process = process_name if process_name is not None else _text(step.process.name, lang)
    schools = school_names(step, lang)
    n = len(step.schools)
    if step.registration:
        sentence = t.ngettext(
            "Register at {schools}, your zoned school: no application and no lottery.",
            "Register at your zoned school, {schools}: no application and no lottery.",
            n).format(schools=schools)
    elif n > 1:
        sentence = t.ngettext(
            "One application, “{process}”, covers {n} school on your list: {schools}.",
            "One application, “{process}”, covers {n} schools on your list: {schools}.",
            n).format(process=process, n=format_number(n, lang), schools=schools)
    elif step.schools and step.schools[0].name in process:  # a school's own lottery names it
        sentence = _("Apply through “{process}”, the school's own application.").format(
            process=process)
    else:
        sentence = _("Apply to {school} through “{process}”.").format(school=schools,
                                                                     process=process)
    details: list[str] = []
    when = ""
    if step.deadline is not None:
        when = format_when(_day(step.deadline), step.deadline.time, lang)
    elif step.opens is not None:
        when = format_when(_day(step.opens), step.opens.time, lang)
    if step.opens is not None and step.deadline is not None:
        details.append(_("Applications open on {date}.").format(
            date=format_when(_day(step.opens), step.opens.time, lang)))
    if step.level == PASSED:
        late = _text(step.late_options, lang)
        details.append(_("What you can still do: {options}").format(options=late) if late else
                       _("We do not know whether late applications are taken; ask the school or "
                         "the district."))
        if step.then is not None:
            label = _text(step.then.label, lang) or kind_label(step.then.kind, lang)
            details.append(_("If you applied: {what}, {date}.").format(
                what=label, date=format_when(_day(step.then), step.then.time, lang)))
    elif step.level == UNKNOWN:
        details.append(_("The data has no date for this process: ask the school or the district "
                         "when to apply."))
    elif step.level == NO_DEADLINE:
        late = _text(step.process.late_options, lang)
        if late:
            details.append(late)
    return StepWords(step.mark, headline(step, lang), when, sentence, details)


__all__ = ["LEVELS", "MARKS", "NO_DEADLINE", "PASSED", "TODAY", "TOMORROW", "UNKNOWN", "URGENT",
           "WEEK", "WEEK_DAYS", "LATER", "NextStep", "PlanSchool", "StepWords", "headline",
           "next_steps", "plan_schools", "school_names", "step_words"]
