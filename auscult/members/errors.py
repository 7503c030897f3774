"""Why a membership action was refused: the codes of `auscult.core.errors.Refused` for members."""

ALREADY_DECIDED = "already_decided"  # another member of the team decided the registration first
