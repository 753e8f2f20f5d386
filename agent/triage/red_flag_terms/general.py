"""Red-flag concepts: general findings shared by several rules (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import words

SUDDEN = words(
    "sudden onset",
    r"sudden\w*|all of a sudden|abrupt\w*|instant\w*|out of nowhere|came on (like|just now)",
    r"came on (suddenly|fast|in seconds)|like a switch|within (a|1|one) (minute|second)",
    r"just now|\d+ minutes ago|an hour ago|(half|quarter of) an hour ago|out of the blue",
)
FAINTING = words(
    "fainting or collapse",
    r"faint(ed|ing)?|pass(ed|es|ing)? out|blacked out|black out|collapsed?|collapsing",
    r"loss of consciousness|lost consciousness|syncop\w*|keeled over|went down|slid off",
    r"(nearly|almost) (fainted|passed out|blacked out|collapsed)",
    r"(woke|woken|came round|came to|come round|come to) (up )?on the (\w+ )?(floor|ground)",
    r"(he|she|i|and|then) (just )?(dropped|crumpled|hit the (floor|deck|ground))(?! (it|the|a|an|"
    r"<poss>|off|by|in|out|from|to))",
)
NEAR_FAINT = words(
    "feeling faint",
    r"(feel|feels|felt|feeling) (\w+ )?(faint|like (im|i am|hes|shes) going to pass out)",
    r"(about|going) to (pass out|faint)|nearly (fainted|passed out)|almost (fainted|passed out)",
    r"light ?headed\w*|near (fainting|syncope)|presyncop\w*|like passing out|woozy",
    r"near (collaps\w*|faints?)|(nearly|almost) (went over|went down|keeled over|dropped|going "
    r"over|going down)",
    r"(everything|vision|eyes|it all) (went|going|goes|turned) (grey|gray|black|dark|white)",
)
DIZZY = words("dizziness", r"dizz\w*|giddy|vertigo|room (is )?spinning|off balance|unsteady")
SWEATING = words(
    "sweating or clamminess",
    r"sweat\w*|clammy|diaphore\w*|drenched|cold and clammy",
)
PALLOR = words("pallor", r"pale|pallor|ashen|grey|gray|white as a sheet|washed out")
VOMITING = words("vomiting", r"<vomit>|vomiting|emesis|retching")
NAUSEA_OR_VOMITING = words(
    "nausea or vomiting", r"nause\w*|feel(s|ing)? sick|<vomit>|vomiting|queasy"
)
BREATHLESS = words(
    "breathlessness",
    r"short of (breath|breast|bread|breat)|shortness of breath|sob|breathless\w*|dyspn\w*",
    r"<cant> (catch )?(<poss> |a )?<breathe>|(struggling|hard|harder|difficult|trouble) (to )?"
    r"<breathe>|difficulty <breathe>|breathing (hard|heavy|heavily|fast|quickly|rapidly)",
    r"(cant|cannot) get (<poss> |a )?breath|out of breath|winded|puffed|gasping|breathe good",
    r"struggl\w* (for|with) (<poss> )?breath|laboured breathing|labored breathing|tachypn\w*",
)
CONFUSION = words(
    "new confusion",
    # "I'm a bit confused about my bill" is not delirium; a caller's own confusion counts
    # through the other phrasings ("I don't know where I am").
    r"(?<!im )(?<!i am )(?<!bit )(?<!little )(?<!im so )(?<!im really )"
    r"confus(ed|ion|ional)(?! about| by|"
    r" with (the|my|your|this)| as to| over| what| how| why| if| whether| which)",
    r"muddled|disorient\w*|delirium|delirious|altered mental (state|status)|(?<!not )obtunded",
    r"(doesnt|does not|didnt|dont) know (who (i|she|he|they|we) (am|is|are)|where (she|he|they"
    r"|i) (is|are|am)|what (day|year|month|time) it is|(his|her|their) (own )?name)",
    r"(doesnt|does not|didnt) recogni[sz]e (me|us|her|him|anyone|family)",
    r"(talking|speaking) (nonsense|rubbish|gibberish)|not making (any )?sense|cant think straight",
    # A person not making sense, not "the letter isn't making sense".
    r"(he|she|hes|shes|mum|mums|mom|moms|dad|dads|nan|nans|gran|grans|grandad|grandads|husband|"
    r"husbands|wife|wifes|partner|partners)( just| really)? (isnt|wasnt|is not|was not) making "
    r"(any )?sense(?! of)",
    r"combative",
    r"agitated and confused|hallucinat\w* and confused|(gcs|glasgow) (of |score )?1[34]",
)
# For rules that combine it with another finding, a caller's own "I'm confused" counts too.
CONFUSED_IN_COMBINATION = words(
    "confused (in combination)",
    r"confus\w*(?! about| by| with (the|my|your|this)| as to| over| what| how| why| if| whether|"
    r" which)|muddled|cant think straight|disorient\w*|delirious|(talking|speaking) (nonsense|"
    r"rubbish|gibberish)|not making (any )?sense|(doesnt|does not) know (where|what day|who)",
)
CONFUSION_LONGSTANDING = words(
    "long-standing confusion (dementia)",
    r"dementia|alzheimer\w*|(for|over) (the )?(past |last )?(\d+ |few |several )?(weeks|months|"
    r"years)|gradual\w*|slowly|in the evenings|sundown\w*|always (a bit )?confused",
)
NEW_OR_SUDDEN = words(
    "new or sudden",
    r"sudden\w*|all of a sudden|abrupt\w*|new|today|this (morning|afternoon|evening)|since "
    r"(yesterday|last night|this morning)|over (a few |the last few |several )?hours|just now|"
    r"out of nowhere|(much )?worse today|was fine",
)
DROWSY = words(
    "drowsiness",
    r"drows\w*|(so|very|really|more|unusually|too) sleepy|sleepier|lethargic|lethargy",
    r"hard to (wake|rouse)|difficult to (wake|rouse)|keeps? (falling|drifting) asleep|obtunded",
    r"sleepy|not (really )?responding properly|groggy",
)
FLOPPY = words("floppy or limp", r"floppy|limp|lifeless|listless")
FEVER = words(
    "fever",
    # "a temperature" is a fever in lay speech, unless a normal reading follows it.
    r"(?<!hay )fever\w*|febrile|pyrexi\w*|(temperature|temp)(?! (of |is |was |at |reading |s |"
    r"says )?(3[0-7]|9\d|normal|fine|ok|okay|down|check)\b)|high temp|burning up|(feels|feel|is|s) "
    r"(really |very |so )?hot|hot to (the )?touch",
    r"(3[89]|4[0-2])(\.\d)? ?(c|degrees|celsius)|(3[89]|4[0-2])\.\d|100\.[4-9]|10[1-7]\.\d",
    r"10[1-7] ?(f|degrees|fahrenheit)|(temp|temperature|thermometer|reading|says|of|is|s|at|was|"
    r"to) (10[1-7]|100\.[4-9])(?![\d/])",
)
RIGORS = words(
    "rigors",
    r"rigou?rs|shiver\w*|shaking (uncontrollabl\w*|all over|with (a )?(fever|temperature|chills))",
    r"(im|hes|shes|is|and|now) shaking|uncontrollable shaking|chills|teeth chattering",
)
VERY_UNWELL = words(
    "feeling very unwell",
    r"(really|very|so|extremely|terribly) (ill|unwell|poorly|sick)|feel(s|ing)? terrible",
    r"feel(s|ing)? (like )?(im|i am|hes|shes) (going to|gonna) die|sense of doom|feel awful",
    r"going to pass out|generally unwell",
)
TACHYCARDIA = words(
    "very fast pulse",
    r"(hr|heart rate|pulse|pulse rate)( (of|is|was|at|around|about))? (1[2-9]\d|2\d\d)",
    r"tachycardi\w*|heart(s| is)? (racing|pounding|going (super |really |very )?fast)",
)
HYPOTENSION = words(
    "low blood pressure",
    r"(bp|blood pressure|pressure)( (of|is|was|at))? ([4-8]\d|9[0-5])/\d+",
    r"hypotensi\w*|(blood )?pressure (is )?(very |really )?low|in shock|clinical shock",
)
OLDER_ADULT = words(
    "adult over 40",
    r"<age40> ?(years?|yrs?|yo|y o|year old)",
    # The space after "im" matters: "I'm 66" is `im 66`.
    r"(im |i am |hes |he is |shes |she is |aged |age |turned |(mom|mum|mother|dad|father|husband|"
    r"wife|grandma|grandpa|granny|partner|brother|sister|nan|nana|gran|grandad|mums|moms|dads|"
    r"nans|grans|grandads|husbands|wifes|partners) (is |s )?)<age40>"
    r"(?! ?(weeks|wks|minutes|mins|%|percent|kg|lbs|pounds|degrees|c|f|mmol|mg|units|bpm|times))",
    # A note's "F 67" or "58 M" at the start of a clause.
    r"(^|, )((f|m|pt) ([4-8]\d|9[0-4])|([4-8]\d|9[0-4]) (f|m|yo|y/o))(?= ,|$| )|<age40> y/o",
    r"(^|, )<age40> ,|(man|woman|male|female|patient|gentleman|lady) <age40>|in (his|her) "
    r"(40|50|60|70|80|90)s|elderly|retired|grandma|grandpa|grandmother|grandfather|pensioner",
)
CHILD = words(
    "child",
    r"toddler|baby|infant|newborn|child|kid|preschooler|my (son|daughter|grandson|granddaughter)",
    r"(boy|girl|child|toddler)( ,)? \d+|(1[0-7]|[1-9]) ?(years?|yrs?|year|months?) old",
    r"(little|baby) (boy|girl|one)|(is|s|hes|shes) (1[0-9]|[1-9]) months\b",
    r"(pt|patient|aged) ([1-9]|1[0-5]) (yo|y o|years?)\b",
)
INFANT_UNDER_3_MONTHS = words(
    "infant under 3 months",
    r"new ?born|neonat\w*|just born|born (\w+ )?(days|a week|last week|this week)",
    r"([0-9]|1[0-2]) ?(weeks?|wks?) old|([0-9]|[1-8]\d) ?days? old|[12] ?months? old",
    r"(baby|babys|infant|son|sons|daughter|daughters|boy|girl)( ,| aged| is)? ([0-9]|1[0-2]) "
    r"(weeks?|wks?)"
    # "my son is 8 weeks off school" is a duration, not an age.
    r"(?! (pregnant|along|gestation|ago|since|off|of|from|into|out|later|now|post\w*)\b)",
    r"(baby|infant|son|daughter)( ,| aged| is)? [12] months?|under (3|three) months",
    r"(pt|patient|infant|baby|aged) [12] (mo|mos|mth|mths)\b",
    r"my ([0-9]|1[0-2]) (week|wk) old|([0-9]|1[0-2]) weeks of age",
    r"[12] months? and (a|1|2|3) (weeks?|days?) old",
    r"(baby|infant|newborn|neonate|son|daughter)( ,| aged| is)? ([0-9]|[1-8]\d) days?",
)
# "She's only seven weeks" about a baby; the same words are said of a pregnancy, so the rule
# that uses this stands down when pregnancy is mentioned (`PREGNANCY_WORDS`).
AGE_IN_WEEKS_UNDER_13 = words(
    "age given as under 13 weeks",
    r"(hes|shes|he is|she is|baby is|babys|(son|daughter|boy|girl) is) (only |just |barely |not "
    r"even )?([0-9]|1[0-2]) (weeks?|wks?)\b(?! (pregnant|along|gestation|ago|since|early|late|"
    r"overdue|prem\w*|gone|post\w*|after|into|in|out|off|on|of|from)\b)",
)
PREGNANCY_WORDS = words(
    "pregnancy mentioned",
    r"pregnan\w*|expecting|gestation|antenatal|prenatal|miscarr\w*|(my|her) bump(?! on| to| from"
    r"| in)|baby bump|morning sickness|(last|missed) (menstrual )?period|weeks (along|gone)",
)
PREGNANT = words(
    "pregnant",
    r"pregnan\w*(?! tests? (\w+ ){0,2}(negative|wasnt|isnt|werent|not)\b)|expecting|(im|i am|shes|"
    r"she is|at|woman at|patient at) \d+ (weeks|wks)",
    r"\d+ (weeks|wks)( pregnant| along| gestation)|gestation|positive (pregnancy|home) test",
    r"positive test( ,)? \d+ (weeks|wks)(?! (ago|back|before)\b)",
    r"\d+ weeks since (my |her )?last period|missed (my|her) period|antenatal|prenatal",
    # "my period is late", not "my period isn't late" or "came a week late"; a pregnancy test,
    # not a covid home test.
    r"miscarr\w*|amenorrh\w*|late period|periods? (is |was |s )?((\d+|a|a few|a couple of) (days?|"
    r"weeks?) |(is|was|s)<gap3> )late",
    r"(?<!covid )(?<!covid 19 )(?<!flow )(?<!flu )(?<!antigen )(?<!strep )(?<!uti )(?<!drug )"
    r"(?<!hiv )(pregnancy|home) test<gap3> positive",
    r"(lmp|last (menstrual )?period|last period was) ~2 ([4-9]|1\d) weeks ago",
)
POSTPARTUM = words(
    "recently given birth",
    r"gave birth|given birth|had (my|the|her|our|a) baby|after (giving )?birth|after delivery",
    r"post ?partum|post ?natal|(days|weeks?) after (delivery|giving birth|birth|my c section)",
    r"c section|caesarean|cesarean|delivered",
)
# Gestation in weeks, as the later-pregnancy rules need it. The numbers are the thresholds in
# the README: 20+ for pre-eclampsia, 24+ for fetal movements, under 37 for preterm labour.
WEEKS_20_PLUS = words(
    "20 weeks pregnant or more",
    # "35+2 weeks" only with the "+" said or typed: "male 35 2 weeks of blurred vision" is not.
    r"(2\d|3\d|4[0-2]) (weeks|wks)(?! (old|ago|since))|(2\d|3\d|4[0-2])\+[0-6] (weeks|wks)",
)
WEEKS_24_PLUS = words(
    "24 weeks pregnant or more",
    r"(2[4-9]|3\d|4[0-2]) (weeks|wks)(?! (old|ago|since))|(2[4-9]|3\d|4[0-2])\+[0-6] (weeks|wks)",
)
WEEKS_UNDER_24 = words(
    "under 24 weeks pregnant",
    # Not the days of "39+4 weeks pregnant".
    r"(?<![+\d])([4-9]|1\d|2[0-3])(\+[0-6])? (weeks|wks)( pregnant| along)",
    # The gestation said as the caller's own ("I'm 22 weeks", "she's only 19 weeks") or given
    # on its own in a list ("first baby, 19 weeks, ..."); not "at 20 weeks" or "the 20 week
    # scan", which a woman further on says of the past.
    r"(im|i am|shes|she is|were|we are)( only| just| about| nearly| almost)? ([4-9]|1\d|2[0-3])"
    # Only the gestation itself, not "I'm 5 weeks away from my due date" or "8 weeks into
    # maternity leave".
    r"(\+[0-6])? (weeks|wks)(?= ,|$| pregnant\b| along\b| and\b| now\b| with\b)",
    r"(^|, )([4-9]|1\d|2[0-3])(\+[0-6])? (weeks|wks)(?= ,|$)",
)
WEEKS_20_TO_36 = words(
    "20 to 36 weeks pregnant",
    r"(2\d|3[0-6]) (weeks|wks)(?! (old|ago|since))|(2\d|3[0-6])\+[0-6] (weeks|wks)",
)
ANTICOAGULANT = words(
    "on anticoagulants",
    r"warfarin|coumadin|blood thinners?|anticoag\w*|apixaban|eliquis|rivaroxaban|xarelto",
    r"dabigatran|pradaxa|edoxaban|heparin|enoxaparin|clexane|bleeding disorder|haemophilia",
    r"hemophilia",
    # How a recogniser hears the common ones ("I'm on a picks a ban").
    r"a ?picks? a ?ban|a ?pixa ban|river (ox|rocks) a ban|rivaroxa ban|war farin|warfrin|elequis|"
    r"eloquis|zarelto|zorelto|dabi gatran",
)
DIABETES = words(
    "diabetes",
    r"diabet\w*|type (1|one|2|two)|insulin|sugar|sugars|suger|glucose|bg|blood sugar|meter",
    r"hypo|hypos|glucagon|metformin|gliclazide",
)
INJURY_EVENT = words(
    "injury",
    r"fell|fall|falls|fallen|falling|crash\w*|accident|collision|hit by|struck|kicked|dove|"
    r"dived|diving|landed|injur\w*|trauma|thrown|tackled|knocked|hit (his|her|my) head",
)
SEVERE = words(
    "severe",
    r"severe|severely|worst|excruciating|agony|agonising|agonizing|unbearable|terrible|awful",
    r"horrible|horrendous|really bad|so bad|very bad|really (really )?(hurts|painful)",
    r"extremely painful|hurts (a lot|so much|like crazy)|(in )?so much pain|screaming",
)
