"""Pydantic models shared by the extractor, the HTTP API, the batch and its export, the fixtures
and the scorer.

Imports only pydantic and the standard library.
"""
