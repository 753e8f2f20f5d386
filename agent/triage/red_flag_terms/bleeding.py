"""Red-flag concepts: bleeding (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import words

UNCONTROLLED_BLEEDING = words(
    "bleeding that will not stop",
    r"spurt\w*|squirt\w*|puls\w* (bleeding|blood)|pulsing|gush\w*|pouring|pumping (out )?blood",
    r"(wont|will not|doesnt|does not|cant|cannot|not) (stop|stopping) (the )?bleed\w*|bleed\w* "
    r"~2 (wont|will not|doesnt|does not|not|isnt|is not|hasnt|has not|keeps not) (stop|stopping|"
    r"stopped)|(cant|cannot) stop (the )?bleed\w*|even with pressure",
    r"despite ~5 pressure|bleed\w* ~4 after <min15> (minutes|mins|min) of ~2 pressure|through "
    r"(\w+ )?(dressings|bandages|towels|tea towels)",
    r"soak\w* (through|the)|soaked|despite (firm )?pressure|not controlled by pressure|through "
    r"the (towel|bandage|dressing)|(bleeding|oozing) (heavily )?for (<min15> minutes|an hour|"
    r"over an hour|((a couple of|a few|several|two|three|four|five|six|[2-9]|1\d) )?hours)|"
    r"(uncontrolled|massive|catastrophic|arterial) (bleed\w*|haemorrhage|"
    r"hemorrhage)|exsanguinat\w*",
)
LOTS_OF_BLOOD = words(
    "a lot of blood",
    r"(a lot|lots|loads|pools?|puddle|mouthfuls|cups?|so much|tons) of (\w+ )?blood|blood "
    r"everywhere|bleed\w* (heavily|a lot|badly|loads|profusely|like crazy)|(heavy|profuse) "
    r"bleeding|covered in blood",
    # Soaking a pad in well under an hour.
    r"(flooding|soaking|soaked|going) (through )?(a |the |\d+ )?pads? every (([1-9]|[1-5]\d) "
    r"((to|or) )?){1,2}(min|mins|minutes)|(flooding|soaking|soaked) (through )?(a |the )?pads? "
    r"every few (min|mins|minutes)",
)
BLEEDING_STOPPED = words(
    "bleeding stopped or controlled",
    # "it hasn't stopped" is not stopped: the gap may not hold a negation.
    r"(bleeding|it|blood)<gap2> (stopped|controlled|has stopped|settled)|(?<!hasnt )(?<!has not )"
    r"(?<!havent )(?<!wont )(?<!not )stopped bleeding",
    r"(bleeding|it) (is |s )?(under control|controlled)",
)
NOSEBLEED = words(
    "nosebleed",
    r"nose ?bleeds?|nose (is |has been |keeps |started |wont stop )?bleed\w*|nose bled|epistaxis",
)
LONG_OR_DESPITE_PRESSURE = words(
    "over 15 minutes or despite pressure",
    r"<min15> (minutes|mins)|(an|over an|half an|1|one|2|two) hours?|hours|despite|the whole"
    r" time|swallowing blood|wont stop|not stopping|still (going|bleeding)",
)
AFTER_TONSILLECTOMY = words(
    "after tonsillectomy",
    r"tonsils? (out|removed|taken out)|tonsillectomy|adenoidectomy",
)
DIALYSIS_FISTULA = words("dialysis fistula", r"fistula|dialysis (line|site|access)")
COUGHING_BLOOD_HEAVY = words(
    "coughing up a lot of blood",
    r"cough\w* (up )?(mouthfuls|cups|a lot|lots|loads|a load|a cupful|a mugful) of blood|"
    r"massive ha?emoptysis|cough\w* up blood ~~4 (cupful|mugful|mouthful|cup|mug|lots|loads)",
)
ANY_BLEEDING = words("bleeding", r"bleed\w*|bled|blood|haemorrhag\w*|hemorrhag\w*")
# "I cut deep" said with "won't stop": uncontrolled bleeding, self-inflicted or not.
SELF_CUT_DEEP = words(
    "a deep cut",
    r"(i|ive|i have|hes|shes|he|she|he has|she has) (has |have )?cut (myself |himself |herself )?"
    r"(too |really |very |so )?deep\b(?! (on|with|while|chopping|opening|cutting|slicing)\b)",
)
WRIST_CUT = words(
    "cut wrists",
    # Plural wrists, or "slit/slashed", or "I cut my wrist" not explained as an accident.
    r"(slit|slashed) (<poss> )?wrists?|cut (<poss> )?wrists(?! on)|wrists (are )?(cut|slit|"
    r"slashed)|(i|ive|i have|he|she|hes|shes|has) (has |have )?cut (<poss> )?wrist(?!s| on| with"
    r"| while| at| accidentally| by accident| opening)",
)

VOMITING_BLOOD = words(
    "vomiting blood",
    r"<vomit>(?: (?!(?:no|not|never|without|nil)\b)[\w.%/]+){0,5} (blood|bloody)(?! (tests?|"
    r"results?|pressure|sugars?|counts?|work|forms?)\b)|(blood|"
    r"bloody) (\w+ )?(vomit|sick)|ha?ematemesis",
    r"coffee grounds?|coffee ground|vomit\w* ~2 (red|dark red)",
    # "brought up a cupful of blood", not "brought up my blood thinners" (mentioned them).
    r"(brought|bringing|brings) up (\w+ ){0,3}(cupful|cup|mouthful|lot|lots|bit|some|fresh|bright "
    r"red|dark) (of )?blood\b(?! (tests?|results?|pressure|sugars?|thinners?|work|counts?|forms?|"
    r"donation)\b)",
    r"<vomit>(?: (?!(?:no|not|never|without|nil)\b)\S+){0,9} (bright red|fresh|dark red) blood",
)
MELAENA = words(
    "black tarry stool",
    r"tarry|like tar|black (and )?tar\w*|mela?ena|ma?elena|black (and sticky )?(stools?|poo|"
    r"poop|bowel movements?)|(poo|poop|stools?) ~2 (black|jet black)|(poos?|poops?|"
    r"stools?|motions?) ~3 black and (sticky|tarry|shiny|smelly)",
)
RECTAL_BLEEDING = words(
    "rectal bleeding",
    r"blood ~3 (back passage|bottom|rectum|rectal|butt|bum)|rectal (bleed\w*|blood)|"
    r"ha?ematochezia|bleed\w* from (<poss> )?(back passage|bottom|rectum|bum)",
    r"blood (pr|per rectum)|(passing|passed) ~4 (blood|clots) ~3 (pr|per rectum|from (<poss> )?"
    r"(back passage|bottom|rectum|bum)|in (the|<poss>) (toilet|pan|stool|poo))",
)
STRONG_BLEEDING_AMOUNT = words(
    "large amount",
    r"(a lot|lots|loads|so much|large amount|tons|pools?) of|heavy|heavily|quite a lot|loads",
)
