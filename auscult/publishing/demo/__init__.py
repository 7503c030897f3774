"""Deterministic generators for demo content: article text, author profiles, portraits and print covers."""
