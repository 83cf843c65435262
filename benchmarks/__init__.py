"""`make bench`: laborlens against LangExtract on the seed pages and the same local fake model.

Run `.venv/bin/python -m benchmarks`; README.md here holds the last results and how to read them.
"""
