"""The tests' last word after any write: every stored counter equals a recount of its rows.

The recount itself is production code (`auscult.moderation.counters`), shared with the seeder and
`manage.py counters`; this turns its drift into a test failure."""

from auscult.moderation.counters import counter_drift


def assert_counters_exact():
    drift = counter_drift()
    assert not drift, "stored counters differ from their recount:\n" + "\n".join(drift[:20])
