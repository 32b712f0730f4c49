"""The app's one clock (see ``Clock``). Plain Python: no Qt, so it costs nothing at start-up."""

from __future__ import annotations

import datetime as dt


class Clock:
    """The app's one clock: the only place in ``ui/`` and the store that reads the wall clock.

    Everything that needs the date or the time takes it from here (``ctx.clock.now()``,
    ``ctx.today()``): the store's timestamps, the screens' "today", the letters' date. A clock made
    with ``fixed`` stands still at that moment (tests, screenshots), so the store and the screens can
    never disagree about the day.
    """

    def __init__(self, fixed: dt.datetime | None = None):
        if fixed is not None and fixed.tzinfo is None:
            raise ValueError("a fixed clock needs a timezone-aware moment")
        self._fixed = fixed

    @classmethod
    def on(cls, day: dt.date) -> Clock:
        """A clock standing at midday UTC on ``day`` (the same date in every UK time zone)."""
        return cls(dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.timezone.utc))

    def now(self) -> dt.datetime:
        if self._fixed is not None:
            return self._fixed
        return dt.datetime.now(dt.timezone.utc)

    def today(self) -> dt.date:
        """The date where the user is (local time), from the same moment as ``now``."""
        return self.now().astimezone().date()
