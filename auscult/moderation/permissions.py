"""The permissions moderation's services check (`auscult.core.actors.require`)."""

# Decide comments, sanction members, place and lift legal holds: the Moderators group holds it.
MODERATE = "comments.moderate_comment"
VIEW_AUDIT = "moderation.view_auditentry"
