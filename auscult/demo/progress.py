"""The seeder's progress bar: tqdm's where the demo requirements are installed, plain lines otherwise.

tqdm is in `requirements/demo.txt`, not in what production installs (`requirements/base.txt`), and
`seed_demo --allow-production` must still work there, so it is imported only when a bar is wanted."""

import sys
import time
from contextlib import contextmanager


def progress_bar(*, total, unit, desc, disable=False):
    """A bar with tqdm's `update(n)` and `close()`, written to standard error as tqdm's is."""
    try:
        from tqdm import tqdm
    except ImportError:
        return PlainProgress(total=total, unit=unit, desc=desc, disable=disable)
    return tqdm(total=total, unit=unit, desc=desc, disable=disable)


class PlainProgress:
    """One line per update ("Articles: 500/10,000 articles"), for an environment without tqdm."""

    def __init__(self, *, total, unit, desc, disable=False):
        self.total, self.unit, self.desc, self.disable = total, unit, desc, disable
        self.done = 0

    def update(self, n=1):
        self.done += n
        if not self.disable:
            print(f"{self.desc}: {self.done:,}/{self.total:,} {self.unit}s", file=sys.stderr, flush=True)

    def close(self):
        pass


class Phases:
    """A seeding run's phases: each timed, and given a bar when it says how much it will do.

    `with phases("Comments", total=n, unit="comment") as bar: ... bar.update(k)`; `phases.times` keeps
    the seconds per phase, in order, for the summary `seed_demo` prints at the end."""

    def __init__(self, *, show=True):
        self.show = show
        self.times = {}

    @contextmanager
    def __call__(self, name, *, total=0, unit="row"):
        bar = progress_bar(total=total, unit=unit, desc=name, disable=not (self.show and total))
        started = time.perf_counter()
        try:
            yield bar
        finally:
            bar.close()
            self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - started
