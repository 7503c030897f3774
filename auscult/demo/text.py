"""Invented, deterministic text for demo content: sections, authors, articles and print issues.

The generator fills the templates and word lists of `vocabulary/` (our own; nothing is taken from a real
publication, and every person named is made up). ``TextGenerator(seed)`` owns its own ``random.Random`` so the
same seed always yields the same sequence of outputs.
"""

import html
import random
import re

from .vocabulary.features import (
    CASE_LINES,
    CASE_OPENERS,
    FEATURE_EXTRA,
    FEATURE_FRAME,
    FEATURE_HEADINGS,
    FEATURE_HEADS,
    FEATURE_OPEN,
    FP_ARGUE_REPORTED,
)
from .vocabulary.first_person import (
    BLOG_ANECDOTE,
    BLOG_EXTRA,
    BLOG_OPEN,
    FP_ACTION,
    FP_ANECDOTE,
    FP_ANECDOTE_2,
    FP_ARGUE,
    FP_CLAIMS,
    FP_CLOSE,
    FP_COLLEAGUE,
    FP_COLLEAGUE_FOLLOW,
    FP_CONCEDE,
    FP_CONTEXT,
    FP_HEADINGS,
    FP_LEADINS,
    FP_OPEN,
    FP_QUESTIONS,
    OPINION_HEADS,
)
from .vocabulary.magazine import COVER_LINES, EDITORS_NOTES, ISSUE_SUMMARIES, MONTHS, SECTIONS, STANDFIRSTS
from .vocabulary.people import (
    BEATS,
    BIO_CONTRIB,
    BIO_FIRST,
    BIO_STAFF,
    CONTRIBUTOR_ROLES,
    COUNTIES,
    FIRST_NAMES,
    HOBBIES,
    INSTITUTIONAL,
    INTERESTS,
    PRACTICE_STEMS,
    PRACTICE_SUFFIXES,
    PROFESSIONS_QUOTED,
    STAFF_ROLES,
    SURNAMES,
    TOWNS,
)
from .vocabulary.reporting import (
    ADJECTIVES,
    FOLLOW_UPS,
    GENERIC_HEADS,
    GENERIC_QUOTES,
    NEWS_CLOSE,
    NEWS_CONTEXT,
    NEWS_DETAIL,
    NEWS_HEADINGS,
    NEWS_LEDE,
    OFFICIAL_LINES,
    OFFICIAL_RESPONSE,
    QUOTE_CLAIMS,
    QUOTE_INTRO_FIRST,
    QUOTE_INTRO_NAMED,
    QUOTE_INTRO_ROLE,
    QUOTE_LEADINS,
    REPORTED_CLAIMS,
    REPORTED_LEADINS,
    SURVEY_INTRO,
)
from .vocabulary.topics import ACTORS, CLINICAL_BIAS, FRACS, GROUPS, TIMEFRAMES, TOPIC_ACTORS, TOPIC_KEYS, TOPICS, WHENS

__all__ = ["TextGenerator", "SECTION_KINDS"]

SECTION_KINDS = ("news", "opinion", "blog", "column", "feature")
MIN_WORDS = {"news": 370, "opinion": 640, "blog": 640, "column": 640, "feature": 930}

_SLOT = re.compile(r"\{(\w+)\}")
_TAGS = re.compile(r"<[^>]+>")


def _cap(text):
    return text[:1].upper() + text[1:] if text else text


def _strip_the(text):
    return text[4:] if text.startswith("the ") else text


def _words(text):
    return len(text.split())


class TextGenerator:
    """Deterministic demo copy. Same seed, same calls -> same output."""

    def __init__(self, seed: int):
        self.seed = seed
        self.r = random.Random(seed)  # noqa: S311 - demo copy, reproducible by design
        self._names_used = set()
        self._handles_used = set()
        self._emails_used = set()
        self._headlines_used = set()

    # -- helpers ------------------------------------------------------------------------------------------------

    def _pick(self, pool, used=None):
        """Choose from pool, avoiding items already in `used` (a per-article set) while any remain."""
        if used is None:
            return self.r.choice(pool)
        fresh = [item for item in pool if item not in used]
        item = self.r.choice(fresh or pool)
        used.add(item)
        return item

    def _fill(self, template, ctx):
        def sub(match):
            key = match.group(1)
            cap = key[0].isupper()
            lookup = key.lower() if cap else key
            if lookup.endswith("_cap"):
                lookup, cap = lookup[:-4], True
            value = ctx[lookup]
            if callable(value):
                value = value()
            elif isinstance(value, tuple | list):
                value = self.r.choice(value)
            if "{" in value:
                value = self._fill(value, ctx)
            return _cap(value) if cap else value

        return _SLOT.sub(sub, template)

    def _sentence(self, template, ctx):
        return _cap(self._fill(template, ctx))

    def _person_name(self):
        return f"{self.r.choice(FIRST_NAMES)} {self.r.choice(SURNAMES)}"

    def _speaker(self, ctx):
        """A named quoted person: (name, role-in-text, attribution)."""
        prof = self.r.choice(PROFESSIONS_QUOTED)
        name = self._person_name()
        if "GP" in prof or prof == "PCN clinical director":
            name = "Dr " + name
        town = self.r.choice(TOWNS)
        article_word = "an" if prof[0] in "aeiouAEIOU" else "a"
        short = ("Dr " if name.startswith("Dr ") else "") + name.rsplit(" ", 1)[1]
        return name, f"{article_word} {prof} in {town}", f"{name}, {prof} in {town}", short

    def _quote(self, topic, ctx):
        roll, used = self.r.random(), ctx["_used"]
        if roll < 0.3 and not all(q in used for q in topic["quotes"]):
            return self._fill(self._pick(topic["quotes"], used), ctx)
        if roll < 0.55 and not all(q in used for q in GENERIC_QUOTES):
            return self._fill(self._pick(GENERIC_QUOTES, used), ctx)
        claim = self._fill(self._pick(QUOTE_CLAIMS, ctx["_used"]), ctx)
        return _cap(self._leadin(QUOTE_LEADINS, ctx) + claim) + "."

    def _leadin(self, pool, ctx, bare=0.45):
        """Either no lead-in or one not yet used in this article."""
        if self.r.random() < bare:
            return ""
        return self._pick([item for item in pool if item], ctx["_used"])

    def _claim(self, ctx):
        """A first-person argumentative sentence composed from a lead-in and a claim."""
        claim = self._fill(self._pick(FP_CLAIMS, ctx["_used"]), ctx)
        return _cap(self._leadin(FP_LEADINS, ctx) + claim) + "."

    def _pct(self):
        return f"{self.r.randint(12, 87)}%"

    def _context(self, topic_key):
        topic = TOPICS[topic_key]
        other = TOPICS[self.r.choice(TOPIC_KEYS)]
        thing = self.r.choice(topic["things"])
        thing2_pool = [t for t in topic["things"] if t != thing] + other["things"]
        ctx = {
            "_used": set(),
            "thing": thing,
            "hthing": _strip_the(thing),
            "thing2": self.r.choice(thing2_pool),
            "change": topic["changes"],
            "worry": topic["worries"],
            "group": self.r.sample(topic.get("groups", GROUPS), 2),
            "actor": self.r.choice(TOPIC_ACTORS.get(topic_key, ()) + ACTORS),
            "gov": self.r.choice(ACTORS),
            "place": self.r.choice(TOWNS),
            "place2": self.r.choice(TOWNS),
            "when": self.r.choice(WHENS),
            "timeframe": self.r.choice(TIMEFRAMES),
            "deadline": self.r.choice(("the end of the month", "next week", "the spring", "the summer")),
            "frac": FRACS,
            "pct": self._pct,
            "n": lambda: f"{self.r.randint(3, 19) * 50 + self.r.choice((0, 12, 37, 64)):,}",
            "n2": lambda: str(self.r.randint(40, 160)),
            "money": lambda: str(self.r.choice((20, 45, 80, 120, 150, 200, 250, 300, 400, 500))),
            "years": lambda: str(self.r.randint(6, 32)),
            "listsize": lambda: f"{self.r.randint(5, 24) * 1000 + self.r.randint(0, 9) * 100:,}",
            "staff": lambda: str(self.r.randint(9, 40)),
            "adjective": ADJECTIVES,
            "stat": lambda: self._fill(self._pick(topic["stats"], ctx["_used"]), ctx),
            "stat2": lambda: self._fill(self._pick(topic["stats"], ctx["_used"]), ctx),
            "official": OFFICIAL_LINES,
        }
        ctx["fact_lc"] = lambda: _lower_first(self._fact(topic, ctx)) or "the pressure keeps building."
        return topic, ctx

    @staticmethod
    def _para(sentences):
        text = " ".join(s for s in sentences if s)
        return ("paragraph", f"<p>{html.escape(text, quote=False)}</p>")

    # -- public API ---------------------------------------------------------------------------------------------

    def sections(self):
        """The site's sections and named columns (fixed; not seed-dependent)."""
        return [dict(s) for s in SECTIONS]

    def author(self):
        """An invented author profile; names, handles and emails never repeat within one generator."""
        r = self.r
        staff = r.random() < 0.3
        for attempt in range(200):
            first, last = r.choice(FIRST_NAMES), r.choice(SURNAMES)
            if attempt > 100:
                last = f"{r.choice(SURNAMES)}-{last}"
            if (first, last) not in self._names_used:
                break
        self._names_used.add((first, last))
        if staff:
            role = r.choice(STAFF_ROLES)
            doctor = role == "Clinical editor"
        else:
            role = r.choice(CONTRIBUTOR_ROLES).format(town=r.choice(TOWNS), county=r.choice(COUNTIES))
            doctor = "GP" in role or "clinical director" in role
        name = f"Dr {first} {last}" if doctor else f"{first} {last}"
        ctx = {
            "first": first,
            "joined": str(r.randint(2012, 2025)),
            "beat": r.choice(BEATS),
            "years": str(r.randint(4, 30)),
            "where": r.choice(
                (
                    "most of them in the same practice",
                    "in both city and coastal practices",
                    "in urban and rural practices",
                    "including several years in out-of-hours care",
                    "in one of the most deprived areas in England",
                )
            ),
            "hobby": r.choice(HOBBIES),
            "interest": r.choice(INTERESTS),
            "town2": r.choice(TOWNS),
            "years_short": r.choice(("two", "three", "four")),
        }
        if staff:
            chosen = [BIO_STAFF[0]] + r.sample(BIO_STAFF[1:], r.randint(1, 2))
        else:
            kind = next((k for k in ("trainee", "retired", "manager") if k in role.lower()), "other")
            chosen = [BIO_FIRST[kind]] + r.sample(BIO_CONTRIB, r.randint(1, 2))
        bio = " ".join(t.format(**ctx) for t in chosen)
        fl, ll = _ascii(first), _ascii(last)
        handles = (
            [f"dr{fl}{ll[0]}", f"dr{fl}{ll}", f"dr_{fl}_{ll}"]
            if doctor
            else [f"{fl}{ll[0]}", f"{fl}{ll}", f"{fl}_{ll}"]
        )
        handles += [f"{fl}{ll}_{n}" for n in ("gp", "writes", "health", "news")]
        handle = next((h for h in handles if h not in self._handles_used), f"{fl}{ll}{len(self._handles_used)}")
        self._handles_used.add(handle)
        emails = [f"{fl}.{ll[0]}", f"{fl}.{ll}", f"{fl[0]}.{ll}", f"{fl}.{ll}.{len(self._emails_used)}"]
        email = next(e for e in emails if e not in self._emails_used)
        self._emails_used.add(email)
        return {
            "name": name,
            "role": role,
            "bio": bio,
            "social_handle": "@" + handle,
            "contact_email": f"{email}@auscult.example",
        }

    def article(self, kind: str):
        """An invented article of the given section kind; see module docstring for the shape."""
        if kind not in SECTION_KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {SECTION_KINDS}")
        r = self.r
        key = r.choice(CLINICAL_BIAS) if kind == "feature" and r.random() < 0.3 else r.choice(TOPIC_KEYS)
        topic, ctx = self._context(key)
        headline = self._headline(kind, topic, ctx)
        kicker = ""
        if r.random() < (0.45 if kind in ("news", "feature") else 0.15):
            kicker = r.choice(topic["kickers"])
        standfirst = self._standfirst(kind, ctx)
        if kind == "news":
            body, quotes = self._news_body(topic, ctx)
        elif kind == "feature":
            body, quotes = self._feature_body(topic, ctx)
        else:
            body, quotes = self._first_person_body(kind, topic, ctx)
        self._top_up(kind, body, ctx)
        quote, attribution = r.choice(quotes)
        # The pull quote repeats a line from the piece, as print pull quotes do; place it early-ish, never first.
        spots = [i for i in range(2, min(len(body) - 1, 8)) if body[i - 1][0] == "paragraph"] or [2]
        at = r.choice(spots)
        body.insert(at, ("pull_quote", {"quote": quote, "attribution": attribution}))
        editors_note = r.choice(EDITORS_NOTES) if r.random() < 0.125 else ""
        return {
            "headline": headline,
            "kicker": kicker,
            "standfirst": standfirst,
            "body": body,
            "editors_note": editors_note,
        }

    def _top_up(self, kind, body, ctx):
        """Lengthen a piece that came out under its kind's minimum by adding sentences to non-quote paragraphs."""
        floor = MIN_WORDS[kind]
        candidates = [i for i, (t, v) in enumerate(body[:-2]) if t == "paragraph" and "‘" not in v and i > 0]
        words = _body_words(body)
        while words < floor and candidates:
            i = self.r.choice(candidates)
            sentence = self._reported_claim(ctx) if kind in ("news", "feature") else self._argue(ctx)
            body[i] = ("paragraph", body[i][1][:-4] + " " + html.escape(sentence, quote=False) + "</p>")
            words += _words(sentence)

    def issue_cover_lines(self):
        """Three or four short cover lines for a print issue."""
        lines = []
        used = set()
        for _ in range(self.r.randint(3, 4)):
            topic, ctx = self._context(self.r.choice(TOPIC_KEYS))
            ctx["hthing_title"] = _strip_the(ctx["thing"])
            ctx["hthing2"] = _strip_the(ctx["thing2"])
            ctx["stat_short"] = lambda c=ctx, t=topic: self._fill(self.r.choice(t["stats"]), c)
            for _ in range(20):
                line = _cap(self._fill(self._pick(COVER_LINES, used), ctx))
                if len(line) <= 64:
                    break
            lines.append(line)
        # a "Plus:" line reads as a teaser, so it goes last
        return sorted(lines, key=lambda line: line.startswith("Plus:"))

    def issue_summary(self):
        """One or two sentences describing a print issue's contents."""
        topic, ctx = self._context(self.r.choice(TOPIC_KEYS))
        ctx["month"] = self.r.choice(MONTHS)
        return self._sentence(self.r.choice(ISSUE_SUMMARIES), ctx)

    # -- article parts ------------------------------------------------------------------------------------------

    def _headline(self, kind, topic, ctx):
        r = self.r
        if kind == "news":
            pools = (GENERIC_HEADS, GENERIC_HEADS, topic["heads"])
        elif kind == "feature":
            pools = (FEATURE_HEADS, FEATURE_HEADS, GENERIC_HEADS)
        else:
            pools = (OPINION_HEADS,)
        best = None
        for attempt in range(60):
            pool = r.choice(pools)
            line = self._fill(r.choice(pool), ctx)
            line = _cap(line)
            if attempt and attempt % 10 == 0:
                # vary the focus if this topic's combinations are running thin
                ctx["thing"] = r.choice(topic["things"])
                ctx["hthing"] = _strip_the(ctx["thing"])
                ctx["place"] = r.choice(TOWNS)
            if len(line) <= 110 and line not in self._headlines_used:
                best = line
                break
        if best is None:  # practically unreachable; fall back to a richer template
            while True:
                best = _cap(self._fill("{Group} in {place} and {place2} warned over {hthing}", ctx))
                ctx["place"], ctx["place2"] = r.choice(TOWNS), r.choice(TOWNS)
                if best not in self._headlines_used and len(best) <= 110:
                    break
        self._headlines_used.add(best)
        return best

    def _standfirst(self, kind, ctx):
        pool = STANDFIRSTS[kind]
        text = ""
        for _ in range(40):
            text = self._sentence(self.r.choice(pool), ctx)
            if 120 <= len(text) <= 260:
                return text
        if len(text) < 120:
            text = text[:-1] + ", according to GP leaders speaking to Auscult."
        return text[:257].rsplit(" ", 1)[0] + "…" if len(text) > 260 else text

    def _named_quote_para(self, topic, ctx, pools=QUOTE_INTRO_NAMED, follow_up=0.0, follow_ups=None):
        name, role_text, attribution, short = self._speaker(ctx)
        q1, q2 = self._quote(topic, ctx), self._quote(topic, ctx)
        local = dict(ctx, name=name, arole=role_text, q1=q1, q2=q2, q1c=_comma(q1), short=short)
        sents = [self._sentence(self._pick(pools, ctx["_used"]), local)]
        if self.r.random() < follow_up:
            sents.append(self._sentence(self._pick(follow_ups or FOLLOW_UPS, ctx["_used"]), local))
        return self._para(sents), (q1, attribution)

    def _role_quote_para(self, topic, ctx, follow_up=0.0):
        role, attribution = self.r.choice(INSTITUTIONAL)
        place = self.r.choice(TOWNS)
        role, attribution = role.replace("{place}", place), attribution.replace("{place}", place)
        q1, q2 = self._quote(topic, ctx), self._quote(topic, ctx)
        local = dict(ctx, role=role, q1=q1, q2=q2, q1c=_comma(q1))
        sents = [self._sentence(self._pick(QUOTE_INTRO_ROLE, ctx["_used"]), local)]
        if self.r.random() < follow_up:
            sents.append(self._reported_claim(ctx))
        return self._para(sents), (q1, attribution)

    def _reported(self, pool, ctx, count=1):
        return [self._sentence(self._pick(pool, ctx["_used"]), ctx) for _ in range(count)]

    def _reported_claim(self, ctx):
        """A third-person sentence summarising what people in the profession say."""
        claim = self._fill(self._pick(REPORTED_CLAIMS, ctx["_used"]), ctx)
        return _cap(self._leadin(REPORTED_LEADINS, ctx, bare=0.25) + claim) + "."

    def _argue(self, ctx):
        if self.r.random() < 0.5 or all(item in ctx["_used"] for item in FP_ARGUE):
            return self._claim(ctx)
        return self._sentence(self._pick(FP_ARGUE, ctx["_used"]), ctx)

    def _fact(self, topic, ctx):
        fresh = [f for f in topic["facts"] if f not in ctx["_used"]]
        if not fresh:
            return ""
        fact = self.r.choice(fresh)
        ctx["_used"].add(fact)
        return self._sentence(fact, ctx)

    def _case_study(self, ctx):
        r = self.r
        if "practice" not in ctx:
            ctx["practice"] = f"{r.choice(PRACTICE_STEMS)} {r.choice(PRACTICE_SUFFIXES)}"
            ctx["mgr"] = self._person_name()
            first = self._sentence(r.choice(CASE_OPENERS), ctx)
        else:
            first = self._sentence(self._pick(CASE_LINES, ctx["_used"]), ctx)
        return [first] + self._reported(CASE_LINES, ctx, r.randint(2, 3))

    def _news_body(self, topic, ctx):
        r = self.r
        target = r.randint(380, 620)
        quotes = []
        body = [self._para(self._reported(NEWS_LEDE, ctx)), self._para(self._reported(NEWS_DETAIL, ctx, 2))]
        para, q = self._role_quote_para(topic, ctx, follow_up=0.3)
        body.append(para)
        quotes.append(q)
        fillers = [
            "named",
            "context",
            "fact",
            "survey",
            "named",
            "detail",
            "role",
            "fact",
            "context",
            "named",
            "claim",
            "named",
        ]
        r.shuffle(fillers)
        heading_at = r.choice((None, None, 4, 5, 6))
        while _body_words(body) < target and _paragraphs(body) < 14 and fillers:
            if heading_at is not None and len(body) == heading_at:
                body.append(("heading", r.choice(NEWS_HEADINGS)))
            step = fillers.pop()
            if step == "named":
                para, q = self._named_quote_para(topic, ctx, follow_up=0.5)
                quotes.append(q)
            elif step == "role":
                para, q = self._role_quote_para(topic, ctx, follow_up=0.5)
                quotes.append(q)
            elif step == "context":
                para = self._para(self._reported(NEWS_CONTEXT, ctx, 2))
            elif step == "detail":
                para = self._para(self._reported(NEWS_DETAIL, ctx, r.randint(1, 2)) + [self._reported_claim(ctx)])
            elif step == "survey":
                para = self._para(self._reported(SURVEY_INTRO, ctx) + [self._reported_claim(ctx)])
            elif step == "claim":
                para = self._para([self._reported_claim(ctx), self._reported_claim(ctx)])
            else:
                para = self._para([self._fact(topic, ctx), self._reported_claim(ctx)])
            body.append(para)
        body.append(self._para(self._reported(OFFICIAL_RESPONSE, ctx)))
        body.append(self._para(self._reported(NEWS_CLOSE, ctx)))
        return body, quotes

    def _feature_body(self, topic, ctx):
        r = self.r
        target = r.randint(950, 1450)
        quotes = []
        body = [
            self._para(
                self._reported(FEATURE_OPEN, ctx) + self._reported(FEATURE_EXTRA, ctx, 2) + [self._reported_claim(ctx)]
            ),
            self._para(self._case_study(ctx)),
        ]
        para, q = self._named_quote_para(topic, ctx, QUOTE_INTRO_FIRST, follow_up=1.0)
        body.append(para)
        quotes.append(q)
        headings = r.sample(FEATURE_HEADINGS, r.randint(2, 3))
        steps = [
            "analysis",
            "named",
            "survey",
            "role",
            "case",
            "analysis",
            "named",
            "context",
            "analysis",
            "named",
            "detail",
            "role",
            "analysis",
            "named",
            "analysis",
        ]
        while _body_words(body) < target and _paragraphs(body) < 16 and steps:
            if headings and len(body) % 4 == 3:
                body.append(("heading", headings.pop()))
            step = steps.pop(0)
            if step in ("named", "role"):
                if step == "named":
                    para, q = self._named_quote_para(topic, ctx, follow_up=0.8)
                else:
                    para, q = self._role_quote_para(topic, ctx, follow_up=0.8)
                quotes.append(q)
                # quotes in features usually come with a line of framing
                frame = html.escape(self._sentence(self._pick(FEATURE_FRAME, ctx["_used"]), ctx), quote=False)
                para = (para[0], para[1].replace("<p>", "<p>" + frame + " ", 1))
            elif step == "survey":
                para = self._para(
                    self._reported(SURVEY_INTRO, ctx)
                    + [self._fact(topic, ctx), self._reported_claim(ctx), self._reported_claim(ctx)]
                )
            elif step == "case":
                para = self._para(self._case_study(ctx))
            elif step == "context":
                para = self._para(self._reported(NEWS_CONTEXT, ctx, 2) + [self._reported_claim(ctx)])
            elif step == "detail":
                para = self._para(
                    self._reported(NEWS_DETAIL, ctx, 2) + [self._reported_claim(ctx), self._reported_claim(ctx)]
                )
            else:
                para = self._para(
                    [self._fact(topic, ctx)]
                    + self._reported(FP_ARGUE_REPORTED, ctx, 2)
                    + [self._reported_claim(ctx) for _ in range(r.randint(1, 2))]
                    + self._reported(FEATURE_EXTRA, ctx, 1)
                )
            body.append(para)
        body.append(self._para(self._reported(OFFICIAL_RESPONSE, ctx) + [self._reported_claim(ctx)]))
        para, q = self._named_quote_para(topic, ctx, follow_up=0.5)
        quotes.append(q)
        body.append(para)
        return body, quotes

    def _first_person_body(self, kind, topic, ctx):
        r = self.r
        target = r.randint(620, 1080)
        opener = BLOG_OPEN if kind == "blog" else FP_OPEN
        body = [self._para(self._reported(opener, ctx) + self._reported(FP_CONTEXT, ctx, 2))]
        quotes = []
        middle = ["argue", "argue", "question", "argue", "argue", "question", "argue"]
        r.shuffle(middle)
        plan = ["argue", "anecdote", "colleague", "concede"] + middle[:3] + ["colleague"] + middle[3:]
        if kind == "blog":
            plan.insert(r.randint(2, 5), "extra")
        elif r.random() < 0.5:
            plan[0], plan[1] = plan[1], plan[0]
        headings = r.sample(FP_HEADINGS, r.randint(0, 2))
        while _body_words(body) < target and len([b for b in body if b[0] == "paragraph"]) < 15 and plan:
            if headings and len(body) in (4, 8):
                body.append(("heading", headings.pop()))
            step = plan.pop(0)
            if step == "colleague":
                para, q = self._named_quote_para(topic, ctx, FP_COLLEAGUE, 1.0, FP_COLLEAGUE_FOLLOW)
                quotes.append(q)
            elif step == "anecdote":
                anecdotes = BLOG_ANECDOTE if kind == "blog" else FP_ANECDOTE
                para = self._para(
                    self._reported(anecdotes, ctx) + self._reported(FP_ANECDOTE_2, ctx) + [self._argue(ctx)]
                )
            elif step == "concede":
                para = self._para(self._reported(FP_CONCEDE, ctx) + [self._argue(ctx) for _ in range(r.randint(2, 3))])
            elif step == "extra":
                para = self._para(self._reported(BLOG_EXTRA, ctx, 2))
            elif step == "question":
                para = self._para(
                    self._reported(FP_QUESTIONS, ctx) + [self._argue(ctx) for _ in range(r.randint(2, 3))]
                )
            else:
                sents = [self._argue(ctx) for _ in range(r.randint(3, 5))]
                if r.random() < 0.35:
                    sents.insert(1, self._fact(topic, ctx))
                para = self._para(sents)
            body.append(para)
        if not quotes:
            para, q = self._named_quote_para(topic, ctx, FP_COLLEAGUE)
            quotes.append(q)
            body.insert(min(3, len(body)), para)
        body.append(self._para(self._reported(FP_ACTION, ctx, 2)))
        body.append(self._para(self._reported(FP_CLOSE, ctx)))
        return body, quotes


def _lower_first(text):
    # keep proper nouns / acronyms at the start (NHS, GP, ICBs, Practices...) only if the 2nd letter is upper case
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _comma(quote):
    return quote[:-1] + "," if quote.endswith(".") else quote


def _ascii(text):
    return re.sub(r"[^a-z]", "", text.lower())


def _paragraphs(body):
    return sum(1 for block_type, _ in body if block_type == "paragraph")


def _body_words(body):
    total = 0
    for block_type, value in body:
        if block_type == "paragraph":
            total += _words(_TAGS.sub(" ", value))
        elif block_type == "heading":
            total += _words(value)
        else:
            total += _words(value["quote"])
    return total
