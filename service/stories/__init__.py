"""Reposts of one story across documents -> one `story_id`: near-duplicate detection of article
text with MinHash LSH (datasketch). `fingerprint` signs one document where it is processed (in
the batch, here or on a Ray worker); `group` joins the signatures of a whole batch output into
stories, in one deterministic pass that does not depend on the order documents finished in."""
