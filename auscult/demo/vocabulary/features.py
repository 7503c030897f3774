"""Features: headlines, openings, framing lines, sub-headings and the case study of one practice."""

FEATURE_HEADS = (
    "Inside {thing}: what it means for practices",
    "{Thing}: the view from the front line",
    "How {group} are coping with {thing}",
    "The long road to {thing}",
    "Can general practice survive {worry}?",
    "{Thing}: what happens next",
    "Under pressure: {group} and {thing}",
    "The hidden story of {thing}",
    "Counting the cost of {thing}",
    "{Thing} explained",
    "Life after {thing} in {place}",
)
FEATURE_OPEN = (
    "It is just after 8am on a Monday at a practice in {place}, and the phones have been busy for half an hour.",
    "Ask a room full of GPs about {thing} and you will get a room full of opinions.",
    "For {group} across the country, few issues this year have mattered more than {thing}.",
    "The waiting room at one practice in {place} is already full when the doors open.",
    "On paper, {thing} might look like a technical matter. In practice, almost every part of a surgery is affected.",
)
FEATURE_EXTRA = (
    "The practice looks after around {listsize} patients, with a team of {staff} clinical staff.",
    "Its partners say they have had to {change}, and the change has not been painless.",
    "The experience is far from unique.",
    "Across the country, practices describe similar pressures, though their responses vary widely.",
    "For some, the answer has been to reorganise the front door; for others, to stop doing work that is not funded.",
    "The numbers tell part of the story.",
    "Behind the statistics are teams making difficult choices every day.",
    "GP leaders argue that the root of the problem is not new.",
    "There are signs, too, that some changes are working.",
    "Not everyone agrees on what should happen next.",
)
FEATURE_FRAME = (
    "The experience is far from unique.",
    "Others see things differently.",
    "Elsewhere, the picture is more mixed.",
    "Across the country, practices describe similar pressures.",
    "Not everyone agrees on what should happen next.",
    "For managers, the focus is on making the numbers add up.",
    "Some are more hopeful.",
    "The frustration is shared by colleagues in {place2}.",
    "It is a familiar story.",
)
FEATURE_HEADINGS = (
    "The view from the surgery",
    "What the numbers say",
    "What happens next",
    "A question of money",
    "The patient perspective",
    "Lessons from elsewhere",
    "Counting the cost",
    "A different approach",
)
CASE_OPENERS = (
    "At {practice} in {place}, which looks after around {listsize} patients, the partners decided last year to "
    "{change}.",
    "{practice}, a team of {staff} clinicians serving around {listsize} patients in {place}, has spent the past "
    "year learning to {change}.",
    "The partners at {practice} in {place} did not wait for the guidance; they chose to {change} months ago.",
)
CASE_LINES = (
    "The practice manager, {mgr}, says the first few months were the hardest.",
    "Staff now meet briefly every morning to look at the day's demand and share out the work.",
    "Patients were told about the changes by text message, in the waiting room and on the practice website.",
    "The result, according to the team, has been calmer mornings but longer afternoons.",
    "Not every patient has welcomed the change, and complaints rose at first.",
    "The partners say they would make the same decision again, but only just.",
    "They have since shared their approach with other practices in the primary care network.",
    "One partner describes the process as ‘a year of trial and error’.",
    "{mgr} keeps a spreadsheet of every request the practice receives, and the numbers are sobering.",
    "The reception team was retrained, and two members of staff chose to leave rather than adapt.",
)
FP_ARGUE_REPORTED = (
    "GP leaders argue that the problem is not unwillingness but capacity.",
    "Critics say {thing} treats general practice as if it had unlimited time.",
    "Supporters of the change say it will reduce variation between practices.",
    "Some practices have found ways to adapt, often by reorganising how requests are handled.",
    "Others say they have simply absorbed the extra work, at a cost to staff.",
    "The concern most often raised is {worry}.",
    "Several GPs interviewed for this piece described {worry} as their biggest fear.",
    "Managers describe a constant juggling act between contractual requirements and what the team can sustain.",
    "Continuity of care, long valued by GPs and patients alike, is often the first casualty.",
    "The picture varies considerably between areas, and between practices in the same area.",
    "Rural practices face particular difficulties, from recruitment to the distances patients travel.",
    "In deprived areas, the pressures are sharper still.",
)
