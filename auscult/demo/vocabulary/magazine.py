"""The magazine around the articles: its sections and columns, standfirsts, editor's notes, and the
cover lines and summaries of print issues."""

STANDFIRSTS = {
    "news": (
        "{Group_cap} say {thing} could lead to {worry}, as {actor} insists the changes will improve care for patients.",
        "GP leaders have urged {actor} to rethink {thing}, warning that {group} in areas such as {place} are "
        "already struggling.",
        "An Auscult survey suggests {stat}, raising fresh questions about {thing}.",
        "{Actor_cap} says the move will help patients, but LMCs warn that {group} have not been given the "
        "resources to {change}.",
        "The BMA has warned that {thing} could bring {worry}, with practices given until {deadline} to respond.",
        "Practices will be expected to {change}, but there is no sign yet of the funding GP leaders say is needed.",
    ),
    "opinion": (
        "Everyone agrees patients deserve better, but {thing} asks the wrong people to pay for it.",
        "If {actor} wants {group} to {change}, the time and the money have to follow, not just the announcement.",
        "The debate about {thing} keeps missing the point: {worry} is already here, and it is getting worse.",
        "I have tried to see the case for {thing}. Here is why I still cannot support it.",
        "There is a better way to deal with {thing}, and it starts with listening to the people who do the work.",
    ),
    "feature": (
        "From {place} to {place2}, {group} are grappling with {thing}. We look at what it means for practices "
        "and patients.",
        "As {thing} takes hold, we ask GPs, managers and nurses what has changed, and what still needs to.",
        "Few issues have divided the profession quite like {thing}. We hear from practices on both sides of the "
        "argument.",
        "What does {thing} really mean for a practice? We spent time with teams in {place} to find out.",
    ),
    "blog": (
        "Readers have had a lot to say about {thing}. Here is what we heard, and what we will be asking next.",
        "Nothing has dominated the comments this week quite like {thing}, and the mood is worth taking seriously.",
        "Our coverage of {thing} has struck a nerve. Here is why we think it matters.",
    ),
}
STANDFIRSTS["column"] = STANDFIRSTS["opinion"] + (
    "Another week at the sharp end, and {thing} is the subject nobody at our practice can stop talking about.",
    "This week brought a reminder of why {thing} matters, and why it is so hard to get right.",
)
EDITORS_NOTES = (
    "Comments on this piece are pre-moderated and will appear once approved.",
    "Comments on this piece are pre-moderated and will appear once approved.",
    "Comments on this piece are pre-moderated and will appear once approved.",
    "This article was updated after publication to include a response from NHS England.",
    "Patient details in this piece have been changed to protect confidentiality.",
    "This piece reflects the personal views of the author.",
    "Comments on this article have been closed.",
)
SECTIONS = (
    {
        "title": "News",
        "slug": "news",
        "kind": "news",
        "description": "The latest news for general practice: contracts, funding, workforce and policy.",
    },
    {
        "title": "Opinion",
        "slug": "opinion",
        "kind": "opinion",
        "description": "GPs, nurses, pharmacists and practice managers on the issues that matter to the profession.",
    },
    {
        "title": "Editor's blog",
        "slug": "editors-blog",
        "kind": "blog",
        "description": "The editor on the week in general practice and what readers are saying.",
    },
    {
        "title": "Clinical",
        "slug": "clinical",
        "kind": "feature",
        "description": "Guidance, prescribing and clinical updates, explained for the busy GP.",
    },
    {
        "title": "Practice business",
        "slug": "practice-business",
        "kind": "feature",
        "description": "Finance, premises, staffing and regulation for partners and practice managers.",
    },
    {
        "title": "The Partner's Desk",
        "slug": "partners-desk",
        "kind": "column",
        "description": "A GP partner in the north of England on the realities of running a practice.",
    },
    {
        "title": "Notes from the Treatment Room",
        "slug": "treatment-room",
        "kind": "column",
        "description": "A practice nurse's view of general practice, from long-term conditions to the vaccine fridge.",
    },
    {
        "title": "Between Sessions",
        "slug": "between-sessions",
        "kind": "column",
        "description": "A locum GP on life in other people's practices.",
    },
)
COVER_LINES = (
    "Special report: {hthing_title}",
    "Why {group} fear {worry}",
    "Survey: {stat_short}",
    "{Hthing} explained",
    "Inside a practice in {place}",
    "The truth about {thing}",
    "Partners speak out on {thing}",
    "Your guide to {thing}",
    "Plus: {hthing2}",
    "Can you afford to ignore {thing}?",
    "{Frac_cap} {group} fear {worry}",
)
ISSUE_SUMMARIES = (
    "This month we investigate {thing} and hear from {group} in {place}, plus the latest on {thing2}.",
    "In this issue: a special report on {thing}, our survey on {worry}, and columnists on {thing2}.",
    "The {month} issue looks at how {group} are coping with {thing}. Also inside: news on {thing2} and a "
    "clinical update.",
    "We ask whether general practice can survive {worry}, and report from {place} on {thing}.",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
