"""Soak: a few hundred documents through the real `laborlens batch` under a seeded fault mix.

The fake OpenAI server runs in its own process with a FaultPlan and some latency, and logs one
JSON line per chat request (arrival and answer times, the chunk asked about, the fault served,
Retry-After sent, usage). `laborlens batch` runs as a subprocess against it, is killed with
SIGKILL part-way through (unless --no-kill) and run again to resume. Then the output and the
server's log are checked against issue 8 and a table is printed; any failed check exits 1.

    python -m benchmarks.soak [--docs 400] [--seed 1] [--no-kill]

Requests are tied to documents by their chunk text: every sentence of a soak document carries
the document's own mark, so no two documents share a chunk, and each run identifies itself to
the server by its API key (`soak-run-1`, `soak-run-2`). The checks:

- lines: one whole JSON line per document, none lost, duplicated, torn or foreign; each `ok`
  or `error` with a code and message (chunks_failed also with one reason per chunk); blank
  documents are bad_input; no `internal` errors.
- requests: every request belongs to one document; one chunk text in one run gets at most
  (1 + max_retries)(1 + reasks) requests, one document at most chunks x 3 x that per run that
  asked (a cut-off chunk adds an ask per half); run 2 sends nothing for what run 1 wrote.
- retries: each chunk's sequence of requests is replayed against the two retry layers (a
  transport failure is retried until its budget is spent, a malformed answer re-asked, anything
  else ends it): nothing after the end, nothing missing where a retry was due; a retry after a
  429/503 comes no sooner than its retry-after-ms; every fault mode was served.
- usage: each line's usage (ok: `result.usage`, chunks_failed: `error.usage`) equals what the
  server served its document in the run that wrote it, tokens and requests, re-asks included;
  the rest of the server's tokens went to the killed run's unfinished documents.

The modules, in the order a soak runs: config (the settings the checks are written against),
documents (the corpus), folder (where the files go), server (the recorded fake, in its own
process), runs (the two batch runs), server_log (the server's log tied to documents), checks
and retries (the invariants), report (the table), __main__ (arguments and wiring).
"""
