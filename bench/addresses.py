#!/usr/bin/env python3
"""The public addresses bench/run's readers cycle over, one a line, read from the JSON API of a
running server (Python 3, standard library only).

  mix BASE          the read mix (a few dozen): scorecard of every draft, matrix pages (all
                    and by region), elements, the timeline, lists, the API's scorecard
  tail BASE N       N distinct addresses (fewer if the record has fewer; the count is on
                    stderr): organisation, position, consultation, element and matrix pages,
                    each organisation's demands on each draft, the API's demand records...,
                    taken from each kind in turn, in a fixed shuffled order
  cold BASE ORG     about ten representative pages, for first renders (ORG: an organisation
                    whose pages are among them)
  latest-draft BASE the latest draft's slug
"""
import json
import math
import random
import sys
import urllib.parse
import urllib.request

REGIONS = ["global", "africa", "arab_states", "asia_pacific", "europe", "latin_america_caribbean", "north_america"]
KINDS = ["migrant_led", "ngo", "trade_union", "faith_based", "academic", "network"]


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=120) as r:
        return json.load(r)


def drafts(base):
    return [d["slug"] for d in sorted(get(base, "/api/v1/drafts"), key=lambda d: d["released_on"])]


def matrix_pages(base, **filters):
    query = urllib.parse.urlencode(filters)
    rows = get(base, "/api/v1/scorecard/matrix" + ("?" + query if query else ""))["rows"]
    return max(1, math.ceil(rows["total"] / rows["per_page"]))


def paged(base, path, limit):
    """Items of a paged API list, until `limit` items or the end."""
    items, page = [], 1
    while len(items) < limit:
        sep = "&" if "?" in path else "?"
        got = get(base, f"{path}{sep}page={page}")
        items += got["items"]
        if not got["items"] or page * got["per_page"] >= got["total"]:
            break
        page += 1
    return items[:limit]


def mix(base):
    ds = drafts(base)
    out = ["/", "/scorecard"]
    out += [f"/scorecard?draft={d}" for d in ds]
    out += [f"/scorecard/matrix?page={n}" for n in range(1, min(3, matrix_pages(base)) + 1)]
    out += [f"/scorecard/matrix?page=1&region={r}" for r in REGIONS]
    out += ["/scorecard/demands", "/scorecard/gaps", "/scorecard/change"]
    out += ["/elements"] + [f"/elements/{e['letter']}" for e in get(base, "/api/v1/elements")]
    out += ["/timeline", "/organisations", "/drafts", f"/drafts/{ds[-1]}"]
    out += ["/api/v1/scorecard/overview", "/api/v1/scorecard/matrix", "/api/v1/elements", "/api/v1/timeline", "/api/v1/drafts"]
    return out


def tail(base, n):
    ds = drafts(base)
    orgs = paged(base, "/api/v1/organisations", n)
    positions = paged(base, "/api/v1/positions", n)
    demands = [d["slug"] for p in positions for d in p.get("demands", []) if "slug" in d]
    kinds = [
        [f"/organisations/{o['slug']}" for o in orgs],
        [f"/positions/{p['slug']}" for p in positions],
        [
            f"/scorecard/demands?organisation={o['slug']}&draft={d}"
            for o in orgs
            if o.get("demand_count", 1) > 0
            for d in ds
        ],
        [f"/scorecard/matrix?page={p}&region={r}" for r in REGIONS for p in range(1, matrix_pages(base, region=r) + 1)]
        + [f"/scorecard/matrix?page={p}&kind={k}" for k in KINDS for p in range(1, matrix_pages(base, kind=k) + 1)]
        + [f"/scorecard/matrix?page={p}&draft={d}" for d in ds for p in range(1, matrix_pages(base, draft=d) + 1)],
        [
            f"/elements/{e['letter']}?page={p}"
            for e in get(base, "/api/v1/elements")
            for p in range(1, max(1, math.ceil(e["organisation_count"] / 50)) + 1)
        ],
        [f"/consultations/{c['slug']}" for c in get(base, "/api/v1/consultations")],
        [f"/api/v1/demands/{d}" for d in demands],
        [f"/api/v1/organisations/{o['slug']}" for o in orgs] + [f"/api/v1/positions/{p['slug']}" for p in positions],
    ]
    out, seen = [], set()
    while len(out) < n and any(kinds):
        for k in kinds:
            while k:
                a = k.pop(0)
                if a not in seen:
                    seen.add(a)
                    out.append(a)
                    break
            if len(out) >= n:
                break
    if len(out) < n:
        print(f"addresses: only {len(out)} distinct addresses in this record (asked for {n})", file=sys.stderr)
    random.Random(2018).shuffle(out)
    return out


def cold(base, org):
    d = drafts(base)[-1]
    position = paged(base, f"/api/v1/positions?organisation={org}", 1)[0]["slug"]
    return [
        "/",
        "/scorecard",
        "/scorecard/matrix?page=2",
        f"/scorecard/demands?organisation={org}&draft={d}",
        "/scorecard/gaps",
        "/scorecard/change",
        f"/organisations/{org}",
        f"/positions/{position}",
        "/elements/i",
        "/timeline",
        f"/drafts/{d}",
        "/api/v1/scorecard/overview",
    ]


def main():
    mode, base = sys.argv[1], sys.argv[2].rstrip("/")
    if mode == "mix":
        out = mix(base)
    elif mode == "tail":
        out = tail(base, int(sys.argv[3]))
    elif mode == "cold":
        out = cold(base, sys.argv[3])
    elif mode == "latest-draft":
        out = [drafts(base)[-1]]
    else:
        sys.exit(__doc__)
    print("\n".join(out))


if __name__ == "__main__":
    main()
