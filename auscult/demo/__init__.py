"""The demo magazine: generated sections, authors, articles, print issues, readers and discussion.

The top of the layer graph: it writes through every app's models, and no app imports it.
"""
