"""The patient-data guard: does a comment look as if it carries patient identifiers?

Pure Python (no models, no database), so the comment policy can call it on every post and edit.
Three kinds of finding, each with the character span in the original text that a moderator sees
highlighted:

- ``nhs_number``: ten digits (contiguous, or grouped 3-3-4 with one consistent space or hyphen)
  that pass the NHS number modulus-11 check digit and are not part of a longer run of digits.
- ``dob_near_postcode``: a full day-month-year date that could be a date of birth (1900 to today,
  not introduced as the date of an event — "on", "by", "from", a weekday…) within 200 characters
  of a full UK postcode, in either order.
- ``named_patient``: a patient named together with an age or a date of birth — after a patient
  cue ("my patient Joan Smith, 83"), or after a personal title with an explicit age right beside
  the name ("Mrs Edith Clarke (aged 91)"). A title alone with a date or a number ("Mr Streeting
  said on 3 March…", "Dr Smith, 45 practices…") is ordinary policy talk and never fires.

Precision matters more than recall for the last two: a hold costs an ordinary commenter a wait,
so every cue is deliberately narrow.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape

__all__ = ["AUTHOR_MESSAGE", "Finding", "highlight", "scan"]

NHS_NUMBER = "nhs_number"
DOB_NEAR_POSTCODE = "dob_near_postcode"
NAMED_PATIENT = "named_patient"

AUTHOR_MESSAGE = (
    "Your comment has been held for a moderator because it may identify a patient. "
    "Please remove names, dates of birth, NHS numbers and addresses."
)

DOB_POSTCODE_DISTANCE = 200  # characters between the date and the postcode
AGE_WINDOW = 40  # characters after a named patient in which an age or date of birth counts
MAX_AGE = 120
RECENT_DAYS = 730  # a date this recent counts as a date of birth only with a cue ("DOB", "born")


@dataclass(frozen=True)
class Finding:
    kind: str  # "nhs_number" | "dob_near_postcode" | "named_patient"
    start: int  # span in the original text
    end: int
    reason: str  # shown to moderators


# ---------------------------------------------------------------------------------------------
# NHS numbers

_NHS_RE = re.compile(
    r"(?<!\d)(?<!\d[ -])"  # not the tail of a longer run of digits
    r"(\d{3})([ -]?)(\d{3})\2(\d{4})"
    r"(?![ -]?\d)"  # nor its head
)
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit for nine digits, or None when no valid number can end them."""
    check = 11 - sum(int(d) * w for d, w in zip(first_nine, _NHS_WEIGHTS, strict=True)) % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def _nhs_findings(text):
    for m in _NHS_RE.finditer(text):
        if is_valid_nhs_number(m.group(1) + m.group(3) + m.group(4)):
            yield Finding(NHS_NUMBER, m.start(), m.end(), "A valid NHS number")


# ---------------------------------------------------------------------------------------------
# UK postcodes (full postcodes only: an outward code alone — "our surgery in LS6" — is not one)

_PC_A1 = "[A-PR-UWYZ]"  # first letter: not Q V X
_PC_A2 = "[A-HK-Y]"  # second letter: not I J Z
_PC_A3 = "[A-HJKPSTUW]"  # letter in A9A
_PC_A4 = "[ABEHMNPRV-Y]"  # letter in AA9A
_PC_IN = "[ABD-HJLNP-UW-Z]"  # inward letters: not C I K M O V
_POSTCODE_RE = re.compile(
    rf"""(?<![A-Za-z0-9])
    (?:
        (?:{_PC_A1}{_PC_A2}\d{_PC_A4}      # AA9A  (EC1A)
          |{_PC_A1}\d{_PC_A3}              # A9A   (W1A)
          |{_PC_A1}{_PC_A2}\d\d?           # AA9, AA99
          |{_PC_A1}\d\d?                   # A9, A99
        )
        \ ?\d{_PC_IN}{{2}}
      | GIR\ ?0AA
    )
    (?![A-Za-z0-9])""",
    re.IGNORECASE | re.VERBOSE,
)
_ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)$", re.IGNORECASE)


# A postcode just after one of these is an organisation's address, not a patient's.
_ORGANISATION_RE = re.compile(
    r"\b(?:surgery|practice|health\s+cent(?:re|er)|medical\s+(?:cent(?:re|er)|group)|hospital|clinic|infirmary|"
    r"pharmacy|chemist|pcn|icb|lmc|trust|hub|office|hq|headquarters|venue|hotel|building|university|school)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Postcode:
    start: int
    end: int
    organisation: bool


def _postcodes(text):
    found = []
    for m in _POSTCODE_RE.finditer(text):
        code = m.group()
        # "the M1 2nd exit", "B1 1st floor": lower-case ordinals are words, not inward codes.
        if not code.isupper() and _ORDINAL_RE.search(code):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        found.append(_Postcode(m.start(), m.end(), bool(_ORGANISATION_RE.search(before))))
    return found


# ---------------------------------------------------------------------------------------------
# Dates (full day-month-year dates only)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May|MAY)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"


def _year_re(prefix):
    return rf"(?:(?P<{prefix}y4>\d{{4}})|['’](?P<{prefix}y2>\d{{2}}))(?!\d)"


_DATE_RE = re.compile(
    # 12/03/1941, 12-03-41, 12.03.1941 (day first: this is a UK site)
    r"(?<![\w/.-])(?P<nd>\d{1,2})(?P<sep>[/.-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})(?![\d/-]|\.\d)"
    # 3 March 1941, 3rd of March 1941, 3 Mar '41
    rf"|(?<![\w.])(?P<td>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<tm>{_MONTH})\.?,?\s+{_year_re('t')}"
    # March 3 1941, March 3rd, 1941
    rf"|(?<!\w)(?P<mm>{_MONTH})\.?\s+(?P<md>\d{{1,2}}){_ORD},?\s+{_year_re('m')}",
    re.IGNORECASE,
)

# A date of birth is introduced by a cue, or at least not as the date of an event.
_DOB_CUE_RE = re.compile(r"\b(?:d\.?o\.?b\b\.?|date\s+of\s+birth|born|birthday|b\.)\W{0,3}$", re.IGNORECASE)
_EVENT_RE = re.compile(
    r"(?:\b(?:on|by|from|until|till|to|since|before|after|dated|of|between|and|or|at|in|for|than|w/c|is|was|are|were|be|"
    r"the|this|that|last|next|opened|closed|est|established|founded|built|merged|moved|qualified|retired|"
    r"registered|joined|left|started|finished|completed|"
    r"commencing|beginning|ending|deadline|published|updated|issued|effective|starting|started|"
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
    r")\W{0,2}$"
    r"|\d\s*[-–—]\s*$",  # the end of a range: "1 – 3 March 1990"
    re.IGNORECASE,
)


# "the 7 April 2021 deadline", "12/03/2019 meeting"
_EVENT_AFTER_RE = re.compile(
    r"\W{0,2}(?:deadline|meeting|minutes|ballot|vote|letter|announcement|budget|contract|update|guidance|"
    r"conference|agm|election|inspection|report|consultation|changes?|launch|start|rollout|clinic|session)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    day: date


def _year(two_or_four: str, today: date) -> int:
    if len(two_or_four) == 4:
        return int(two_or_four)
    year = int(two_or_four)
    return 2000 + year if 2000 + year <= today.year else 1900 + year


def _dates(text, today):
    found = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        if g["nd"]:
            d, mo, y = int(g["nd"]), int(g["nm"]), _year(g["ny"], today)
        elif g["td"]:
            d, mo, y = int(g["td"]), _MONTHS[g["tm"][:3].lower()], _year(g["ty4"] or g["ty2"], today)
        else:
            d, mo, y = int(g["md"]), _MONTHS[g["mm"][:3].lower()], _year(g["my4"] or g["my2"], today)
        try:
            day = date(y, mo, d)
        except ValueError:
            continue
        if date(1900, 1, 1) <= day <= today:
            found.append(_Date(m.start(), m.end(), day))
    return found


def _has_dob_cue(text, when: _Date) -> bool:
    return bool(_DOB_CUE_RE.search(text, max(0, when.start - 30), when.start))


def _could_be_dob(text, when: _Date, today: date) -> bool:
    """A date introduced as a date of birth, or at least not as the date of an event.

    Dates in the last two years are far more often meetings and deadlines than birthdays, so
    they count only with an explicit cue ("DOB", "born")."""
    if _has_dob_cue(text, when):
        return True
    return (
        (today - when.day).days > RECENT_DAYS
        and not _EVENT_RE.search(text, max(0, when.start - 30), when.start)
        and not _EVENT_AFTER_RE.match(text, when.end)
    )


def _dob_postcode_findings(text, dates, postcodes, today):
    spans = []
    for when in dates:
        if not _could_be_dob(text, when, today):
            continue
        cued = _has_dob_cue(text, when)
        for pc in postcodes:
            if pc.organisation and not cued:  # "our surgery, LS6 2AB … opened 12/05/1988"
                continue
            gap = pc.start - when.end if pc.start >= when.end else when.start - pc.end
            if gap <= DOB_POSTCODE_DISTANCE:
                spans.append((min(when.start, pc.start), max(when.end, pc.end)))
    return [Finding(DOB_NEAR_POSTCODE, s, e, "A date of birth near a postcode") for s, e in spans]


# ---------------------------------------------------------------------------------------------
# A patient named with an age or date of birth

_NAME_WORD = r"(?:[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)"
_NAMES = rf"(?P<names>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})"
_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Master)"


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words that start with a capital but are not (or not here) part of a person's name.
_NOT_NAMES = _words(
    """
    The A An This That These Those His Her Their Our My Your He She They It We I You Its
    And But Or So If When Then After Before Since Today Yesterday Tomorrow Last Next Every All Some
    No Yes Not Dear Hello Hi Thanks Thank Please Sadly Unfortunately Apparently Also Even Just Only
    However Meanwhile Was Is Has Had Who Which Where What Why How Here There Anyway Still Again
    Mr Mrs Ms Miss Mx Master Dr Doctor Professor Prof Sir Dame Lord Lady Nurse Sister Matron Rev
    Health Secretary Minister Chancellor Prime Chief Executive Officer Medical Director Chair Chairman
    Clinical Lead Partner Partners Manager Consultant Registrar Locum Salaried Trainee Pharmacist
    Street Road Lane Avenue Drive Close Way Place Square Hill Park Green Court Crescent Terrace Gardens
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Trust Foundation Hospital Infirmary Practice Surgery Clinic Centre Center Group Partnership Care
    Board Service Services Team Unit Ward Department University College Royal General Community
    Integrated Primary Secondary Network England Scotland Wales Ireland Britain British London
    Government Safety Participation Forum Association Society Federation Committee Conference Union
    Labour Conservative Tory Tories Liberal Democrats Reform Party Parliament House Commons Lords
    Office Agency Authority Commission Institute Fund Act Bill Plan Contract Scheme Programme Report
    Review Survey Strategy Policy Framework Guidance Guideline Day Week Month Year Christmas Easter
    Bank Holiday Covid Coronavirus Type Stage Level Band Tier Phase Patient Patients Doctors
    Receptionist Pharmacy Online Access Record Records Summary Voice Champion Advocate Representative
    """
)

# Patient cues for the named-patient rule. "patient" may be followed by a few lower-case words
# ("my patient's daughter", "a patient called") before the name.
_PATIENT_CUE_RE = re.compile(
    r"\b(?i:patients?|pts?)(?:['’]s)?\b(?!-)"
    r"|\b(?i:the|my|our|this|that|an?)\s+(?:(?i:elderly|old|older|frail|young|lovely)\s+)?(?i:lady|gentleman)\b"
)
_AFTER_CUE_RE = re.compile(
    r"(?P<gap>(?:[ \t,:;(–-]+[a-z]+(?:['’]s)?){0,4}?)[ \t,:;(–-]+"
    rf"(?:(?P<hon>{_HONORIFIC})\.?[ \t]+)?{_NAMES}"
)
# Lower-case words between a cue and a name that make the name someone other than a patient.
_ROLE_WORDS = _words(
    """representative representatives rep reps group groups safety participation champion champions
    voice advocate advocates leader leaders lead commissioner director chair member members forum
    association council panel charity campaigner campaigners experience survey watch"""
)
_HONORIFIC_NAME_RE = re.compile(rf"(?<![\w.])(?P<hon>{_HONORIFIC})\.?[ \t]+{_NAMES}")


def _n(name="age"):
    return rf"(?P<{name}>\d{{1,3}})"


# Explicit age phrases: "aged 83", "age: 83", "83-year-old", "83 years old", "83yo", "(83)", "(aged 83)".
_AGE_TEMPLATES = (
    r"(?i:aged?)\s*:?\s*{n}(?!\d|\s*%|[.,]\d)",
    r"{n}\s*-?\s*(?i:years?|yrs?|yr)\s*-?\s*(?i:old)\b(?!s)",
    r"{n}\s*(?i:yo|y/o|y\.o\.?|yrs)(?![\w/])",
    r"\(\s*(?i:aged?\s*)?{n}\s*(?i:y|yo|yrs?|years)?\s*\)",
)
_AGE_PATTERNS = [re.compile(t.format(n=_n())) for t in _AGE_TEMPLATES]
# Right after a name: "Mrs Edith Clarke (aged 91)", "Mrs Clarke, aged 91", "Mr Jones, a 79-year-old".
_IMMEDIATE_AGE_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:an?|now)[ \t]+)?(?:"
    + "|".join(t.format(n=_n(f"age{i}")) for i, t in enumerate(_AGE_TEMPLATES))
    + ")"
)


def _immediate_age(match):
    return next(v for k, v in match.groupdict().items() if k.startswith("age") and v)


# Appositive bare age after a patient's name: "Joan Smith, 83, was", "Joan Smith, 83 was sent home".
_APPOSITIVE_AGE_RE = re.compile(
    rf"[ \t]*,[ \t]*{_n()}[ \t]*(?:[,;.)]|$|[ \t]+(?:and|who|was|is|has|had|with|from|came|presented|"
    r"died|lives|living|went|attended|called|rang|needed|needs|still|now|became)\b)"
)
# "who is 83", "is now 83", "turned 83"
_VERB_AGE_RE = re.compile(
    rf"(?:\bwho[ \t]+)?\b(?:is|was|turned|turns|now)[ \t]+(?:now[ \t]+|only[ \t]+|just[ \t]+)?{_n()}"
    r"(?=[ \t]*[,.;)!]|[ \t]*$|[ \t]+(?:and|but|with|who|yesterday|today|last|this)\b)"
)
# "aged 65" after these is a group of people, not this patient.
_GENERIC_BEFORE_AGE_RE = re.compile(
    r"\b(?:patients|people|those|adults|women|men|children|everyone|anyone|persons|over|under|groups?)\W*$",
    re.IGNORECASE,
)
# An age just before the cue or title: "my 83-year-old patient Joan Smith", "91-year-old Mrs Edith Clarke".
_AGE_BEFORE = (
    r"(?:\b(?i:aged?)[ \t]+(?P<a>\d{1,3})|\b(?P<b>\d{1,3})[ \t]*-?[ \t]*(?i:years?|yr)[ \t]*-?[ \t]*(?i:old))\b(?!s)"
)
_AGE_BEFORE_CUE_RE = re.compile(_AGE_BEFORE + r"[ \t]+(?:[a-z]+[ \t]+){0,2}$")
_AGE_BEFORE_TITLE_RE = re.compile(_AGE_BEFORE + r"[ \t]*,?[ \t]*$")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s+[A-Z\d]|\s*$)|\n\s*\n")


def _age_ok(value: str) -> bool:
    return 0 <= int(value) <= MAX_AGE


def _valid_name(m, need_words: int):
    """The end of the usable name in an _NAMES match, or None."""
    words = list(re.finditer(_NAME_WORD, m.group("names")))
    kept = []
    for w in words:
        if w.group() in _NOT_NAMES:
            break
        kept.append(w)
    if len(kept) < need_words:
        return None
    return m.start("names") + kept[-1].end()


def _age_in_tail(text, name_end, dates, today):
    """End of an age or date of birth closely following a patient's name, or None."""
    tail = text[name_end : name_end + AGE_WINDOW]
    stop = _SENTENCE_END_RE.search(tail)
    if stop:
        tail = tail[: stop.end()]
    m = _APPOSITIVE_AGE_RE.match(tail)
    if m and _age_ok(m.group("age")):
        return name_end + m.end("age")
    m = _IMMEDIATE_AGE_RE.match(tail)
    if m and _age_ok(_immediate_age(m)):
        return name_end + m.end()
    for rx in (*_AGE_PATTERNS, _VERB_AGE_RE):
        for m in rx.finditer(tail):
            if _age_ok(m.group("age")) and not _GENERIC_BEFORE_AGE_RE.search(tail[: m.start()]):
                return name_end + m.end()
    limit = name_end + len(tail)
    for when in dates:
        if name_end <= when.start < limit and when.end <= limit + 10 and _could_be_dob(text, when, today):
            return when.end
    return None


def _age_before(rx, text, end):
    """Start of an age phrase ending just before ``end`` (by ``rx``), or None."""
    m = rx.search(text, max(0, end - AGE_WINDOW), end)
    if m and _age_ok(m.group("a") or m.group("b")) and not _GENERIC_BEFORE_AGE_RE.search(text, 0, m.start()):
        return m.start()
    return None


def _named_patient_findings(text, dates, today):
    found = []
    for cue in _PATIENT_CUE_RE.finditer(text):
        m = _AFTER_CUE_RE.match(text, cue.end())
        if not m:
            continue
        if any(word in _ROLE_WORDS for word in re.findall(r"[a-z]+", m.group("gap"))):
            continue
        name_end = _valid_name(m, 1 if m.group("hon") else 2)
        if name_end is None:
            continue
        start = m.start("hon") if m.group("hon") else m.start("names")
        end = _age_in_tail(text, name_end, dates, today)
        if end is None:
            age_start = _age_before(_AGE_BEFORE_CUE_RE, text, cue.start())
            if age_start is not None:
                start, end = age_start, name_end
        if end is not None:
            found.append(Finding(NAMED_PATIENT, start, end, "A patient named with an age or date of birth"))
    # A bare title counts only with an explicit age right beside the name.
    for m in _HONORIFIC_NAME_RE.finditer(text):
        name_end = _valid_name(m, 1)
        if name_end is None:
            continue
        age = _IMMEDIATE_AGE_RE.match(text, name_end)
        if age and _age_ok(_immediate_age(age)):
            found.append(Finding(NAMED_PATIENT, m.start(), age.end(), "A person named with their age"))
            continue
        age_start = _age_before(_AGE_BEFORE_TITLE_RE, text, m.start())
        if age_start is not None:
            found.append(Finding(NAMED_PATIENT, age_start, name_end, "A person named with their age"))
    return found


def _merge(findings):
    """Sorted by start, overlapping findings of a kind merged into one."""
    merged = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and merged[-1].kind == f.kind and f.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Finding(last.kind, last.start, max(last.end, f.end), last.reason)
        else:
            merged.append(f)
    return merged


def scan(text: str, *, today: date | None = None) -> list[Finding]:
    """Everything in ``text`` that may identify a patient, sorted by start."""
    if not text:
        return []
    today = today or date.today()
    dates = _dates(text, today)
    by_kind = [
        list(_nhs_findings(text)),
        _dob_postcode_findings(text, dates, _postcodes(text), today),
        _named_patient_findings(text, dates, today),
    ]
    findings = [f for kind in by_kind for f in _merge(kind)]
    return sorted(findings, key=lambda f: (f.start, f.end, f.kind))


def highlight(text: str, findings: list[Finding]) -> str:
    """``text`` HTML-escaped, with each finding's span wrapped in <mark class="patient-data">.

    Overlapping findings (of different kinds) share one mark whose title gives every reason."""
    spans = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        start, end = max(0, f.start), min(len(text), f.end)
        if start >= end:
            continue
        if spans and start < spans[-1][1]:
            last_start, last_end, reasons = spans[-1]
            if f.reason not in reasons:
                reasons.append(f.reason)
            spans[-1] = (last_start, max(last_end, end), reasons)
        else:
            spans.append((start, end, [f.reason]))
    out, pos = [], 0
    for start, end, reasons in spans:
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="patient-data" title="{escape("; ".join(reasons))}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)
