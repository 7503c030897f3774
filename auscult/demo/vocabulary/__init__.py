"""The demo's vocabulary: word lists, names and sentence templates, kept apart from the code that fills them.

Slots in braces are filled from the article context; a capitalised slot name capitalises its value. Subjects
that may be singular or plural ({thing}) only take modal or past-tense verbs. Everything here is our own
invention; nothing is copied from a real publication, and every person named is made up.

    people        names, towns, practices and the parts of author profiles
    topics        the subjects stories are about, with who acts and when
    reporting     news pieces and the quotes in them
    features      features and their case studies
    first_person  opinion pieces, columns and the editor's blog
    magazine      sections, standfirsts, editor's notes and print issues
    comments      readers' comments and replies (engagement.py)
"""
