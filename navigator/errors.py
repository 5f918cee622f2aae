"""The one error type that reaches the user.

Every problem a person can fix (a bad file, a bad argument) is raised as a
:class:`UserError` carrying one sentence that says what is wrong, where, and
how to fix it.  The CLI prints it and exits with code 2; the GUI shows it.
"""


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole message."""

    exit_code = 2
