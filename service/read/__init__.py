"""What users have -> the text the pipeline reads: plain text, HTML pages in any charset (main
text and metadata), PDF text layers with their page offsets, and URLs.

    read_location("page.shtml") / read_location("https://…") / read_location("-")  -> Page

One module per idea: `open` picks the reader by suffix, content type or content; `text`,
`html` (+ `meta`) and `pdf` read one format each; `charset` decodes bytes; `fetch` brings a URL;
`stamp` writes what was read into the document result.
"""
