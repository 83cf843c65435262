"""Backends that turn one chunk of text into drafts: rules (pure) and llm (instructor + openai)."""
