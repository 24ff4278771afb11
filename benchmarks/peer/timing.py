"""Contention-gated wall-clock timing, the method of the peer suite's common.time_fn and of
robust4j's GatedTimer, so both sides' numbers mean the same.

On a 2-core machine shared with other jobs, a 2-thread PyTorch pool collapses as soon as another
process occupies a core. Every sample therefore records how many cores *other* processes used
during it (/proc/stat busy time minus this process's CPU time); a sample is clean when that is at
most QUIET_MAX_OTHER cores. After a contended sample (and before the first) we wait, up to
MAX_WAIT_S, for a quiet machine. The median is over clean samples, over all samples when none
was clean.
"""
import os
import statistics
import time

QUIET_MAX_OTHER = 0.15   # cores other processes may use during a clean sample
MAX_WAIT_S = 30.0        # longest wait for a quiet machine before one sample
LONG_CALL_S = 5.0        # a call longer than this needs one clean sample (at most 3), as GatedTimer

MODES = {
    "quick": {"sample_s": 0.3, "clean_needed": 3, "max_samples": 6, "limit_s": 20.0},
    "full": {"sample_s": 1.0, "clean_needed": 5, "max_samples": 15, "limit_s": 120.0},
}


def _busy_s():
    """Busy CPU seconds of the whole machine so far (all cores: user..steal minus idle, iowait)."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


class Meter:
    """Wall seconds of a with-block and the average cores other processes used meanwhile."""

    def __enter__(self):
        self._busy, self._own, self._t = _busy_s(), time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall_s = time.perf_counter() - self._t
        own = time.process_time() - self._own        # all threads of this process
        busy = _busy_s()
        if busy is None or self._busy is None or self.wall_s <= 0:
            self.other = 0.0                          # no /proc: every sample looks quiet
        else:
            self.other = max(0.0, busy - self._busy - own) / self.wall_s
        return False

    @property
    def clean(self):
        return self.other <= QUIET_MAX_OTHER


def wait_quiet(max_wait_s):
    """Sleeps in 0.2 s windows until one is quiet or max_wait_s passed; returns seconds waited."""
    t0 = time.perf_counter()
    while True:
        with Meter() as m:
            time.sleep(0.2)
        waited = time.perf_counter() - t0
        if m.clean or waited >= max_wait_s:
            return waited


def _summary(per_call, others, clean_needed, calls_per_sample, waited, warmup_s):
    clean = [p for p, o in zip(per_call, others) if o <= QUIET_MAX_OTHER]
    return {"median_s": statistics.median(clean or per_call), "min_s": min(per_call), "max_s": max(per_call),
            "samples": len(per_call), "clean_samples": len(clean), "calls_per_sample": calls_per_sample,
            "contended": len(clean) < clean_needed, "other_cores_per_sample": [round(o, 3) for o in others],
            "waited_s": round(waited, 3), "warmup_s": warmup_s}


def time_calls(fn, mode, warmup_s=None):
    """Seconds per call of fn(): one warm-up call (or pass warmup_s, the duration of a call the
    caller just made), then samples of back-to-back calls lasting at least sample_s each."""
    m = MODES[mode]
    if warmup_s is None:
        t = time.perf_counter()
        fn()
        warmup_s = time.perf_counter() - t
    inner = max(1, int(m["sample_s"] / max(warmup_s, 1e-9)))
    long_call = warmup_s > LONG_CALL_S
    clean_needed = 1 if long_call else m["clean_needed"]
    max_samples = 3 if long_call else m["max_samples"]
    per_call, others, waited = [], [], 0.0
    start = time.perf_counter()
    prev_clean = False
    while True:
        if not prev_clean:
            waited += wait_quiet(min(MAX_WAIT_S, max(0.0, m["limit_s"] - (time.perf_counter() - start))))
        with Meter() as s:
            for _ in range(inner):
                fn()
        per_call.append(s.wall_s / inner)
        others.append(s.other)
        prev_clean = s.clean
        n_clean = sum(o <= QUIET_MAX_OTHER for o in others)
        if n_clean >= clean_needed or len(per_call) >= max_samples or time.perf_counter() - start > m["limit_s"]:
            break
    return _summary(per_call, others, clean_needed, inner, waited, warmup_s)


def time_each(calls, mode, warmup=None):
    """Times each of `calls` (zero-argument functions, all of which run) as one sample, waiting
    for a quiet machine after a contended one while the mode's time limit lasts; contended when
    fewer than min(clean_needed, len(calls)) were clean. Returns (timing dict, the calls' results);
    warmup is an untimed call made first."""
    m = MODES[mode]
    warmup_s = None
    if warmup is not None:
        t = time.perf_counter()
        warmup()
        warmup_s = time.perf_counter() - t
    per_call, others, results, waited = [], [], [], 0.0
    start = time.perf_counter()
    prev_clean = False
    for call in calls:
        if not prev_clean:
            waited += wait_quiet(min(MAX_WAIT_S, max(0.0, m["limit_s"] - (time.perf_counter() - start))))
        with Meter() as s:
            results.append(call())
        per_call.append(s.wall_s)
        others.append(s.other)
        prev_clean = s.clean
    return _summary(per_call, others, min(m["clean_needed"], len(calls)), 1, waited, warmup_s), results
