"""Professions, regulators and the format of their registration numbers.

Pure functions, no models: the members app's model and form validation call
them. Only the FORMAT of a number is checked, never that it exists on the
register.

Formats accepted, after stripping whitespace and hyphens and upper-casing:

- GMC (doctors): 7 digits.
- NMC PIN (nurses, midwives): 2 digits, a letter, 4 digits, a letter.
- GPhC (pharmacists): 7 digits.
- HCPC: a 2–3 letter profession prefix followed by digits. Real HCPC numbers
  have 5 or 6 digits; we accept 4–7 so that a prefix or scheme we have not
  seen is not refused. Being a little lax costs nothing (the number is never
  shown publicly and staff verify members); refusing a genuine number stops a
  professional registering.
- Other regulator, or none: optional; up to 20 letters and digits.

Only ASCII letters and digits count: a number typed with Arabic-Indic digits,
full-width characters or look-alike letters is refused rather than silently
converted, hence the explicit ``[0-9]`` classes (``\\d`` matches any Unicode
digit).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models


class Regulator(models.TextChoices):
    GMC = "gmc", "GMC (General Medical Council)"
    NMC = "nmc", "NMC (Nursing and Midwifery Council)"
    GPHC = "gphc", "GPhC (General Pharmaceutical Council)"
    HCPC = "hcpc", "HCPC (Health and Care Professions Council)"
    OTHER = "other", "Other regulator, or none"


class Profession(models.TextChoices):
    GP = "gp", "GP"
    NURSE = "nurse", "Nurse"
    PHARMACIST = "pharmacist", "Pharmacist"
    PRACTICE_MANAGER = "practice_manager", "Practice manager"
    OTHER_CLINICIAN = "other_clinician", "Other clinician"
    OTHER = "other", "Other health professional"


# ValidationError codes raised by this module.
INVALID_FORMAT = "invalid_format"
INVALID_REGULATOR = "invalid_regulator"
WRONG_REGULATOR = "wrong_regulator"

# Help text shown next to the registration number field, per regulator.
FORMAT_HELP: dict[Regulator, str] = {
    Regulator.GMC: "7 digits, e.g. 1234567",
    Regulator.NMC: "2 digits, a letter, 4 digits and a letter, e.g. 12A3456B",
    Regulator.GPHC: "7 digits, e.g. 2012345",
    Regulator.HCPC: "2 or 3 letters for the profession followed by digits, e.g. PA12345 or PYL123456",
    Regulator.OTHER: "optional; letters and digits only",
}

# What each regulator calls its number, to start a sentence.
NUMBER_NAME: dict[Regulator, str] = {
    Regulator.GMC: "A GMC number",
    Regulator.NMC: "An NMC PIN",
    Regulator.GPHC: "A GPhC registration number",
    Regulator.HCPC: "An HCPC registration number",
    Regulator.OTHER: "A registration number with another regulator",
}

# The whole normalised number must match (re.fullmatch).
_PATTERNS: dict[Regulator, re.Pattern[str]] = {
    Regulator.GMC: re.compile(r"[0-9]{7}"),
    Regulator.NMC: re.compile(r"[0-9]{2}[A-Z][0-9]{4}[A-Z]"),
    Regulator.GPHC: re.compile(r"[0-9]{7}"),
    Regulator.HCPC: re.compile(r"[A-Z]{2,3}[0-9]{4,7}"),
    Regulator.OTHER: re.compile(r"[A-Z0-9]{1,20}"),
}

# Separators people type or paste into a number: any Unicode whitespace (\s), the
# ASCII hyphen-minus and the Unicode hyphens, dashes and minus sign.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]+")

# Professions that must register with one regulator.
REQUIRED_REGULATOR: dict[Profession, Regulator] = {
    Profession.GP: Regulator.GMC,
    Profession.NURSE: Regulator.NMC,
    Profession.PHARMACIST: Regulator.GPHC,
}

_SHORT_NAME: dict[Regulator, str] = {
    Regulator.GMC: "GMC",
    Regulator.NMC: "NMC",
    Regulator.GPHC: "GPhC",
    Regulator.HCPC: "HCPC",
}

_PLURAL: dict[Profession, str] = {
    Profession.GP: "GPs",
    Profession.NURSE: "Nurses",
    Profession.PHARMACIST: "Pharmacists",
}


def format_error_message(regulator: Regulator) -> str:
    """The sentence shown when a number does not match ``regulator``'s format."""
    if regulator == Regulator.OTHER:
        return f"{NUMBER_NAME[regulator]} is up to 20 letters and digits, or leave it blank."
    return f"{NUMBER_NAME[regulator]} is {FORMAT_HELP[regulator]}."


def normalise_registration_number(regulator: Regulator | str, raw: str) -> str:
    """Return ``raw`` in its stored form for ``regulator``, or raise ValidationError.

    Whitespace and hyphens are removed anywhere and letters upper-cased, so
    "12 a3456-b" is stored as "12A3456B". An empty number is allowed only for
    ``Regulator.OTHER`` (returned as ""). Errors have code "invalid_format",
    or "invalid_regulator" when ``regulator`` is not a Regulator value.
    """
    try:
        regulator = Regulator(regulator)
    except ValueError:
        raise ValidationError("Choose your regulator.", code=INVALID_REGULATOR) from None

    number = _SEPARATORS.sub("", raw or "")
    if regulator == Regulator.OTHER and not number:
        return ""
    # Refuse non-ASCII before upper-casing: str.upper() turns some non-ASCII
    # letters into ASCII ones ("ß" → "SS", "ſ" → "S").
    if number.isascii():
        number = number.upper()
        if _PATTERNS[regulator].fullmatch(number):
            return number
    raise ValidationError(format_error_message(regulator), code=INVALID_FORMAT)


def check_profession_regulator(profession: Profession | str, regulator: Regulator | str) -> None:
    """Raise ValidationError (code "wrong_regulator") if ``profession`` must register elsewhere.

    GPs register with the GMC, nurses with the NMC and pharmacists with the
    GPhC; other professions may choose any regulator, or none.
    """
    required = REQUIRED_REGULATOR.get(profession)  # TextChoices members hash and compare as their value
    if required is None or regulator == required:
        return
    short = _SHORT_NAME[required]
    number_name = NUMBER_NAME[required].split(" ", 1)[1]  # "An NMC PIN" -> "NMC PIN"
    raise ValidationError(
        f"{_PLURAL[Profession(profession)]} register with the {short}: choose {short} and give your {number_name}.",
        code=WRONG_REGULATOR,
    )
