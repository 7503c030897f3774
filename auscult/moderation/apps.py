from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "auscult.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from auscult.comments import screening
        from auscult.members import access, data
        from auscult.publishing import engagement

        from . import audit, policy, services, signals, surge, timing
        from .legal_holds import has_active_hold, held_comment_ids
        from .people import export_moderation
        from .sanctions import active_sanction, is_banned_identity
        from .selectors import comment_mode_choices, comment_mode_for

        signals.connect()

        # The comments app asks moderation through these (auscult/comments/screening.py).
        screening.assess.fill(policy.assess)
        screening.comment_mode.fill(comment_mode_for)
        screening.after_change.fill(surge.check)
        screening.hidden_by_reports.fill(audit.record_hidden_by_reports)
        screening.typical_wait.fill(timing.typical_wait_text)
        screening.held_comment_ids.fill(held_comment_ids)
        # And the members app asks it whether a member or an identity is sanctioned (auscult/members/access.py).
        access.active_sanction.fill(active_sanction)
        access.is_banned_identity.fill(is_banned_identity)
        # And publishing, for the article's surge note and the comment mode on its admin form
        # (auscult/publishing/engagement.py).
        engagement.article_note.fill(surge.surge_note_for)
        engagement.comment_modes.fill(comment_mode_choices)
        engagement.comment_mode_of.fill(comment_mode_for)
        engagement.set_comment_mode.fill(services.comment_mode_set)

        # Reporters are not named; who reported a comment is not the author's data.
        data.register("moderation", export=export_moderation, retains_contact=has_active_hold)
