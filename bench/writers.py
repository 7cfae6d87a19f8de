#!/usr/bin/env python3
"""The benchmark's writers, through the site's own HTML forms (Python 3, standard library only).

  loop      One coordinator re-rates a demand every second and one member posts a comment every
            second, for --duration seconds, while bench/run measures the readers. Prints one
            line per kind: kind, requests, succeeded, failed, p50 ms, p99 ms (tab-separated).
  rate-once The coordinator re-rates one demand (the change before a "first render after a
            change"); exits 1 if the rating was refused.

The coordinator rates demands of --organisation against --draft, as the assessing page
(/drafts/{draft}/assess) offers them: each form's fields, its demand and the version of the
rating it shows are read from that page's HTML, and the rating posted alternates between "met"
and "partly met", so every request really changes the rating (and its version). The version
is then followed locally (a saved change is version + 1); after a refusal the page is read
again. A write has failed if it is answered with anything but 200 or 303 (a 303 to where the
form leads when it is done: not to the sign-in page), or not at all.

Usage: writers.py --base URL --password PW --coordinator EMAIL --member EMAIL --draft SLUG
                  --organisation SLUG --position SLUG (loop --duration S [--ready FILE] | rate-once)
"""
import argparse
import html
import http.client
import re
import sys
import threading
import time
import urllib.parse

TIMEOUT = 10  # seconds: a request not answered by then has failed (and every loop ends)


class Client:
    """One browser with a session cookie; a new connection for each request, like curl."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.base = base.rstrip("/")
        self.host, self.port = url.hostname, url.port or 80
        self.cookie = None

    def request(self, method, path, form=None):
        """(status, headers, body); raises on a network error or a time-out."""
        headers = {"Origin": self.base, "Accept-Encoding": "identity"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            conn.close()

    def sign_in(self, email, password):
        status, headers, _ = self.request("POST", "/login", {"email": email, "password": password, "next": "/"})
        for name, value in headers:
            if name.lower() == "set-cookie" and value.startswith("tracker_session=") and "=;" not in value:
                self.cookie = value.split(";", 1)[0]
        if status != 303 or not self.cookie:
            sys.exit(f"writers: {email} could not sign in (status {status})")


def timed(fn, done_at):
    """(ok, ms) of a form's post: fn returns (status, headers, body). ok when the answer is
    200, or 303 to where the form leads once done (`done_at`, the start of the address):
    a 303 elsewhere (the sign-in page) is a refusal."""
    start = time.perf_counter()
    try:
        status, headers, _ = fn()
        location = next((v for k, v in headers if k.lower() == "location"), "")
        ok = status == 200 or (status == 303 and location.startswith(done_at))
        if not ok:
            print(f"writers: answered {status} {location}", file=sys.stderr)
    except Exception as e:  # a network error or a time-out is a failed write
        print(f"writers: {e!r}", file=sys.stderr)
        ok = False
    return ok, (time.perf_counter() - start) * 1000


class Coordinator:
    def __init__(self, args):
        self.args = args
        self.client = Client(args.base)
        self.client.sign_in(args.coordinator, args.password)
        self.page = f"/drafts/{args.draft}/assess?" + urllib.parse.urlencode(
            {"organisation": args.organisation, "show": "all"}
        )
        self.items = self.read_page()
        if not self.items:
            sys.exit(f"writers: no demand to rate on {self.page}")
        self.turn = 0

    def read_page(self):
        """The assessing page's forms: {demand: fields}, in the page's order."""
        status, _, body = self.client.request("GET", self.page)
        if status != 200:
            sys.exit(f"writers: {self.page} answered {status}")
        text = body.decode("utf-8")
        items = {}
        for chunk in text.split('class="work-item"')[1:]:
            chunk = chunk.split("</li>", 1)[0]
            action = re.search(r'<form method="post" action="([^"]+)" class="[^"]*assess-form', chunk)
            version = re.search(r'name="version" value="(\d+)"', chunk)
            demand = re.search(r'name="demand" value="([^"]+)"', chunk)
            if not (action and version and demand):
                continue
            rating = re.search(r'name="rating" value="([a-z_]+)"[^>]*\schecked', chunk)
            sections = re.findall(r'<option value="([^"]+)"', chunk)
            chosen = re.search(r'<option value="([^"]+)" selected', chunk)
            quote = re.search(r'<textarea[^>]*name="quote"[^>]*>([^<]*)</textarea>', chunk)
            note = re.search(r'<textarea[^>]*name="note"[^>]*>([^<]*)</textarea>', chunk)
            source = re.search(r'<input[^>]*name="source_url"[^>]*value="([^"]*)"', chunk)
            section = chosen.group(1) if chosen else (sections[0] if sections else "")
            items[html.unescape(demand.group(1))] = {
                "action": html.unescape(action.group(1)),
                "version": int(version.group(1)),
                "rating": rating.group(1) if rating else "",
                "section": html.unescape(section),
                "quote": html.unescape(quote.group(1)).strip() if quote and quote.group(1).strip() else "benchmark evidence",
                "note": html.unescape(note.group(1)) if note else "",
                "source_url": html.unescape(source.group(1)) if source and source.group(1) else "https://example.org/benchmark-wording",
            }
        return items

    def rate(self):
        """Re-rates the next demand; (ok, ms)."""
        demands = list(self.items)
        demand = demands[self.turn % len(demands)]
        self.turn += 1
        item = self.items[demand]
        rating = "partly_met" if item["rating"] == "met" else "met"
        form = {
            "version": str(item["version"]),
            "demand": demand,
            "rating": rating,
            "section": item["section"],
            "quote": item["quote"],
            "source_url": item["source_url"],
            "note": item["note"],
        }
        ok, ms = timed(lambda: self.client.request("POST", item["action"], form), f"/drafts/{self.args.draft}/assess")
        if ok:
            item["version"] += 1
            item["rating"] = rating
        else:
            print(f"writers: rating {demand} (version {item['version']}) failed", file=sys.stderr)
            try:
                self.items.update(self.read_page())
            except BaseException as e:  # the page itself may be what fails
                print(f"writers: could not read the assessing page again: {e!r}", file=sys.stderr)
        return ok, ms


class Member:
    def __init__(self, args):
        self.client = Client(args.base)
        self.client.sign_in(args.member, args.password)
        self.position = args.position
        self.path = f"/positions/{args.position}/comments"
        self.n = 0

    def comment(self):
        self.n += 1
        body = f"A benchmark comment posted while readers read, number {self.n} at {time.time():.3f}."
        form = {"body": body, "parent": "", "demand": ""}
        return timed(lambda: self.client.request("POST", self.path, form), f"/positions/{self.position}#comment-")


def percentile(values, p):
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


def every_second(act, start, duration, offset, results):
    """Calls act at start + offset + k seconds until start + duration."""
    k = 0
    while True:
        at = start + offset + k
        if at >= start + duration:
            return
        delay = at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        results.append(act())
        k += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("base", "password", "coordinator", "member", "draft", "organisation", "position"):
        parser.add_argument(f"--{name}", required=True)
    sub = parser.add_subparsers(dest="mode", required=True)
    loop = sub.add_parser("loop")
    loop.add_argument("--duration", type=float, required=True)
    loop.add_argument("--ready", help="a file written once both writers are signed in and ready")
    sub.add_parser("rate-once")
    args = parser.parse_args()

    if args.mode == "rate-once":
        ok, ms = Coordinator(args).rate()
        print(f"rating\t{'ok' if ok else 'failed'}\t{ms:.2f}")
        sys.exit(0 if ok else 1)

    coordinator, member = Coordinator(args), Member(args)
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("ready\n")
    start = time.monotonic()
    ratings, comments = [], []
    threads = [
        threading.Thread(target=every_second, args=(coordinator.rate, start, args.duration, 0.0, ratings)),
        threading.Thread(target=every_second, args=(member.comment, start, args.duration, 0.5, comments)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for kind, results in (("rating", ratings), ("comment", comments)):
        times = [ms for _, ms in results]
        succeeded = sum(1 for ok, _ in results if ok)
        print(f"{kind}\t{len(results)}\t{succeeded}\t{len(results) - succeeded}\t{percentile(times, 50):.2f}\t{percentile(times, 99):.2f}")


if __name__ == "__main__":
    main()
