#!/usr/bin/env python3
"""The search as readers use it (Python 3, standard library only).

  list N                  N distinct search addresses: words of the record (single, pairs,
                          phrases, exclusions, alternatives), some narrowed by kind, element or
                          page, in a fixed shuffled order
  time BASE FILE C        asks for each address of FILE once, C at a time (so each one is a
                          first render: no kept page answers it), and prints
                          "count p50_ms p99_ms errors"
"""
import concurrent.futures
import itertools
import random
import sys
import time
import urllib.parse
import urllib.request

# Words the built-in and the generated record hold, and a few they do not.
WORDS = [
    "firewalls", "detention", "children", "recruitment", "fees", "justice", "status", "protection",
    "reunification", "returns", "readmission", "rescue", "criminalisation", "skills", "consular",
    "disaggregated", "participation", "migrant", "workers", "domestic", "seafarers", "diaspora",
    "network", "alliance", "sahel", "mekong", "balkan", "andean", "regularisation", "pathways",
    "ilo", "paragraph", "zero", "draft", "review", "consultation", "hearing", "stocktaking",
    "quillfeather", "xylograph",
]
KINDS = ["", "demand", "position", "organisation", "comment"]
ELEMENTS = ["", "i", "a", "q"]


def addresses(n):
    rng = random.Random(2018)
    queries = set(WORDS)
    for a, b in itertools.combinations(WORDS, 2):
        queries.add(f"{a} {b}")
        if len(queries) > 6 * n:
            break
    queries = sorted(queries)
    rng.shuffle(queries)
    out, seen = [], set()
    for q in queries:
        form = rng.random()
        if form < 0.1:
            q = f"\"{q}\""
        elif form < 0.15 and " " in q:
            q = q.replace(" ", " -", 1)
        elif form < 0.2 and " " in q:
            q = q.replace(" ", " or ", 1)
        params = {"q": q}
        kind, element = rng.choice(KINDS), rng.choice(ELEMENTS)
        if kind:
            params["kind"] = kind
        if element:
            params["element"] = element
        if rng.random() < 0.1:
            params["page"] = "2"
        path = "/search?" + urllib.parse.urlencode(params)
        if path not in seen:
            seen.add(path)
            out.append(path)
        if len(out) >= n:
            break
    return out


def timed(base, path):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            r.read()
            ok = r.status == 200
    except Exception:
        ok = False
    return (time.monotonic() - start) * 1000, ok


def main():
    if sys.argv[1:2] == ["list"]:
        print("\n".join(addresses(int(sys.argv[2]))))
    elif sys.argv[1:2] == ["time"]:
        base, paths, c = sys.argv[2].rstrip("/"), open(sys.argv[3]).read().split(), int(sys.argv[4])
        with concurrent.futures.ThreadPoolExecutor(c) as pool:
            results = list(pool.map(lambda p: timed(base, p), paths))
        ms = sorted(m for m, _ in results)
        pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
        print(len(ms), f"{pick(0.5):.2f}", f"{pick(0.99):.2f}", sum(1 for _, ok in results if not ok))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
