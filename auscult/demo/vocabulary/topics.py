"""Topics: each supplies the nouns, verbs and sentences a story on that subject is assembled from.

    things   noun phrases naming the policy or problem (with "the" where natural; stripped for headlines)
    changes  verb phrases completing "practices will have to ..."
    worries  noun phrases completing "could lead to ..."
    facts    standalone background sentences
    stats    clauses completing "a survey ... found that ..."
    quotes   sentences a GP or GP leader might say
    heads    topic-specific headline templates

Beside them, the actors, groups and times any story may name."""

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
