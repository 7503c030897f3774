"""The seeder's progress bar: tqdm's where the demo requirements are installed, plain lines otherwise.

tqdm is in `requirements/demo.txt`, not in what production installs (`requirements/base.txt`), and
`seed_demo --allow-production` must still work there, so it is imported only when a bar is wanted."""

import sys


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
