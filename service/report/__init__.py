"""`laborlens report`: a batch output drawn as an analyst first draws it, in one HTML page that
needs nothing but itself. `tables` sums the facts and counts the events, `charts` draws them as
Vega-Lite rendered to inline SVG by vl-convert (no script on the page), `page` lays them out with
the facts table, and `build` reads OUT and writes the file."""
