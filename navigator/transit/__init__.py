"""Door-to-school trips by public transit, from the timetables in the pack (no Qt).

* ``timetable`` reads the compact timetable the builder wrote (every feed merged onto the pack's
  stops) and knows each feed's service days (``calendar``).
* ``router`` answers "from this home to every school at once, arriving by T on date D";
  ``trace`` gives one school's trip, leg by leg, from what the query kept.
* ``trips`` holds the answer for one school (a ``Trip`` of ``Leg``\\ s); ``words`` says it in the
  family's language.
"""
