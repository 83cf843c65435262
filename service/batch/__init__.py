"""A folder of pages or a JSONL file of records -> OUT.jsonl, one line per document, resumable.

INPUT is a folder of .txt/.md/.html files (id = file name, published from the dateline), or a
.jsonl file of {"id", "text", "published"?, "url"?, "outlet"?, "title"?, ...} records: a
record's url, outlet, title, published and any other keys (under `meta`) travel into its line as
`source`. Each output line is a `schemas.batch.BatchLine`:

    {"id": "000.txt", "status": "ok", "result": {...the document JSON of laborlens extract...}}
    {"id": "bad.txt", "status": "error", "error": {"code": "bad_input", "message": "...",
                                                   "reasons": []}}

Exactly once: one writer appends each line, flushed and fsync'd, as its document finishes. On
start, a torn last line (no newline: the process died mid-write) is cut off and every id already
in OUT is skipped, so running the same command again after Ctrl-C or kill -9 finishes the rest.
An exclusive lock on OUT keeps a second run from writing it at the same time.

A document fails (an `error` line) when it cannot be read, when anything raises while it is
processed, or when chunks failed and nothing was extracted from the rest, because its result
would then say nothing reliable ("chunks_failed", one reason per chunk, and `usage`: what its
chunks cost, re-asks included). A document with items and some failed chunks is `ok`;
`result.errors` lists those chunks.

Two engines share that contract: `local` runs every document in this process's event loop;
`cluster` spreads them over a Ray cluster's worker actors (`worker`) while this process stays
the single writer. Both read INPUT through `source`, write OUT through `sink`, and turn one
document into one line with `document`.
"""
