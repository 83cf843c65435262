"""Pydantic models shared by the extractor, the HTTP API, the fixtures and the scorer.

Imports only pydantic and the standard library.
"""
