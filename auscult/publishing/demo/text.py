"""Invented, deterministic text for demo content: sections, authors, articles and print issues.

Everything here is generated from the templates and word lists in this module; nothing is taken from a real
publication, and every person named is made up. ``TextGenerator(seed)`` owns its own ``random.Random`` so the
same seed always yields the same sequence of outputs.
"""

import html
import random
import re

__all__ = ["TextGenerator", "SECTION_KINDS"]

SECTION_KINDS = ("news", "opinion", "blog", "column", "feature")
MIN_WORDS = {"news": 370, "opinion": 640, "blog": 640, "column": 640, "feature": 930}

# ---------------------------------------------------------------------------------------------------------------
# People and places
# ---------------------------------------------------------------------------------------------------------------

FIRST_NAMES = [
    "Priya",
    "Sam",
    "Helen",
    "Tom",
    "Amara",
    "Rachel",
    "Daniel",
    "Farah",
    "Owen",
    "Niamh",
    "Kwame",
    "Sophie",
    "Imran",
    "Claire",
    "Gareth",
    "Ayesha",
    "Ben",
    "Chloe",
    "Rohan",
    "Fiona",
    "Ifeoma",
    "Matthew",
    "Hannah",
    "Yusuf",
    "Grace",
    "Aled",
    "Meera",
    "Jonathan",
    "Leah",
    "Tariq",
    "Emma",
    "Chidi",
    "Laura",
    "Hamza",
    "Kate",
    "Michael",
    "Zainab",
    "Rhys",
    "Lucy",
    "Arjun",
    "Joanna",
    "Femi",
    "Catriona",
    "David",
    "Sana",
    "Patrick",
    "Ruth",
    "Nikhil",
    "Eleanor",
    "Kofi",
    "Bethan",
    "Andrew",
    "Nadia",
    "Callum",
    "Harriet",
    "Vikram",
    "Alison",
    "Tunde",
    "Isla",
    "Simon",
    "Anjali",
    "Euan",
    "Rebecca",
    "Omar",
    "Jessica",
    "Dev",
    "Sarah",
    "Marcus",
    "Shona",
    "Adeel",
    "Victoria",
    "Ciaran",
    "Jasmine",
    "Peter",
    "Roisin",
    "Sunil",
    "Abigail",
    "Hugo",
    "Mariam",
    "Declan",
    "Olivia",
    "Raj",
    "Megan",
    "Neil",
    "Amira",
    "Stuart",
    "Eilidh",
    "Karim",
    "Frances",
    "Luke",
    "Deepa",
    "Gavin",
    "Tessa",
    "Joseph",
    "Ngozi",
    "Martin",
    "Alice",
    "Dominic",
    "Shreya",
]

SURNAMES = [
    "Ranganathan",
    "Okafor",
    "Whitfield",
    "Mensah",
    "Carragher",
    "Patel",
    "Lloyd",
    "Hussain",
    "Doherty",
    "Adeyemi",
    "Fairbairn",
    "Chaudhry",
    "McAllister",
    "Osei",
    "Pemberton",
    "Rahman",
    "Thistlewood",
    "Nwosu",
    "Harcourt",
    "Iqbal",
    "Gallagher",
    "Ashworth",
    "Banerjee",
    "Kerrigan",
    "Ellison",
    "Obi",
    "Sandhu",
    "Treharne",
    "Mahmood",
    "Crossley",
    "Achebe",
    "Lindqvist",
    "Farrow",
    "Siddiqui",
    "Morrow",
    "Boateng",
    "Kinsella",
    "Hartigan",
    "Varma",
    "Calloway",
    "Ogunleye",
    "Penhaligon",
    "Qureshi",
    "Dunmore",
    "Eze",
    "Halloran",
    "Bhatt",
    "Marsden",
    "Akhtar",
    "Tremayne",
    "Fenwick",
    "Onyango",
    "Kapoor",
    "Brennan",
    "Wilmott",
    "Asante",
    "Ferris",
    "Malik",
    "Holroyd",
    "Adebayo",
    "Cairncross",
    "Desai",
    "McGuinness",
    "Okonkwo",
    "Rowntree",
    "Sheikh",
    "Prendergast",
    "Ellery",
    "Nair",
    "Garside",
    "Oyelaran",
    "Blackwood",
    "Choudhury",
    "Lennox",
    "Agarwal",
    "Thackeray",
    "Mwangi",
    "Dalgleish",
    "Joshi",
    "Stanforth",
    "Afolabi",
    "Merriman",
    "Khan",
    "Carver",
    "Amadi",
    "Haldane",
    "Mistry",
    "Gilchrist",
    "Oduya",
    "Sutcliffe",
    "Raza",
    "Beaumont",
    "Kaur",
    "Ingleby",
    "Owusu",
    "Tranter",
    "Ghosh",
    "Renwick",
    "Ibekwe",
    "Maitland",
    "Shah",
    "Lockhart",
]

TOWNS = (
    "Leeds",
    "Sheffield",
    "Bristol",
    "Norwich",
    "Plymouth",
    "Hull",
    "Stoke-on-Trent",
    "Derby",
    "Leicester",
    "Nottingham",
    "Coventry",
    "Wolverhampton",
    "Sunderland",
    "Middlesbrough",
    "Blackpool",
    "Preston",
    "Bolton",
    "Oldham",
    "Rochdale",
    "Wigan",
    "Carlisle",
    "Lancaster",
    "Harrogate",
    "Doncaster",
    "Barnsley",
    "Rotherham",
    "Grimsby",
    "Lincoln",
    "Peterborough",
    "Ipswich",
    "Colchester",
    "Chelmsford",
    "Southend",
    "Luton",
    "Reading",
    "Oxford",
    "Swindon",
    "Gloucester",
    "Exeter",
    "Truro",
    "Torquay",
    "Bournemouth",
    "Southampton",
    "Portsmouth",
    "Brighton",
    "Hastings",
    "Margate",
    "Canterbury",
    "Maidstone",
    "Croydon",
    "Hackney",
    "Lewisham",
    "Ealing",
    "Tower Hamlets",
    "Newham",
    "Milton Keynes",
    "Northampton",
    "Bedford",
    "Cambridge",
    "King's Lynn",
    "Shrewsbury",
    "Hereford",
    "Worcester",
    "Telford",
    "Walsall",
    "Dudley",
    "Birmingham",
    "Manchester",
    "Liverpool",
    "Birkenhead",
    "Chester",
    "Crewe",
    "Durham",
    "Gateshead",
    "Newcastle",
    "Whitby",
    "Scarborough",
    "York",
    "Bradford",
    "Halifax",
    "Huddersfield",
    "Wakefield",
    "Barrow-in-Furness",
    "Kendal",
    "Cardiff",
    "Swansea",
    "Newport",
    "Wrexham",
    "Glasgow",
    "Edinburgh",
    "Dundee",
    "Aberdeen",
    "Inverness",
    "Belfast",
    "Derry",
)

COUNTIES = (
    "Kent",
    "Cornwall",
    "Devon",
    "Norfolk",
    "Suffolk",
    "Cumbria",
    "Lincolnshire",
    "Shropshire",
    "Dorset",
    "Essex",
    "Somerset",
    "Northumberland",
    "Herefordshire",
    "Wiltshire",
    "North Yorkshire",
    "Lancashire",
    "Surrey",
    "Hampshire",
    "Derbyshire",
    "Staffordshire",
    "the Isle of Wight",
    "Gwynedd",
    "Fife",
    "County Durham",
)

# ---------------------------------------------------------------------------------------------------------------
# Topics: each supplies the nouns, verbs and sentences a story on that subject is assembled from.
#   things   noun phrases naming the policy or problem (with "the" where natural; stripped for headlines)
#   changes  verb phrases completing "practices will have to ..."
#   worries  noun phrases completing "could lead to ..."
#   facts    standalone background sentences
#   stats    clauses completing "a survey ... found that ..."
#   quotes   sentences a GP or GP leader might say
#   heads    topic-specific headline templates
# ---------------------------------------------------------------------------------------------------------------

TOPICS = {
    "access": {
        "groups": ("practices", "GP partners", "practice teams", "practice managers", "GPs"),
        "kickers": ["Access", "Online access", "Appointments"],
        "things": [
            "the online access deadline",
            "the new access targets",
            "the 8am rule",
            "plans for same-day access",
            "the online consultation requirement",
            "the appointment data rules",
            "the new access standard",
        ],
        "changes": [
            "keep online consultation tools open throughout core hours",
            "offer patients a response on the day they get in touch",
            "publish their appointment figures every month",
            "stop asking patients to ring back the next day",
            "triage every request through a single online system",
        ],
        "worries": [
            "a flood of non-urgent requests",
            "queues that simply move online",
            "inboxes that fill up overnight",
            "longer waits for patients with complex needs",
            "clinicians triaging requests late into the evening",
        ],
        "facts": [
            "Practices delivered more appointments last year than in any year before the pandemic, yet reported "
            "satisfaction with access fell again.",
            "Around {pct} of appointments are now booked for the same day, according to the latest published data.",
            "Online requests now account for as many as {frac} contacts at some practices, with the sharpest peak on "
            "Monday mornings.",
            "The national patient survey has recorded falling satisfaction with getting through by phone for "
            "several years running.",
        ],
        "stats": [
            "{pct} of practices had switched off online forms at least once because of volume",
            "{pct} of respondents said demand had risen since the access changes",
            "{pct} said they could not meet the new requirement without extra staff",
        ],
        "quotes": [
            "Patients deserve better than a phone queue at 8am, but so do the receptionists answering it.",
            "You cannot fix access by changing the front door if there is nobody in the room behind it.",
            "We are already offering more appointments than ever, and the demand simply keeps coming.",
            "Every online request needs a clinician to read it, and that time has to come from somewhere.",
        ],
        "heads": [
            "Practices told online forms must stay open all day",
            "GPs say 8am scramble has simply moved online",
            "{Group} fear online requests will swamp clinicians",
            "Same-day access push ‘ignores reality’ in {place}",
        ],
    },
    "workload": {
        "groups": ("GPs", "GP partners", "salaried GPs", "practices", "practice teams"),
        "kickers": ["Workload", "Patient demand", "Safe working"],
        "things": [
            "the safe working limit",
            "the cap on daily contacts",
            "plans to ration routine appointments",
            "the workload guidance",
            "the rise in hospital-to-GP transfers of work",
            "the shift of care into the community",
        ],
        "changes": [
            "cap the number of patients each GP sees in a day",
            "divert patients to a local hub once appointments run out",
            "return inappropriate hospital requests to the trust",
            "stop taking on work that has not been funded",
        ],
        "worries": [
            "unsafe numbers of daily contacts",
            "burnt-out clinicians",
            "patients falling through the gaps",
            "longer waits for routine care",
            "work bouncing back from hospitals",
        ],
        "facts": [
            "The average GP now deals with well over the number of daily contacts that professional bodies "
            "consider safe.",
            "Hospital trusts routinely ask practices to chase results and arrange tests that were requested in "
            "outpatient clinics.",
            "The number of patients per fully qualified GP has risen steadily for a decade.",
        ],
        "stats": [
            "{pct} of GPs said they had worked beyond a safe level of contacts in the past week",
            "{pct} said work transferred from hospitals had increased in the past year",
            "{pct} of partners said they planned to introduce a daily cap",
        ],
        "quotes": [
            "A tired doctor seeing their fortieth patient of the day is not a safe doctor.",
            "We have to be honest with patients about what one practice can realistically do.",
            "If the work is coming to us, the funding and the staff have to come with it.",
            "Nobody goes into general practice to turn patients away, but the alternative is worse.",
        ],
        "heads": [
            "GPs urged to cap daily contacts to protect patients",
            "Hospitals ‘dumping work on practices’, say {group}",
            "Practices in {place} begin rationing routine appointments",
        ],
    },
    "workforce": {
        "groups": ("newly qualified GPs", "salaried GPs", "locum GPs", "GP partners", "practices"),
        "kickers": ["Workforce", "Recruitment", "GP unemployment"],
        "things": [
            "the GP recruitment scheme",
            "the newly qualified GP jobs gap",
            "the retention scheme",
            "the funding for salaried GP posts",
            "the plan to recruit more GPs",
            "the locum shortage",
            "the rise in GP unemployment",
        ],
        "changes": [
            "recruit salaried GPs through a central scheme",
            "offer newly qualified GPs a guaranteed post",
            "report vacancies to their ICB every quarter",
            "take on more trainees without extra supervision funding",
        ],
        "worries": [
            "newly qualified GPs leaving the country",
            "practices unable to afford the doctors they need",
            "experienced partners retiring early",
            "a two-tier workforce",
            "more single-handed practices closing",
        ],
        "facts": [
            "The number of fully qualified full-time equivalent GPs has barely moved in years, even as the "
            "population has grown.",
            "Newly qualified GPs in several regions report struggling to find any salaried work at all.",
            "Many practices say they could employ another GP tomorrow if the funding allowed it.",
            "Locum rates have fallen in some areas as more doctors compete for fewer sessions.",
        ],
        "stats": [
            "{pct} of newly qualified GPs had struggled to find a permanent post",
            "{pct} of partners said they would recruit another GP if funding allowed",
            "{pct} of GPs over 50 said they planned to retire or leave within five years",
        ],
        "quotes": [
            "We have trained these doctors, and now we are watching them leave because there are no jobs.",
            "It makes no sense to have unemployed GPs and patients who cannot get an appointment.",
            "The workforce is there; what is missing is the money to employ it.",
            "I have had more applications for one salaried post than I have seen in my whole career.",
        ],
        "heads": [
            "Newly qualified GPs ‘cannot find work’ in {place}",
            "Partners say they cannot afford to employ GPs they need",
            "{Actor} promises action on GP unemployment",
        ],
    },
    "contract": {
        "groups": ("GP partners", "practices", "LMCs", "GPs"),
        "kickers": ["Contract 2026/27", "GP contract", "Contract talks"],
        "things": [
            "the 2026/27 contract",
            "the new contract offer",
            "the contract imposition",
            "the contract changes",
            "the collective action plan",
            "the contract negotiations",
            "the quality framework overhaul",
        ],
        "changes": [
            "sign up to new access requirements as part of the contract",
            "offer extended hours on Saturdays",
            "meet new reporting requirements by the autumn",
            "accept a below-inflation uplift",
            "reduce the number of indicators they report on",
        ],
        "worries": [
            "practices handing back their contracts",
            "a real-terms cut in funding",
            "more collective action",
            "a ballot on industrial action",
            "a fresh dispute with the government",
        ],
        "facts": [
            "Contract negotiations between the government and the BMA's GP committee usually conclude early in "
            "the year.",
            "The uplift announced for the coming year falls short of what GP leaders say is needed to cover "
            "staff pay rises.",
            "Practices are still working through changes to the quality framework introduced last year.",
            "The BMA has previously balloted GP partners over collective action short of a strike.",
        ],
        "stats": [
            "{pct} of GP partners said they would reject the offer",
            "{pct} of practices said the uplift would not cover rising staff costs",
            "{pct} backed a return to collective action",
        ],
        "quotes": [
            "This offer does not come close to repairing the damage of the past decade.",
            "Partners are being asked to carry more risk for less money, and they will not do it forever.",
            "We went into these talks in good faith and we expected to be met halfway.",
            "A contract should make it easier to care for patients, not harder.",
        ],
        "heads": [
            "GP committee rejects contract offer as ‘insulting’",
            "{Group} to be balloted over {thing}",
            "Contract deal agreed but GPs warn of real-terms cut",
        ],
    },
    "funding": {
        "groups": ("GP partners", "practices", "practice managers", "rural practices"),
        "kickers": ["Funding", "Practice finances", "Budget"],
        "things": [
            "the funding uplift",
            "the global sum increase",
            "the national insurance rise",
            "the cost of staff pay awards",
            "the practice funding formula",
            "the extra investment in general practice",
        ],
        "changes": [
            "absorb rising employer costs",
            "fund staff pay rises from their own budgets",
            "bid for money through their ICB",
            "cut back on locum sessions to balance the books",
        ],
        "worries": [
            "practices going out of business",
            "staff redundancies",
            "partners taking home less than their salaried colleagues",
            "cuts to services patients rely on",
            "a wave of contract hand-backs",
        ],
        "facts": [
            "General practice receives a smaller share of the NHS budget than it did a decade ago.",
            "Rising employer costs have hit practices harder than other parts of the NHS because partners fund "
            "them directly.",
            "Funding is allocated through a weighted formula that many GPs say no longer reflects deprivation.",
        ],
        "stats": [
            "{pct} of practices expected to make a loss this financial year",
            "{pct} of partners had cut their own drawings to pay staff",
            "{pct} of practices said they were considering redundancies",
        ],
        "quotes": [
            "We are effectively subsidising the NHS out of our own pockets.",
            "Every pound that goes into general practice saves money further down the line.",
            "I cannot keep telling my staff there is nothing in the pot for them.",
            "Funding announcements sound generous until you read the small print.",
        ],
        "heads": [
            "Practices ‘facing losses’ despite {thing}",
            "Partners cutting own pay to keep staff, survey finds",
            "{Actor} announces £{money}m for general practice",
        ],
    },
    "arrs": {
        "groups": ("PCNs", "practices", "GP partners", "clinical directors"),
        "kickers": ["ARRS", "Additional roles", "Primary care networks"],
        "things": [
            "the additional roles scheme",
            "the ARRS funding rules",
            "the inclusion of GPs in the ARRS",
            "the PCN funding settlement",
            "the physician associate guidance",
            "the additional roles budget",
        ],
        "changes": [
            "use additional roles funding to employ GPs",
            "review the scope of physician associates' work",
            "report on how additional roles staff are supervised",
            "spend their additional roles budget by March",
        ],
        "worries": [
            "inadequate supervision of new roles",
            "money that cannot be spent on the staff practices need",
            "GPs spending more time supervising than seeing patients",
            "confusion among patients about who they are seeing",
        ],
        "facts": [
            "The additional roles scheme funds pharmacists, paramedics, physiotherapists and other staff through "
            "primary care networks.",
            "Thousands of staff have been recruited through the scheme since it was introduced.",
            "The rules on which roles can be funded have changed several times, most recently to include GPs.",
        ],
        "stats": [
            "{pct} of PCN clinical directors said the scheme's rules were too rigid",
            "{pct} said supervising additional roles staff had increased GP workload",
            "{pct} of networks had underspent their allocation",
        ],
        "quotes": [
            "The new roles have been valuable, but they were never a substitute for a GP.",
            "Supervision takes time, and nobody has ever funded that time.",
            "Give practices the flexibility to employ the people their patients actually need.",
            "Our clinical pharmacist has transformed how we handle repeat prescribing.",
        ],
        "heads": [
            "PCNs allowed to use ARRS money for GPs",
            "{Group} raise concerns over supervision of new roles",
            "Networks in {place} underspend additional roles budget",
        ],
    },
    "prescribing": {
        "groups": ("GPs", "practices", "prescribing leads", "salaried GPs"),
        "kickers": ["Prescribing", "Medicines", "Shortages"],
        "things": [
            "the medicine shortages",
            "the new prescribing guidance",
            "the antibiotic targets",
            "the repeat prescribing review",
            "the weight-loss drug rollout",
            "the HRT supply problems",
            "the controlled drugs audit",
        ],
        "changes": [
            "review every patient on long-term repeat medication",
            "switch patients to cheaper alternatives",
            "prescribe weight-loss injections in primary care",
            "cut antibiotic prescribing by a further margin",
        ],
        "worries": [
            "patients going without essential medicines",
            "hours spent finding alternatives to unavailable drugs",
            "unfunded prescribing work",
            "pressure from patients who have read about new treatments",
        ],
        "facts": [
            "Supply problems have affected a long list of medicines over the past two years, from HRT to "
            "ADHD treatments.",
            "Practices are expected to follow local formularies that can differ from one ICB to the next.",
            "Demand for newer weight-loss medicines has far outstripped the capacity to prescribe them safely.",
        ],
        "stats": [
            "{pct} of GPs had seen patient harm linked to a medicine shortage",
            "{pct} said shortages had added more than an hour to their working week",
            "{pct} said they felt pressured to prescribe against their judgement",
        ],
        "quotes": [
            "We spend hours ringing pharmacies to find a drug that should simply be on the shelf.",
            "Prescribing a medicine is the easy part; monitoring it safely is where the work is.",
            "Patients are understandably frustrated, and the frustration lands on us.",
            "There is no point announcing a new treatment if primary care has no capacity to deliver it.",
        ],
        "heads": [
            "GPs told to lead weight-loss jab rollout without new funding",
            "Medicine shortages ‘adding hours to GP week’",
            "{Group} in {place} warn of patient harm from shortages",
        ],
    },
    "cqc": {
        "groups": ("practice managers", "practices", "GP partners"),
        "kickers": ["CQC", "Regulation", "Inspections"],
        "things": [
            "the new CQC inspection regime",
            "the CQC's assessment framework",
            "the inspection backlog",
            "the CQC ratings system",
            "the regulator's online portal",
        ],
        "changes": [
            "upload evidence through the regulator's portal",
            "prepare for inspections at shorter notice",
            "show how they act on patient feedback",
            "publish their complaints data",
        ],
        "worries": [
            "inconsistent ratings",
            "practices waiting years for a re-inspection",
            "time lost to paperwork",
            "good practices stuck with outdated ratings",
        ],
        "facts": [
            "The regulator has acknowledged problems with its systems and a backlog of assessments.",
            "Many practices have not been inspected for several years and still carry old ratings.",
            "A poor rating can affect a practice's ability to recruit staff.",
        ],
        "stats": [
            "{pct} of practice managers said they had no confidence in the inspection process",
            "{pct} said preparing for an inspection took more than a week of staff time",
            "{pct} had been waiting more than three years for a re-rating",
        ],
        "quotes": [
            "Regulation should help practices improve, not punish them for things outside their control.",
            "We spent weeks on evidence that nobody seems to have read.",
            "A rating from years ago tells patients nothing about the practice we are today.",
            "Inspection should be about patients, not about how well you fill in a portal.",
        ],
        "heads": [
            "Practices ‘stuck with outdated ratings’ as CQC backlog grows",
            "CQC apologises to GPs over portal problems",
            "{Group} say inspections are a ‘paperwork exercise’",
        ],
    },
    "appraisal": {
        "groups": ("GPs", "locum GPs", "sessional GPs", "appraisers"),
        "kickers": ["Appraisal", "Revalidation", "Professional standards"],
        "things": [
            "the appraisal changes",
            "the revalidation requirements",
            "the new appraisal template",
            "the move to lighter-touch appraisal",
            "the GMC's guidance on reflection",
        ],
        "changes": [
            "complete a shorter appraisal form",
            "collect patient feedback once every cycle",
            "record reflection on significant events",
            "use a new digital portfolio",
        ],
        "worries": [
            "appraisal becoming a box-ticking exercise",
            "doctors being put off reflecting honestly",
            "locums struggling to collect supporting information",
            "more bureaucracy for little benefit",
        ],
        "facts": [
            "Doctors must be revalidated every five years to keep their licence to practise.",
            "Appraisal was made lighter during the pandemic and many GPs have asked for that to continue.",
            "Locums and sessional GPs often find it harder to gather the supporting information appraisal needs.",
        ],
        "stats": [
            "{pct} of GPs said appraisal was useful to their development",
            "{pct} wanted the lighter-touch approach made permanent",
            "{pct} of locums said gathering feedback was difficult",
        ],
        "quotes": [
            "A good appraisal is a conversation, not an audit.",
            "I want to reflect honestly on my mistakes without worrying how it will look on paper.",
            "Appraisal at its best is one of the few hours in the year that is just about you as a doctor.",
        ],
        "heads": [
            "GPs back keeping lighter-touch appraisal",
            "Locums ‘struggling’ with revalidation paperwork",
            "{Actor} consults on changes to GP appraisal",
        ],
    },
    "premises": {
        "groups": ("GP partners", "practices", "practice managers", "training practices"),
        "kickers": ["Premises", "Estates", "Buildings"],
        "things": [
            "the premises funding freeze",
            "the rent reimbursement rules",
            "the shortage of clinical rooms",
            "the estates strategy",
            "the service charge disputes",
        ],
        "changes": [
            "share buildings with community services",
            "bid for improvement grants",
            "convert offices into consulting rooms",
            "renegotiate leases with NHS landlords",
        ],
        "worries": [
            "practices with nowhere to put new staff",
            "crumbling buildings",
            "partners trapped in leases",
            "rising service charges",
            "rooms too small to train doctors in",
        ],
        "facts": [
            "Many practices operate from buildings that were never designed for the size of team they now employ.",
            "Some practices have faced steep increases in service charges from NHS landlords.",
            "Capital funding for GP premises has been squeezed for much of the past decade.",
        ],
        "stats": [
            "{pct} of practices said their premises were not fit for purpose",
            "{pct} did not have enough clinical rooms for their current staff",
            "{pct} had delayed taking on trainees because of a lack of space",
        ],
        "quotes": [
            "We have the staff but nowhere to put them.",
            "I have colleagues consulting from what used to be a storeroom.",
            "You cannot expand services in a building that is falling apart.",
        ],
        "heads": [
            "Practices ‘have staff but no rooms to put them in’",
            "GPs in {place} hit by service charge rises",
            "{Actor} pledges review of GP premises funding",
        ],
    },
    "indemnity": {
        "groups": ("GPs", "locum GPs", "GP partners", "sessional GPs"),
        "kickers": ["Indemnity", "Medico-legal", "Complaints"],
        "things": [
            "the state indemnity scheme",
            "the rise in complaints",
            "the clinical negligence costs",
            "the cover for non-clinical work",
            "the rules on indemnity for locums",
        ],
        "changes": [
            "check what their state-backed scheme does not cover",
            "keep separate cover for private and non-NHS work",
            "record discussions with patients in more detail",
        ],
        "worries": [
            "gaps in cover",
            "defensive medicine",
            "more GMC referrals",
            "doctors practising in fear",
        ],
        "facts": [
            "The state-backed scheme covers NHS clinical work in general practice but not every activity GPs "
            "undertake.",
            "Complaints to practices have risen as waiting times have grown across the NHS.",
            "Medical defence organisations still advise GPs to hold membership for advice and non-NHS work.",
        ],
        "stats": [
            "{pct} of GPs had received a complaint in the past year",
            "{pct} said fear of litigation influenced their clinical decisions",
            "{pct} were unsure what the state scheme covered",
        ],
        "quotes": [
            "Doctors who practise in fear order more tests and refer more patients, and that helps nobody.",
            "Most complaints are really about the system, but it is the individual GP who takes the hit.",
            "Read the small print of your cover before you need it, not after.",
        ],
        "heads": [
            "GPs warned of indemnity gaps for non-NHS work",
            "Complaints against practices rise as waits grow",
            "{Group} ‘unsure’ what state indemnity covers",
        ],
    },
    "burnout": {
        "groups": ("practice staff", "GPs", "receptionists", "practice teams"),
        "kickers": ["Wellbeing", "Burnout", "Abuse"],
        "things": [
            "the rise in abuse of practice staff",
            "the GP wellbeing service",
            "the burnout figures",
            "the support scheme for doctors",
            "the zero-tolerance policy",
        ],
        "changes": [
            "remove violent patients from their lists more quickly",
            "offer staff access to counselling",
            "record every incident of abuse",
            "give staff protected breaks",
        ],
        "worries": [
            "staff leaving general practice",
            "receptionists quitting after abuse",
            "more doctors going off sick",
            "a culture of exhaustion",
        ],
        "facts": [
            "Reception staff report being shouted at, threatened and in some cases physically attacked.",
            "Surveys of GPs have repeatedly found high levels of emotional exhaustion.",
            "Confidential support services for doctors have reported rising numbers of GPs seeking help.",
        ],
        "stats": [
            "{pct} of GPs reported symptoms of burnout",
            "{pct} of practices had seen staff leave after abuse",
            "{pct} said they had considered leaving medicine in the past year",
        ],
        "quotes": [
            "Nobody should go to work expecting to be abused.",
            "I love this job, but I do not recognise the version of it I am doing now.",
            "When a receptionist leaves in tears, that is a failure of the whole system.",
            "We tell patients to look after themselves, and then we work twelve-hour days without a break.",
        ],
        "heads": [
            "Practice staff facing ‘daily abuse’, survey finds",
            "{Frac_cap} GPs show signs of burnout",
            "Receptionists in {place} quit over abuse",
        ],
    },
    "training": {
        "groups": ("GP trainers", "training practices", "GP trainees", "GPs"),
        "kickers": ["Training", "GP trainees", "Education"],
        "things": [
            "the training placement cuts",
            "the GP training expansion",
            "the trainer shortage",
            "the new training curriculum",
            "the changes to the licensing exam",
        ],
        "changes": [
            "take on more trainees without extra trainer funding",
            "offer longer placements in general practice",
            "provide supervision for foundation doctors",
        ],
        "worries": [
            "fewer practices willing to train",
            "trainees with nowhere to go after qualifying",
            "trainers burning out",
            "a lower standard of training",
        ],
        "facts": [
            "Record numbers of doctors have entered GP training in recent years.",
            "Training practices receive a grant for each trainee, which many say no longer covers the time involved.",
            "Trainees now spend a larger share of their training in general practice than they once did.",
        ],
        "stats": [
            "{pct} of trainers said they were considering giving up",
            "{pct} of trainees were worried about finding work",
            "{pct} of training practices said they lacked space for another trainee",
        ],
        "quotes": [
            "Training the next generation is the best part of my week, but it has to be properly funded.",
            "We cannot keep expanding training places and then have no jobs for people at the end.",
            "Trainees need time with experienced GPs, and that time is the first thing to go when we are stretched.",
        ],
        "heads": [
            "Trainers ‘walking away’ as funding fails to keep pace",
            "GP trainees in {place} fear there are no jobs to go to",
            "{Actor} confirms expansion of GP training places",
        ],
    },
    "pharmacy_first": {
        "groups": ("GPs", "practices", "practice teams", "community pharmacists"),
        "kickers": ["Pharmacy First", "Community pharmacy", "Integration"],
        "things": [
            "the Pharmacy First scheme",
            "the extension of pharmacy prescribing",
            "the pharmacy referral pathway",
            "the pharmacy contraception service",
            "the expansion of pharmacy blood pressure checks",
        ],
        "changes": [
            "refer minor illness to community pharmacies",
            "accept pharmacy notes into their records",
            "follow up patients referred back from pharmacies",
        ],
        "worries": [
            "patients bounced back to the practice",
            "fragmented records",
            "duplicated work",
            "pharmacies closing in the areas that need them most",
        ],
        "facts": [
            "Community pharmacies can now treat a number of common conditions without a GP appointment.",
            "Pharmacy closures have hit some deprived areas particularly hard.",
            "Information from pharmacy consultations does not always reach the GP record promptly.",
        ],
        "stats": [
            "{pct} of GPs said referrals to pharmacy had freed up appointments",
            "{pct} said patients were often sent back to the practice",
            "{pct} of pharmacists said they lacked access to the GP record",
        ],
        "quotes": [
            "When it works, patients are seen quickly and the practice has one less appointment to find.",
            "Pharmacists are brilliant, but they need to be able to see the record.",
            "What patients want is a system that does not send them round in circles.",
        ],
        "heads": [
            "Pharmacy First ‘freeing up GP appointments’, say {group}",
            "GPs report patients bounced back from pharmacies",
            "Pharmacy closures in {place} put pressure on practices",
        ],
    },
    "digital": {
        "groups": ("practices", "GPs", "practice managers", "GP partners"),
        "kickers": ["Digital", "IT", "Records"],
        "things": [
            "the GP IT outage",
            "the new patient app features",
            "the records access rollout",
            "the switch of clinical systems",
            "the AI scribe guidance",
            "the data sharing plans",
        ],
        "changes": [
            "give patients access to their full records",
            "move to a new clinical system",
            "check AI-generated notes before they are filed",
            "sign new data sharing agreements",
        ],
        "worries": [
            "third-party information reaching patients",
            "downtime during clinics",
            "data protection breaches",
            "unclear liability for AI-generated errors",
        ],
        "facts": [
            "Patients in England can now see new entries in their GP record through the NHS app.",
            "A growing number of practices are trialling AI tools that draft consultation notes.",
            "Clinical system outages can leave practices unable to view records or issue prescriptions.",
        ],
        "stats": [
            "{pct} of practices had been hit by an IT outage in the past six months",
            "{pct} of GPs had tried an AI scribe",
            "{pct} were worried about liability for AI errors",
        ],
        "quotes": [
            "Technology should give us time back, not create another inbox.",
            "If the system goes down mid-clinic, we are effectively working blind.",
            "I am cautiously optimistic about AI, but the responsibility still sits with the doctor.",
        ],
        "heads": [
            "GPs warned to check AI-written notes before filing",
            "IT outage leaves practices in {place} unable to prescribe",
            "{Group} raise alarm over {hthing}",
        ],
    },
    "clinical": {
        "groups": ("GPs", "practices", "practice nurses", "GP partners"),
        "kickers": ["Clinical", "Guidelines", "Clinical update"],
        "things": [
            "the new NICE guidance on hypertension",
            "the updated asthma pathway",
            "the menopause guidance",
            "the revised diabetes targets",
            "the new chronic kidney disease guidance",
            "the long-term conditions review",
            "the cancer referral criteria",
        ],
        "changes": [
            "review patients against updated thresholds",
            "refer more patients through the urgent cancer pathway",
            "offer annual reviews for more patients",
            "use a new risk tool in routine reviews",
        ],
        "worries": [
            "a surge in referrals",
            "unfunded extra reviews",
            "confusion between local and national guidance",
            "patients anxious after reading about changes",
        ],
        "facts": [
            "Guideline updates often arrive without any assessment of the workload they create in primary care.",
            "Most long-term conditions are now managed almost entirely in general practice.",
            "Local pathways do not always match national guidance, leaving GPs to reconcile the two.",
        ],
        "stats": [
            "{pct} of GPs said the latest guidance would add to their workload",
            "{pct} said they had not had time to read it",
            "{pct} welcomed the change",
        ],
        "quotes": [
            "Good guidance is welcome, but someone has to deliver it in a ten-minute appointment.",
            "The evidence is sound; the question is capacity.",
            "Patients with several conditions do not fit neatly into one guideline.",
        ],
        "heads": [
            "GPs say {hthing} will mean more reviews",
            "{Actor} urged to fund work created by {hthing}",
            "{Hthing}: a guide for your practice",
        ],
    },
}

TOPIC_KEYS = tuple(TOPICS)
CLINICAL_BIAS = ("clinical", "prescribing", "clinical", "pharmacy_first", "digital")

GROUPS = ("practices", "GP partners", "practice teams", "GPs", "practices", "GPs")
ACTORS = (
    "NHS England",
    "the Department of Health and Social Care",
    "the health secretary",
    "the government",
    "the health minister",
    "NHS England",
)
TOPIC_ACTORS = {
    "cqc": ("the CQC",),
    "clinical": ("NICE",),
    "appraisal": ("the GMC", "NHS England"),
    "funding": ("the Treasury",),
    "pharmacy_first": ("NHS England",),
}
WHENS = ("this week", "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "yesterday")
TIMEFRAMES = (
    "from April",
    "from October",
    "by the end of the year",
    "within six months",
    "from next year",
    "by the autumn",
    "from the start of the next financial year",
    "by March",
)
FRACS = (
    "one in three",
    "one in four",
    "one in five",
    "two in five",
    "three in five",
    "three in four",
    "one in ten",
    "four in five",
)
PROFESSIONS_QUOTED = (
    "GP partner",
    "GP partner",
    "GP partner",
    "salaried GP",
    "locum GP",
    "practice manager",
    "practice nurse",
    "GP trainee",
    "clinical pharmacist",
    "PCN clinical director",
    "sessional GP",
)
INSTITUTIONAL = (
    ("the chair of the BMA's GP committee in England", "Chair, BMA GP committee"),
    ("the deputy chair of the BMA's GP committee", "Deputy chair, BMA GP committee"),
    ("the chair of the RCGP", "Chair, RCGP"),
    ("an RCGP spokesperson", "RCGP spokesperson"),
    ("a BMA spokesperson", "BMA spokesperson"),
    ("the medical secretary of {place} LMC", "Medical secretary, {place} LMC"),
    ("the chief executive of {place} LMC", "Chief executive, {place} LMC"),
    ("the chair of a national practice managers' network", "Chair, practice managers' network"),
)

# ---------------------------------------------------------------------------------------------------------------
# Sentence pools. Slots in braces are filled from the article context; a capitalised slot name capitalises its
# value. Subjects that may be singular or plural ({thing}) only take modal or past-tense verbs.
# ---------------------------------------------------------------------------------------------------------------

GENERIC_HEADS = (
    "{Group} warned over {hthing}",
    "{Group} brace for {hthing}",
    "GP leaders call for rethink of {hthing}",
    "{Actor} defends {hthing} amid GP anger",
    "{Actor} to review {hthing} after backlash",
    "GPs in {place} brand {hthing} unworkable",
    "{place} LMC demands pause to {hthing}",
    "{Group} told to {change}",
    "{Group} in {place} face {worry}",
    "Fears of {worry} over {hthing}",
    "{Hthing} could mean {worry}, BMA warns",
    "{Hthing} ‘will lead to {worry}’, say {group}",
    "{Group} in {place} left waiting on {hthing}",
    "{Actor} confirms {hthing} despite GP opposition",
    "{Frac_cap} {group} fear {worry}",
    "{Group} ‘not consulted’ on {hthing}",
    "{Actor} U-turn on {hthing} welcomed by GPs",
    "Delay to {hthing} ‘too little, too late’, say {group}",
    "RCGP calls for clarity on {hthing}",
    "{Group} given more time to {change}",
    "{Actor} under pressure over {hthing}",
    "LMCs vote to oppose {hthing}",
    "Revealed: the true cost of {hthing}",
    "{Group} in {place} hit hardest by {hthing}",
    "GPs question evidence behind {hthing}",
    "{Actor} plans to make practices {change}",
)
OPINION_HEADS = (
    "Why {thing} will fail patients",
    "Nobody wants to own {thing}",
    "We need to talk about {thing}",
    "I have had enough of {thing}",
    "What {thing} tells us about how GPs are valued",
    "Why {thing} won't fix general practice",
    "Stop pretending {thing} can work",
    "In defence of {thing}",
    "The quiet cost of {thing}",
    "My practice cannot {change}, and nor can yours",
    "What nobody tells you about {thing}",
    "Let's be honest about {worry}",
    "The test of {thing}, and why we are failing it",
    "Asking practices to {change} misses the point",
    "Why I am worried about {worry}",
    "A week of {thing} in {place}",
    "The real lesson of {thing}",
    "There is a better way to handle {thing}",
)
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

NEWS_LEDE = (
    "{Group_cap} will have to {change} {timeframe}, under plans set out by {actor} {when}.",
    "{Actor_cap} has told {group} that they must {change} {timeframe}, prompting warnings from GP leaders.",
    "GP leaders have warned that {thing} could lead to {worry}, as {group} prepare for the changes.",
    "{Group_cap} in {place} say they are already seeing {worry} as a result of {thing}.",
    "An Auscult survey of {n} GPs has found that {stat}, amid growing concern over {thing}.",
    "{Actor_cap} has been urged to rethink {thing} after {group} warned it could leave patients facing {worry}.",
    "{Group_cap} are being asked to {change}, despite warnings that the profession had little say in {thing}.",
    "Plans to make {group} {change} have been criticised by the BMA, which says {thing} could result in {worry}.",
    "{Actor_cap} has confirmed that {thing} will go ahead, despite opposition from GPs and LMCs.",
)
NEWS_DETAIL = (
    "Under the changes, {group} will be expected to {change}, with {actor} monitoring progress through "
    "regular returns.",
    "Guidance published {when} says the aim is to reduce variation between practices, but it offers little "
    "detail on funding.",
    "The plans apply to practices in England; arrangements in Scotland, Wales and Northern Ireland are set separately.",
    "Documents seen by Auscult suggest that ICBs will be asked to oversee the changes locally.",
    "{Actor_cap} said the measures would be kept under review and that feedback from practices would be considered.",
    "It is not yet clear whether additional funding will be made available to help {group} {change}.",
    "The changes are expected to apply {timeframe}, although some ICBs have indicated they may move sooner.",
    "A letter sent to practices {when} sets out the expectations but leaves many of the details to local areas.",
)
NEWS_CONTEXT = (
    "It comes after {group} raised concerns about {thing2} earlier this year.",
    "Last month, Auscult reported that {frac} practices in some areas were struggling to {change}.",
    "The announcement follows months of pressure from GP leaders over {worry}.",
    "GP leaders have repeatedly raised concerns about {worry} in recent months.",
    "The row is the latest in a series of disputes between the profession and {actor}.",
    "Separately, {group} have warned that the fallout from {thing2} is adding to the pressure.",
    "The move was first floated in a consultation last year, which attracted hundreds of responses from practices.",
    "Several LMCs have already passed motions criticising the approach.",
)
SURVEY_INTRO = (
    "An Auscult survey, which drew {n} responses, found that {stat}.",
    "Separate research published by the RCGP found that {stat}.",
    "A poll by one LMC, with {n} responses, found that {stat}.",
    "Figures shared with Auscult suggest that {stat}.",
    "A snapshot survey by the BMA found that {stat}, while {stat2}.",
)
QUOTE_INTRO_NAMED = (
    "{name}, {arole}, said: ‘{q1} {q2}’",
    "{name}, {arole}, told Auscult: ‘{q1}’",
    "‘{q1c}’ said {name}, {arole}. ‘{q2}’",
    "{name}, {arole}, said {thing} had been ‘{adjective}’. ‘{q1}’",
    "Speaking to Auscult, {name}, {arole}, said: ‘{q1} {q2}’",
    "{name}, {arole}, added: ‘{q1}’",
)
QUOTE_INTRO_FIRST = tuple(t for t in QUOTE_INTRO_NAMED if "added" not in t)
QUOTE_INTRO_ROLE = (
    "{Role} said: ‘{q1} {q2}’",
    "Responding to the announcement, {role} said: ‘{q1}’",
    "{Role} told Auscult: ‘{q1} {q2}’",
    "‘{q1c}’ said {role}.",
    "{Role} said the profession had been ‘{adjective}’ by the decision. ‘{q1}’",
)
OFFICIAL_RESPONSE = (
    "A spokesperson for {gov} said: ‘{official}’",
    "{Gov} said in a statement: ‘{official}’",
    "Asked about the concerns, a spokesperson for {gov} said: ‘{official}’",
    "A government spokesperson said: ‘{official}’",
)
OFFICIAL_LINES = (
    "We recognise the pressure general practice is under and are committed to supporting GPs and their teams.",
    "We have invested an extra £{money}m in general practice this year and will continue to work with the profession.",
    "These changes will make it easier for patients to get the care they need, when they need it.",
    "We will continue to listen to GPs and will keep the arrangements under review.",
    "Patients rightly expect timely access to their practice, and these measures are designed to deliver that.",
    "We are working closely with the BMA and the RCGP to make sure the changes are workable.",
)
GENERIC_QUOTES = (
    "Practices are already stretched to breaking point.",
    "This is yet another example of policy being made without asking the people who have to deliver it.",
    "We want to work with {actor}, but we need a plan that is realistic.",
    "Patients will be the ones who lose out if this goes wrong.",
    "Nobody has explained where the extra capacity is supposed to come from.",
    "We have been raising these concerns for years.",
    "I have been a GP for {years} years and I have never seen morale this low.",
    "There is some good in the proposals, but the detail matters.",
    "The profession is tired of being blamed for problems it did not create.",
    "What we need is time, staff and stable funding, in that order.",
    "It feels as though the goalposts move every few months.",
    "My team is doing its best, and I am proud of them, but they are exhausted.",
)
ADJECTIVES = (
    "deeply frustrating",
    "disappointing",
    "badly handled",
    "a step in the right direction",
    "rushed",
    "poorly thought through",
    "long overdue",
    "baffling",
    "worrying",
    "a missed opportunity",
)
NEWS_CLOSE = (
    "The BMA's GP committee is due to discuss the issue at its next meeting.",
    "{Actor_cap} is expected to publish further guidance {timeframe}.",
    "LMCs have been asked to collect examples of the impact on practices.",
    "Auscult will be following the story as it develops; readers can share their experiences in the comments.",
    "The RCGP said it would be seeking urgent talks with {actor}.",
    "Practices with concerns have been advised to contact their LMC.",
)
NEWS_HEADINGS = ("What happens next", "Background", "The numbers", "What GPs say", "Reaction")

# First-person pools (opinion, column, blog)
FP_OPEN = (
    "I have been a GP for {years} years, and I cannot remember a time when {thing} caused quite so much anger.",
    "Last Tuesday, at ten past eight, our phone lines were already full and my inbox had {n2} unread tasks.",
    "There is a particular kind of tiredness that comes from being asked to {change} with nothing extra to do it with.",
    "Every few months someone in an office far from a consulting room announces a fix for general practice.",
    "I have lost count of the times I have written about {thing}, but this month feels different.",
    "When I first heard about {thing}, I assumed I had misread the letter.",
    "It is easy to be cynical about {thing}, and I will admit I have been.",
    "A colleague asked me recently whether I would choose general practice again.",
    "I was on duty on Monday, which in our practice means being the doctor who says yes when everyone else "
    "has run out of appointments.",
    "Nobody warned me at medical school that so much of this job would be about {thing}.",
)
FP_CONTEXT = (
    "For anyone who has missed it, under {thing} {group} will have to {change}.",
    "On paper, the idea is simple: {group} {change} and patients get a better service.",
    "The official line is that {thing} will reduce variation and improve care.",
    "The trouble is that {thing} will land on practices that are already stretched.",
    "{Actor_cap} insists this is about patients, and I do not doubt the intention.",
    "What worries me is not the principle but the practice.",
    "I understand why {actor} wants to be seen to act.",
)
FP_ARGUE = (
    "The problem is not that GPs are unwilling; it is that there are only so many hours in a day.",
    "If we want {group} to {change}, we have to fund the time it takes.",
    "I have watched {worry} creep up on us for years, and this will only accelerate it.",
    "Every new requirement comes with a form, and every form comes out of clinical time.",
    "We keep treating general practice as an infinite resource, and it is not.",
    "Patients are not daft; they can see the system is creaking, and they are as frustrated as we are.",
    "What would actually help is continuity: seeing the same doctor, who knows you and your history.",
    "The evidence for continuity of care is strong, yet almost nothing in {thing} protects it.",
    "I do not know a single practice that is sitting on spare capacity.",
    "The risk is that {thing} could reward practices for looking busy rather than for caring well.",
    "In my experience, the practices that cope best are the ones trusted to organise themselves.",
    "We need policy that is built with the people who deliver it, not handed down to them.",
    "It is hard to feel valued when the message from above is that we are the problem.",
    "Each extra target sounds reasonable on its own, but together they add up to an impossible day.",
    "Meanwhile, {fact_lc}",
    "Consider the numbers: {frac} sessions I work now overrun, and that is before any home visits.",
    "Nobody I know went into medicine to hit targets; we went into it to look after people.",
    "I have lost count of the initiatives that arrived with fanfare and left without trace.",
    "A practice is only as strong as its most tired receptionist on a wet Monday.",
    "When the day runs over, it is the paperwork and the prevention that get squeezed, never the emergencies.",
    "The patients who shout loudest get seen; the quiet ones with the most need often do not.",
    "My partners and I spend more of our meetings on spreadsheets than on patients.",
    "I would happily trade half the targets for one more clinician in the building.",
    "Our best days are the ones where we are trusted to use our judgement.",
    "I worry most about the patients we never hear from at all.",
    "We are told the money is there, but it never quite reaches the practices that need it.",
    "The workload does not stop at the door of the consulting room; it follows us home in the inbox.",
    "Young doctors are watching how we are treated, and many are drawing their own conclusions.",
    "It is not resilience we lack; it is time.",
    "If {thing} is the answer, I would love to know what the question was.",
    "Ask any receptionist what has changed this year and you will get a very honest answer.",
    "I want to be able to tell my patients that help is coming, and mean it.",
)
FP_LEADINS = (
    "",
    "",
    "",
    "",
    "Frankly, ",
    "In truth, ",
    "Let me be clear: ",
    "The uncomfortable truth is that ",
    "What frustrates me is that ",
    "I suspect ",
    "It seems to me that ",
    "As any partner will tell you, ",
    "Put simply, ",
    "I would go further: ",
    "Here is the thing: ",
    "Anyone who has worked a duty day knows that ",
    "The honest answer is that ",
    "Privately, most managers will admit that ",
    "I keep coming back to one point: ",
    "And yet ",
    "Worse, ",
    "Above all, ",
)
FP_CLAIMS = (
    "general practice cannot absorb another unfunded demand",
    "nobody asked practices how long the work would take before announcing {thing}",
    "years of underinvestment have led directly to {worry}",
    "patients notice when continuity disappears, even if ministers do not",
    "the paperwork grows faster than the workforce",
    "good care takes time, and time is the one thing we are never given",
    "we are measured on what is easy to count rather than on what matters",
    "the people making these decisions have rarely sat in a consulting room at six on a Friday evening",
    "every hour spent on {thing} is an hour not spent with patients",
    "asking {group} to {change} without extra staff is wishful thinking",
    "{group} are running on goodwill, and the goodwill is running out",
    "the system relies on people staying late and saying nothing",
    "the gap between what is announced and what is funded keeps growing",
    "a practice is a small business as well as a clinical service, and both halves are under strain",
    "morale is not a soft issue; it decides who stays and who leaves",
    "we have become very good at coping, which is exactly why nobody notices the strain",
    "our patients are older, sicker and more complex than they were a generation ago",
    "{actor} wants the credit for {thing} but not the work of delivering it",
    "the best ideas in general practice have always come from practices themselves",
    "{worry} will not show up on any dashboard until it is far too late",
    "fixing general practice means fixing the rest of the NHS too",
    "trust, once lost, is slow to rebuild",
    "the workload does not disappear just because a new form has been invented",
    "receptionists take the brunt of every change and get none of the credit",
    "we could do far more with a little flexibility and a lot less micromanagement",
    "prevention is the first thing to go when every day is a firefight",
    "nobody has ever explained what problem {thing} is meant to solve",
    "practices in deprived areas will feel this first and hardest",
    "continuity is not a luxury; it is the thing that makes general practice work",
    "the debate about {thing} has been conducted almost entirely over our heads",
    "if {worry} were happening in a hospital, it would be front-page news",
    "a ten-minute appointment was never designed for the patients we now see",
    "the job has become less about medicine and more about managing scarcity",
    "the people who designed {thing} will never have to deliver it",
    "our patients deserve honesty about what the NHS can and cannot do",
    "the inbox is now the biggest single demand on a GP's day",
    "practices are quietly closing their lists to new work because they have no other choice",
    "nothing in {thing} will make it easier to keep experienced staff",
    "we are treating the symptoms of a workforce crisis rather than its cause",
    "the practices that most need help are the least able to apply for it",
    "the time we spend proving we are doing the work is time not spent doing it",
    "patients would choose a doctor who knows them over a faster appointment with a stranger",
)
QUOTE_LEADINS = (
    "",
    "",
    "",
    "",
    "Honestly, ",
    "Look, ",
    "The reality is that ",
    "To be blunt, ",
    "What people forget is that ",
    "I'll be honest: ",
    "Put simply, ",
    "From where I sit, ",
)
QUOTE_CLAIMS = (
    "we are doing our best, but {thing} makes it harder, not easier",
    "my team has had enough of being told to {change} with nothing extra",
    "nobody asked practices how long the work would take",
    "we are already seeing {worry}, and it is only going to get worse",
    "I would love to {change}, but show me the staff to do it",
    "patients are seeing the effects of this every single day",
    "this could be workable if it came with proper funding",
    "we need a proper conversation with {actor}, not another letter",
    "round here we have been raising this for months",
    "it might look sensible on paper, but it does not survive contact with a Monday morning",
    "the goodwill that keeps practices going is not unlimited",
    "our receptionists are taking the brunt of this",
    "it feels like general practice is being set up to fail",
    "there are parts of this I welcome, but the timing is terrible",
    "we have lost two clinicians this year and cannot replace them",
    "the practices around us are all saying the same thing",
    "I want to be positive, but it is hard when the support never arrives",
    "we will do what we can, but something has to give",
    "the detail matters more than the headline, and the detail is not good",
    "we were given a fortnight to prepare for something that needed six months",
)
BLOG_ANECDOTE = (
    "One reader, a practice manager in {place2}, wrote to tell us her team had spent a week on nothing else.",
    "A GP I spoke to this week described the mood in her practice as ‘quietly furious’.",
    "A partner who has read Auscult for years emailed to say it was the first time he had thought of leaving.",
    "On a visit to a practice this month, I watched the duty doctor field calls for an hour without a break.",
)
FP_QUESTIONS = (
    "So who, exactly, is supposed to do this work?",
    "What happens to the patient who cannot use an online form, or a phone, or a bus to get to us?",
    "Where are the extra clinicians supposed to come from?",
    "Is it any wonder that {group} are angry?",
    "When did anyone in power last talk about continuity of care and mean it?",
    "Why does every solution seem to involve another portal?",
    "What would it take for {actor} to trust practices to run themselves?",
    "How many more times do we have to say this?",
    "Who speaks for the patient with five conditions and ten minutes?",
    "Would any other part of the NHS accept being asked to {change} overnight?",
)
FP_COLLEAGUE_FOLLOW = (
    "It is a view I hear more and more.",
    "{short} is not alone.",
    "I could not have put it better myself.",
    "That conversation has stayed with me.",
    "Nobody in the room disagreed.",
    "It was said with a smile, but nobody was joking.",
    "I have heard the same thing from colleagues in {place2}.",
)
FP_ANECDOTE = (
    "A woman in her seventies came to see me last month with three problems and a list.",
    "One of our receptionists told me she had been sworn at four times before lunch.",
    "I recently saw a young man who had tried to get an appointment for a fortnight.",
    "Our practice nurse stayed two hours late last week to finish reviews that could not wait.",
    "A patient I have known for years told me he no longer bothers to ring because he assumes we are full.",
    "During one morning surgery I counted the number of tasks that arrived while I was consulting.",
    "A trainee asked me last week how I manage to stay positive, and I was not sure what to tell her.",
    "A carer phoned us on Friday afternoon because a hospital letter had said the GP would sort it out.",
)
FP_ANECDOTE_2 = (
    "None of the details matter here, and I have changed them anyway; what matters is how ordinary it was.",
    "It was not a dramatic case, but it captured everything that is wrong with how the system works.",
    "Stories like that are not unusual, and that is exactly the point.",
    "I thought about that conversation for the rest of the day.",
    "It took twenty minutes to sort out something that should have taken five.",
)
FP_COLLEAGUE = (
    "A colleague, {name}, {arole}, put it to me bluntly: ‘{q1}’",
    "When I raised this with {name}, {arole}, the reply was immediate: ‘{q1}’",
    "As {name}, {arole}, said to me recently: ‘{q1}’",
    "{name}, {arole}, summed up the mood when we spoke last week: ‘{q1} {q2}’",
)
FP_CONCEDE = (
    "To be fair, not everything about {thing} is bad.",
    "I accept that some practices have struggled, and that patients deserve better in some areas.",
    "There are good ideas buried in the detail, and I would not throw them all out.",
    "I know some readers will disagree, and I am glad the comments below will let them say so.",
    "It would be dishonest to pretend that general practice has got everything right.",
    "Some colleagues tell me they have made {thing2} work in their area, and I am glad to hear it.",
)
FP_ACTION = (
    "So here is what I would ask {actor} to do: talk to practices before announcing the next change.",
    "My plea to fellow GPs is simple: record the impact, share it with your LMC, and do not suffer in silence.",
    "If you are a partner reading this, look after your team first; they are the reason the practice still works.",
    "We should be loud about what we need, because nobody else will be loud on our behalf.",
    "I would rather spend my energy fixing the small things we can control.",
    "What I want is honesty: tell patients what general practice can and cannot do with what it has.",
)
FP_CLOSE = (
    "I will still be there at eight tomorrow morning, and so will my colleagues. That should count for something.",
    "General practice has survived a great deal. It will survive this, but not unchanged.",
    "I remain, stubbornly, optimistic. But optimism is not a workforce plan.",
    "Until then, I will keep doing the job as well as I can, one patient at a time.",
    "The profession deserves better, and so do our patients.",
    "Ask me again in a year. I hope the answer is better than the one I would give today.",
)
BLOG_OPEN = (
    "This week's post bag has been dominated by one subject: {thing}.",
    "Few stories this year have generated as many comments on the site as {thing}.",
    "When we asked readers about {thing}, we expected strong views. We were not disappointed.",
    "I spent part of this week visiting a practice in {place}, and the conversation kept returning to {thing}.",
)
BLOG_EXTRA = (
    "Our own reporting has shown that {stat}.",
    "Reading through your comments, what struck me most was not anger but weariness.",
    "As a magazine, our job is to report what is happening in practices, not just what is announced in Whitehall.",
    "We will keep asking {actor} the questions readers want answered.",
    "Several of you wrote to say we should not forget {thing2}, and we will be looking at that next.",
)
FP_HEADINGS = (
    "The view from my consulting room",
    "What needs to change",
    "A question of trust",
    "Where we go from here",
    "The bigger picture",
    "Why it matters",
)

# Feature pools
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

# Author profiles
STAFF_ROLES = (
    "Editor",
    "Deputy editor",
    "News editor",
    "Deputy news editor",
    "Senior reporter",
    "Reporter",
    "Reporter",
    "Features editor",
    "Clinical editor",
    "Digital editor",
    "Senior reporter",
)
CONTRIBUTOR_ROLES = (
    "GP partner in {town}",
    "GP partner in {town} and columnist",
    "Salaried GP in {town}",
    "Locum GP in {county}",
    "Practice nurse in {county}",
    "Practice manager in {town}",
    "GP trainee in {town}",
    "Clinical pharmacist in {town}",
    "GP partner in {county}",
    "Retired GP and former LMC secretary",
    "PCN clinical director in {town}",
    "Advanced nurse practitioner in {county}",
    "Sessional GP in {town}",
    "GP and medical educator in {town}",
)
BIO_STAFF = (
    "{first} joined Auscult in {joined} and covers {beat}.",
    "Before that, {first} worked on regional newspapers and a health policy newsletter.",
    "{first} also edits the daily news bulletin.",
    "Tips and story ideas are always welcome by email.",
    "{first} has reported on general practice for more than {years} years.",
)
BIO_CONTRIB = (
    "{first} writes regularly for Auscult about {beat}.",
    "Outside work, {first} {hobby}.",
    "{first} is also involved with the local LMC and has a particular interest in {interest}.",
    "{first} trained in {town2} and has a particular interest in {interest}.",
    "{first} has written for Auscult since {joined}, mostly about {beat}.",
)
BIO_FIRST = {
    "trainee": "{first} is in the final year of GP training, after {years_short} years of hospital posts.",
    "retired": "{first} was a GP partner for {years} years before retiring, and still works the occasional locum "
    "session.",
    "manager": "{first} has managed practices for {years} years, {where}.",
    "other": "{first} has worked in general practice for {years} years, {where}.",
}
BEATS = (
    "workforce and the GP contract",
    "practice finances",
    "access and patient demand",
    "prescribing and medicines",
    "regulation and the CQC",
    "digital health",
    "training and education",
    "the profession's wellbeing",
    "primary care policy",
)
HOBBIES = (
    "runs badly but enthusiastically",
    "sings in a community choir",
    "is slowly renovating an old house",
    "walks the dog on the moors",
    "coaches a junior football team",
    "grows more courgettes than anyone needs",
    "is learning the cello",
    "swims in the sea all year round",
)
INTERESTS = (
    "medical education",
    "health inequalities",
    "frailty",
    "mental health",
    "continuity of care",
    "women's health",
    "quality improvement",
    "sustainability",
)

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


REPORTED_LEADINS = (
    "Many GPs argue that ",
    "Practice managers point out that ",
    "LMC leaders say ",
    "Several partners told Auscult that ",
    "The view among many in the profession is that ",
    "Critics argue that ",
    "Some GPs go further, arguing that ",
    "Others counter that ",
    "GP leaders have long warned that ",
    "Those working in practices say ",
    "Even supporters concede that ",
    "Managers report that ",
    "Nurses and pharmacists echo the point that ",
    "Local leaders say privately that ",
    "",
)
REPORTED_CLAIMS = (
    "general practice cannot absorb another unfunded demand",
    "the workload has grown far faster than the workforce",
    "nobody worked out how practices would deliver {thing} before it was announced",
    "patients notice when continuity disappears, even if policymakers do not",
    "the paperwork involved is out of proportion to any benefit",
    "there are early signs of {worry} in some areas",
    "the profession has been running on goodwill for too long",
    "practices in deprived areas will be hit first and hardest",
    "the changes reward activity rather than outcomes",
    "receptionists bear the brunt of every change to how patients get in touch",
    "local flexibility would achieve more than national targets",
    "the funding on offer does not match the scale of the task",
    "{actor} has underestimated how long the work takes",
    "the burden falls hardest on smaller practices with fewer staff",
    "continuity of care is being quietly sacrificed",
    "the policy assumes a workforce that does not exist",
    "many practices are already doing what is being asked, without recognition",
    "the timetable is unrealistic for all but the best-staffed practices",
    "there is too little evidence that the approach will improve outcomes",
    "the underlying problem lies in the wider NHS, not in general practice alone",
    "patients are confused about what has changed and why",
    "the risk of {worry} has been underplayed",
    "training and supervision have been overlooked",
    "the measures will struggle without proper investment",
    "the changes have been communicated poorly to patients",
    "the pace of change has left little room to learn from mistakes",
)
FOLLOW_UPS = (
    "{short} said the practice had already had to {change}.",
    "{short} added that colleagues in {place2} were reporting the same problems.",
    "{short} said the LMC had raised the issue with the ICB but had yet to receive a reply.",
    "{short} added: ‘{q2}’",
    "{short} said the team would ‘do what it can’ but warned that {worry} was a real risk.",
    "{short} also called for clearer guidance from {actor}.",
    "According to {short}, patients had been understanding so far, but patience was wearing thin.",
)
PRACTICE_STEMS = (
    "Church Lane",
    "Station Road",
    "Market Street",
    "Mill Lane",
    "Victoria Road",
    "Park View",
    "Riverside",
    "Castle Street",
    "High Street",
    "Orchard",
    "Beech Grove",
    "Elm Tree",
    "Hillside",
    "Meadowbank",
    "Northgate",
    "Westfield",
    "Abbey",
    "Brookfield",
    "Canal Side",
    "Harbour",
    "Moorland",
    "Quarry Hill",
)
PRACTICE_SUFFIXES = ("Surgery", "Medical Practice", "Medical Centre", "Health Centre", "Family Practice")
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
