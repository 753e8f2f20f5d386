"""The words behind the red-flag rules: named concepts, each a list of phrasings.

Read this with `red_flag_rules.py`, whose rule table combines these concepts. A concept is what a
clinician would name a finding ("chest pain", "face droop", "infant under 3 months"); its
phrasings are what callers, relatives and clinicians actually say for it, including the
speech recogniser's usual mis-hearings ("chess pain", "can't breed", "eppy pen").

How a phrasing is written (every phrasing is matched against a *normalised* transcript):

- lower case; apostrophes dropped ("can't" is `cant`, "he's" is `hes`, "mum's" is `mums`);
  hyphens are spaces ("58-year-old" is `58 year old`); number words are digits ("three month
  old" is `3 month old`, "a hundred and four" is `104`, "two point five" is `2.5`); blood
  pressure "210 over 125" is `210/125`; commas, full stops and other clause breaks are a
  lone `,` between words.
- `~3` means "up to three more words here, within the same clause"; `~~3` may also cross a
  comma; `<gap3>` (written with no spaces round it) is `~3` whose words may not be a negation
  ("bleeding<gap4> heavy" is not "the bleeding isn't heavy"). `<pron>` and the other `<...>`
  names are the shorthands in `MACROS` below. Gestation shorthand keeps its plus: `35+2 weeks`.
- the rest is a Python regular expression: `(a|b)` is either, `x?` is optional, `\\w*` is
  any word ending, `\\d` a digit. Keep phrasings free of nested repeats so matching stays
  linear.

A phrasing never needs its own negation: "no chest pain", "denies chest pain", "he's not
unconscious" are handled once, in `red_flags.py`. A phrasing that *is* a negative finding
("not breathing", "won't wake up", "no wet nappy") is written out in full and is never
cancelled by an earlier "no".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Concept:
    """A clinical finding and the ways it is said. `named` marks a diagnosis name, which is
    ignored when it is reported as past history ("had a stroke in 2019")."""

    name: str
    patterns: tuple[str, ...]
    named: bool = False


def words(name: str, *patterns: str) -> Concept:
    return Concept(name, patterns)


def diagnosis(name: str, *patterns: str) -> Concept:
    return Concept(name, patterns, named=True)


MACROS: dict[str, str] = {
    "pron": r"(?:my|his|her|their|your|our|the|a|an|its)",
    "poss": r"(?:my|his|her|their|your|our)",
    "self": r"(?:myself|my self|himself|him self|herself|her self|themselves|themself|yourself)",
    "is": r"(?:is|s|was|are|were|has been|have been|been|got|gotten|is getting|getting|went|gone)",
    "cant": r"(?:cant|cannot|can not|couldnt|could not|unable to|not able to|can barely|barely)",
    "breathe": r"(?:breathe?|breathing|breeth|breed|brief|breeze)",
    "limb": r"(?:arm|leg|hand|foot|forearm|wrist|fingers|toes|calf|thigh)",
    "belly": r"(?:belly|stomach|tummy|abdomen|abdominal|abdo|tum|bump|pelvis|pelvic)",
    "testis": r"(?:testic\w*|testis|testes|testicular|balls?|nuts?|scrot\w*)",
    "vomit": r"(?:vomit\w*|throw\w* up|threw up|puk\w*|been sick|being sick|sick \d+ times)",
    "meds": (
        r"(?:pills?|tablets?|meds|medicine|medicines|medication|medications|paracetamol|"
        r"tylenol|acetaminophen|ibuprofen|aspirin|insulin|antidepressants?|sleeping pills|"
        r"painkillers?|opioids?|methadone|oxy\w*|fentanyl|morphine|codeine|tramadol|"
        r"benzos?|diazepam|valium|xanax|lithium|iron tablets|\w+(triptyline|pramine|oxetine|"
        r"alopram|traline|apine|azepam|azolam|codone|morphone|olol|statin|profen|afil))"
    ),
    # Numbers at or above a threshold, written as regex ranges because transcripts give them
    # as plain digits. Each is commented with what it means in the rule that uses it.
    "age40": r"(?:[4-9]\d|1[01]\d)",
    "min15": r"(?:1[5-9]|[2-9]\d|\d{3})",
    "hours3": r"(?:[3-9]|[1-9]\d)",
    "hours6": r"(?:[6-9]|[1-9]\d)",
    "hours12": r"(?:1[2-9]|[2-9]\d)",
    # Skin drawn in with each breath (recession).
    "sucks_in": r"(?:pull(?:s|ing)?|suck(?:s|ing)?|draw(?:s|ing)?|cav(?:es|ing)|sink(?:s|ing)?)",
}
# `<gap3>` is `~3` whose words may not be a negation: "bleeding <gap4> heavy" is "the bleeding
# is really heavy", never "the bleeding isn't heavy" (the matcher only looks for a negation
# *before* a phrase). "not only" and "not just" are not negations ("not only red but painful").
_NEGATION_IN_GAP = (
    r"(?!(?:no|not|never|nor|isnt|arent|wasnt|werent|hasnt|havent|hadnt|dont|doesnt|didnt|wont|"
    r"without)\b(?! only\b| just\b))"
)
MACROS.update({f"gap{n}": rf"(?: {_NEGATION_IN_GAP}[\w.%/]+){{0,{n}}}" for n in range(1, 7)})


# ---------------------------------------------------------------------------------------------
# General findings shared by several rules
# ---------------------------------------------------------------------------------------------

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
    r"(he|she|i|and|then) (just )?(dropped|crumpled|hit the (floor|deck|ground))(?! (it|the|a|an|"
    r"<poss>|off|by|in|out|from|to))",
)
NEAR_FAINT = words(
    "feeling faint",
    r"(feel|feels|felt|feeling) (\w+ )?(faint|like (im|i am|hes|shes) going to pass out)",
    r"(about|going) to (pass out|faint)|nearly (fainted|passed out)|almost (fainted|passed out)",
    r"light ?headed\w*|near (fainting|syncope)|presyncop\w*|like passing out|woozy",
    r"near (collaps\w*|faints?)|(nearly|almost) (went over|went down|keeled over|dropped)",
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
    r"([4-9]|1\d|2[0-3]) (weeks|wks)( pregnant| along)",
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

# ---------------------------------------------------------------------------------------------
# Heart and circulation
# ---------------------------------------------------------------------------------------------

CHEST_PAIN = words(
    "chest pain",
    r"(chest|chess) , (its|it is|it s) ~2 (crushing|squeezing|tight|heavy|pressure|pain\w*|"
    r"hurting|burning|killing)",
    r"(chest|chess|chests|chestt|sternum|substernal|retrosternal|breast ?bone)(?! wall| muscles?"
    r"| cold| infection| drain| tube| x ray| hair) ~3 (pain|pains|paint|pressure|tight\w*"
    r"|heav\w*|hurt\w*|ache|aches|aching|discomfort|squeez\w*|crush\w*|burning|weight|bound|"
    r"funny|sore|tension|pounding and hurts)",
    r"(pain|pains|pressure|tightness|heaviness|discomfort|ache|squeezing|weight|burning|"
    r"heavy feeling|crushing) ~5 (chest|chess|sternum|breastbone)(?! wall| muscle| cold)",
    r"chest pains?|angina|(heart|cardiac) pain|pain in (my|his|her) heart|(my|his|her) heart hurts",
    r"(tight|heavy|painful|sore|aching|crushing) (central )?(chest|chess)(?! (infection|cold))",
    # "heavy in the chest"; not "heavy on my chest", which is also how a chesty cold is said.
    r"heavy (in|across) (the |my |his |her )?(chest|chess)(?! (infection|cold))",
    r"crushing|elephant ~3 (on|sitting on)|indigestion but worse|(chest|chess) ~3 (like|as if)"
    r" ~2 (elephant|weight|vice|band|something heavy|someone sitting|squeez\w*)",
)
ATYPICAL_CARDIAC_PAIN = words(
    "upper belly or jaw discomfort (how heart attacks can show in older people and diabetics)",
    r"epigastric (pain|discomfort|pressure)|(upper|top of (my|the|his|her)) (abdominal|belly|"
    r"stomach|tummy) (pain|discomfort|pressure)|indigestion|jaw (pain|aches?|aching|discomfort)",
)
# Indigestion for months, or sweats at night or in the heat, is not a heart attack happening now.
ATYPICAL_PAIN_EXPLAINED = words(
    "indigestion long-standing, or the sweating explained",
    r"(for|over|past|last) (the )?(past |last )?(\d+ |few |several |a few |couple of |many )?"
    r"(weeks|months|years)|night sweats|sweat\w* (at night|in bed)|(hot|warm) (weather|day|room|"
    r"flat)|heatwave|in the heat|menopaus\w*|hot (flush|flash)\w*",
)
HEART_ATTACK = diagnosis(
    "heart attack",
    r"heart attack|myocardial infarct\w*|stemi|nstemi|acute coronary|acs|"
    r"(an|acute|having an) mi",
)
CHEST_PAIN_SPREADING = words(
    "pain spreading to the arm, jaw, neck or back",
    r"(radiat\w*|spread\w*|going|goes|went|moving|moves|shoot\w*|travel\w*|down|into|up into|"
    r"up to|through to) ~3 (left arm|arms|arm|jaw|neck|shoulder blades?|left shoulder|<poss> "
    r"back|the back)",
    r"(left|both) arms? ~2 (tingl\w*|numb\w*|heavy|hurts?|aching|ache|pain|weak)",
    r"(left|both) arms? ~3 (gone|going|went|feels?|is) ~2 (achy|heavy|numb|dead|weak|useless|"
    r"tingly)",
    r"pain (in|down) (my|his|her) (left )?(arm|jaw)|jaw (pain|ache|hurts)",
)
CARDIAC_RISK = words(
    "heart risk factor",
    r"diabet\w*|heart (condition|disease|problem|problems|failure)|stents?|bypass|angina",
    r"had a heart attack|previous (mi|heart attack)|smok\w*|high blood pressure|hypertensi\w*",
    r"high cholesterol|cholesterol|cocaine|coke",
)
AT_REST_OR_LASTING = words(
    "pain at rest or lasting",
    r"at rest|while resting|sitting still|even (when )?(sitting|resting|lying)|despite rest",
    r"wont go away|will not go away|not going away|since (this morning|last night|waking|an hour)",
    r"<min15> (minutes|mins|min)|(an|1|one|2|two|several) hours?|getting worse|keeps getting worse",
)
NITRO_NOT_HELPING = words(
    "nitroglycerin not helping",
    r"(nitro\w*|gtn|glyceryl trinitrate|spray)(?: \S+){0,6} (not helping|not working|no help|"
    r"didnt help|doesnt help|isnt helping|twice|three times|3 times)",
)
COCAINE = words("cocaine", r"cocaine|coke|crack|meth|amphetamine\w*|speed")
# Chest pain that sounds like a heart attack, whatever else it is called.
CHEST_PRESSURE = words(
    "tight, heavy, crushing or squeezing chest pain",
    r"(chest|chess|sternum|breast ?bone) ~3 (tight\w*|heav\w*|crush\w*|squeez\w*|pressure|weight)|"
    r"(tight|heavy|crushing|squeezing) (central )?(chest|chess)|(pressure|tightness|heaviness|"
    r"squeezing|weight|crushing) ~5 (chest|chess|sternum|breast ?bone)|crushing|elephant",
)
# The caller says an antacid took the burning away ("helped a bit" is not enough).
ANTACID_WORKED = words(
    "an antacid took the pain away",
    r"(antacids?|gaviscon|rennies?|tums|omeprazole|lansoprazole|chemist tablets) ~2 (worked|"
    r"helped(?! a (bit|little))|settled it|sorted it|took it away|got rid of it|cleared it|"
    r"fixed it)",
)
CHEST_PAIN_SETTLED = words(
    "chest pain settled or explained",
    r"went away|gone(?! (achy|heavy|numb|dead|weak|useless|tingly|grey|gray|pale|white|blue|"
    r"clammy|sweaty|cold|all|really|very|funny|floppy|quiet|off))( now)?|nothing now|pain ?free|"
    r"settl\w*|eased|resolved|stopped|fine now",
    r"okay now|ok now|better now|hasnt come back|last (year|month)|years ago|no pain now",
    # "lasting seconds yesterday, none since": brief pain now gone is the urgent case.
    r"(none|nothing|no (pain|more|further)( episodes)?) since|not (had it|happened) since",
    r"when i (press|twist|move|turn|cough|breathe in|take a (deep )?breath)|reproducib\w*",
    r"(pressing|press) on|tender\w*|pulled a muscle|lying flat|leaning forward|fell against",
    r"(after|from) (coughing|push ups|the gym|working out|lifting)|costochondritis",
    r"relieved by rest|(settles|eases|goes away|went away|better) (with|after|on) rest|(past|last|"
    r"for|over) (\d+|several|a few|few) (weeks|months|years)|panic|anxiety|when (coughing|"
    r"breathing in|pressing|moving)|on (coughing|movement|palpation)|from (this|a|the|my) (cold|"
    r"cough|coughing)|coughing a lot|with (this|a|the|my) (cold|cough|chest infection|flu)",
)
TEARING_PAIN = words(
    "tearing pain",
    r"(tearing|ripping|ripped|tore|tear like|knife like) ~3 (pain|chest|back|belly|abdomen)",
    r"(pain|feels) ~3 (tearing|ripping|like (something|its) (is )?(tearing|ripping))",
    r"pain ~6 described as (tearing|ripping|tear like)",
    r"aortic dissection|dissect\w* (aorta|aneurysm)|(bp|blood pressure) differ\w* between (the )?"
    r"arms|unequal (blood pressures?|bps?|pulses)|(blood pressures?|bp|pulses) ~3 (unequal|"
    r"different) ~3 arms",
)
# "Tearing up" is crying, not tearing pain.
TEARING_WORD = words("tearing", r"tearing(?! up\b)|ripping|tear like")
ANEURYSM_KNOWN = words(
    "known aneurysm",
    r"aneurysm|aaa|pulsat\w* ~2 (mass|lump)|triple a",
)
BACK_OR_BELLY_PAIN = words(
    "back or belly pain",
    r"(back|<belly>|loin|flank) ~2 (pain|hurts|ache|aching)|(pain|ache) ~3 (back|<belly>)",
    r"(pain|ache|aching) ~2 between (the|<poss>) shoulder ?blades",
    r"back ?aches?|(stomach|tummy|belly) ?aches?",
)
CLOT_RISK_STRONG = words(
    "recent surgery, long travel or a swollen calf",
    r"(surgery|operation|op|replacement|c section|caesarean) ~3 (last|ago|days|weeks|week)",
    r"(after|since|following) (my |his |her |a |the )?(\w+ )?(surgery|operation|replacement)",
    r"(knee|hip|\w+) (surgery|replacement|operation)|post op\w*|flew|flight|long drive",
    r"(knee|hip|joint) ~2 replaced|replaced (my|his|her) (knee|hip)",
    r"(calf|leg) ~4 (swollen|swelling|sore|tender|red and)|dvt|deep vein|blood clot|plaster cast",
    r"immobil\w*|bed ?bound|bedridden|cancer|chemo\w*",
)
CLOT_RISK_ANY = words(
    "clot risk",
    r"(combined |contraceptive |birth control )?pill|hrt|oestrogen|estrogen|pregnan\w*|"
    r"contracepti\w*|ocp",
    r"post ?partum|gave birth|had (my|the|a|her|our) baby",
)
PLEURITIC_PAIN = words(
    "pain on breathing in",
    r"pleuritic|(pain|hurts|sharp) ~4 (when|as) (i |he |she )?(breathe|breath|take a (deep )?"
    r"breath|breathe in)|(sharp|stabbing) (chest )?pain",
)
SUDDEN_BREATHLESS = words(
    "sudden breathlessness",
    r"(sudden\w*|abrupt\w*|all of a sudden|acute) ~3 (short of breath|shortness of breath|"
    r"breathless\w*|cant breathe|cant catch (my )?breath|out of breath|dyspn\w*|sob)|breathing "
    r"fast|breathing really fast|tachypn\w*",
    r"pulmonary embol\w*|clot (in|on) (my|his|her|the) lungs?",
)
PALPITATIONS = words(
    "palpitations",
    # "heart's racing" is `hearts racing`; "my heart isn't racing" is not.
    r"palpitat\w*|hearts?<gap3> (racing|race|raced|pounding|fluttering|flutter|going (super |"
    r"really |very |so )?fast|beating (really |very |so )?fast|skipping|thumping|irregular)",
    r"racing heart|fast heart ?beat|rapid heart ?beat|(svt|afib|a fib|atrial fibrillation)",
)
EXERTION = words(
    "on exertion",
    r"(during|while|when) (\w+ )?(exercis\w*|running|jogging|playing|sport|sports|a sprint|"
    r"sprinting|basketball|football|soccer|training|climbing|exertion|a race|swimming)",
    # Climbing stairs or a hill is exertion too; "fell on the stairs" is not.
    r"(climb\w*|walk\w* up|going up|go up|goes up|run\w* up|ran up) (the |a |some |\d+ )?(flights? "
    r"of )?(stairs|steps|hills?|slope)|uphill",
    r"on exertion|exertional|jogging|sprint\w*|at the (gym|jim)|mid (game|race)|playing (\w+ )?"
    r"(football|basketball|soccer|rugby|tennis|hockey|sport\w*|squash|netball)",
)
EXTREME_PULSE = words(
    "very fast or very slow pulse",
    r"(hr|heart rate|pulse|pulse rate)( (of|is|was|at|around|about))? (1[5-9]\d|2\d\d|[1-3]\d)"
    r"(?!\d)",
    r"(1[5-9]\d|2[0-4]\d) ?(bpm|beats|on (my|his|her) (watch|monitor))|like (1[5-9]\d|2\d\d)",
)
SYNCOPE_EXERTIONAL = words(
    "syncope on exertion", r"(exertional|effort) syncope|syncope (on|with|during) exertion"
)
HEART_CONDITION = words(
    "known heart condition",
    r"heart (condition|disease|problem|failure|murmur)|murmur|heart attack (last|a) |stent",
    r"pacemaker|cardiomyopath\w*|long qt|wpw",
)
BP_CRISIS = words(
    "blood pressure 180/120 or more",
    r"(1[89]\d|2\d\d)/\d{2,3}|\d{2,3}/(1[2-9]\d)|hypertensive (crisis|emergency|urgency)",
    r"malignant hypertension",
)
RECOVERED_PROMPTLY = words(
    "came round straight away and back to normal",
    r"(came|come|coming) (round|around|to) (straight away|right away|immediately|quickly|within "
    r"(a few )?seconds|after (a few )?seconds)|fully (alert|awake|recovered|oriented) (on|after|"
    r"straight|right|now|since)|back to (normal|himself|herself|myself) (straight away|right "
    r"away|immediately|within (a )?minutes?)",
)
BP_SEVERE = words(
    "blood pressure 160/110 or more",
    r"(1[6-9]\d|2\d\d)/\d{2,3}|\d{2,3}/(11\d|1[2-9]\d)",
)
BP_HIGH_IN_PREGNANCY = words(
    "blood pressure 140/90 or more", r"(1[4-9]\d|2\d\d)/\d{2,3}|\d{2,3}/(9\d|1\d\d)"
)

# ---------------------------------------------------------------------------------------------
# Brain and nerves
# ---------------------------------------------------------------------------------------------

BELLS_PALSY_DIAGNOSED = words(
    "Bell's palsy already diagnosed",
    r"(diagnosed|told (it was|its|it is)|known) ~3 bells palsy|bells palsy ~3 diagnosed",
)
LIMBS_FINE = words(
    "arms and legs working normally",
    r"(arms?|legs?|arms and legs|legs and arms|limbs) (are |is |feel |both )?(fine|ok|okay|normal|"
    r"working( fine| normally)?|strong)|no (arm|leg|limb) (weakness|numbness)",
)
POSITIONAL_NUMBNESS = words(
    "numbness explained by posture",
    r"(slept|sleeping|lying|lay|leaning|leant|sat|sitting) on (it|(my|his|her) (arm|hand|elbow|"
    r"leg))|after (sleeping|lying) on|pins and needles|carpal tunnel|trapped nerve|funny bone",
    # Numb fingers that shaking the hand brings back: the carpal tunnel pattern, not a stroke.
    r"shak\w* (it|them|my hand|my hands|the hand) (helps|out|off)|shaking (it|them) helps",
)
FACE_DROOP = words(
    "face droop",
    r"(face|facial|mouth|smile|lip|lips|eyelid|cheek)s? ~4 (droop\w*|dropp\w*|sag\w*|lopsided|"
    r"crooked|uneven|slant\w*|twisted|fallen|pulled to one side)",
    r"(droop\w*|sagging|crooked|lopsided|uneven) ~3 (face|mouth|smile)|facial (droop|palsy|"
    r"weakness|asymmetry|paralysis)|face (is )?numb on one side|(one|1) side of (the |my |his |"
    r"her )?face",
)
SPEECH_DISTURBANCE = words(
    "speech disturbance",
    r"slur\w*|slurr\w*|garbled|aphasi\w*|dysphasi\w*|dysarthri\w*|word finding",
    r"(cant|cannot|couldnt|could not|unable to|trouble|difficulty|struggling to) (get|getting|"
    r"find|finding) (<poss> |the )?words( out)?|words (are |were )?(coming out )?(wrong|jumbled"
    r"|mixed up|muddled)|words (are |were )?all (jumbled|mixed up|wrong|muddled)",
    r"words (have been |have |keep |keeps |been )(coming|come|came) out (all )?(wrong|jumbled|"
    r"mixed up|muddled|garbled)",
    # "her words are a bit jumbled", "words a little jumbled" in a note; not "the words on the
    # screen" nor a caller's "sorry, I got my words a bit mixed up".
    r"(^|, |(his|her|their|mums|moms|dads|nans|grans|grandads|husbands|wifes|partners) )words (are "
    r"|were |have been |been |s |coming out |come out "
    r"|came out )?(a (little|bit)|a little bit|slightly|rather|quite|really|very|getting) (jumbled|"
    r"mixed up|muddled|garbled)",
    r"speech ~3 (slurred|weird|funny|strange|odd|garbled|off|thick|wrong|different)",
    r"talking (funny|weird|strange|strangely|gibberish|like (hes|shes|hes been) drunk)|gibberish",
    r"(cant|cannot|couldnt|unable to) (speak|talk) (properly|clearly|right)|expressive",
)
ONE_SIDED_WEAKNESS = words(
    "one-sided weakness or numbness",
    r"(one|1|left|right) (side|sided)(?: \S+){0,3} (weak\w*|numb\w*|paraly\w*|heavy|floppy|"
    r"tingl\w*|dead|droop\w*|wont work|not working)",
    r"(left|right|one) (arm|leg|hand|side)(?: \S+){0,3} (weak\w*|numb\w*|heavy|drift\w*|limp|"
    r"floppy|dead|paraly\w*|wont move|gave way|useless)",
    r"<cant> (lift|move|raise|feel|use) <poss> (left|right) (arm|leg|hand|side)",
    r"<cant> feel <poss> (left |right )?(arm|leg) or (leg|arm)",
    r"(weak\w*|numb\w*|heav\w*|paraly\w*) ~3 (left|right|one) (arm|leg|side|hand)",
    r"hemipar\w*|hemipleg\w*|(arm|pronator) drift|unilateral (weakness|numbness)",
)
LIMB_WEAK_OR_NUMB = words(
    "arm or leg weak or numb",
    r"(<poss> )(arm|leg|hand) ~2 (weak\w*|heavy|numb\w*|dead|wont work)|cant (lift|raise) <poss>"
    r" arm",
)
VISION_LOSS_OR_DOUBLE = words(
    "loss of vision or double vision",
    r"double vision|diplopia|seeing double|(lost|lose|loss of) (the )?(vision|sight)",
    r"(cant|cannot|couldnt) see ~3 (one side|out of)",
)
BALANCE_LOSS = words(
    "loss of balance",
    r"(unable to|cant|cannot|couldnt|inability to) (stand|walk|sit)( up)?( unsupported| straight|"
    r" properly| without falling)?|ataxi\w*|falling to one side|off balance|(veering|leaning) to"
    r" one side|nystagmus",
)
STROKE_NAMED = diagnosis(
    "stroke",
    r"(?<!heat )(?<!sun )(?<!back )(?<!breast )(mini )?strokes?(?! (risk|clinic|unit|nurse))",
    r"(a|had a|having a|possible|suspected|like a) tia|tia (symptoms|like)|transient isch\w* "
    r"attack|cva|cerebrovascular accident|brain attack",
)
HEADACHE = words(
    "headache",
    r"head ?aches?|migraines?|head (pain|hurts|hurting|is (killing|pounding|splitting))",
    r"pain ~4 (head|skull)|(sore|pounding|splitting) head|grabbed (her|his|my) head",
    r"(head|skull) ~~3 (exploded|exploding|burst\w*)",
)
WORST_OR_SUDDEN_SEVERE = words(
    "worst ever, or sudden and severe",
    r"worst (\w+ )?(headache|pain) ~3 (ever|of (my|his|her|their) li(fe|ves))",
    r"worst (\w+ )?(headache|pain) (i|ive|shes|hes|she|he) (ever|has ever|have ever)",
    r"(worst|worse) (i|ive|shes|hes) ever (had|felt)|(sudden\w*|instant\w*|abrupt\w*) ~~2 "
    r"(severe|explosive|excruciating|terrible|worst|blinding) ~~3 (headache|head pain|pain)",
    r"explosive|(peak\w*|max\w*) (with)?in (a|1|one|a few) (minute|seconds?)|peak\w* (with)?in "
    r"seconds|(came on|hit|started) ~2 (in|within) (seconds|a second|a minute)",
    r"(reached|hit|got to) (full|maximum|max|peak) (severity|intensity|strength) ~2 (in|within) "
    r"(seconds|a second|a minute)|never (had|felt) (one|a headache|anything|a pain) like (it|this)"
    r"|like nothing (i|ive|shes|hes|she|he) (has |have )?(ever )?(had|felt)",
)
THUNDERCLAP = words(
    "thunderclap headache",
    r"thunder ?clap|like (being|getting|been) (hit|struck|kicked) (on|in) the (back of the )?head",
    r"like (someone|somebody|something|being|i was|i got|id been) ~2 (hit|struck|smacked|kicked|"
    r"whacked|clubbed|hammered|shot) ~6 (head|skull)",
    r"subarachnoid|brain (bleed|haemorrhage|hemorrhage)|bleed(ing)? on the brain|explosive "
    r"(headache|head pain)",
)
SEIZURE = words(
    "seizure",
    r"seiz\w*|sei?zure|convuls\w*|fitting|tonic clonic|grand mal|status epilepticus",
    r"([2-9]|several|multiple|repeated|few|more) (fits|seizures)",
    r"(had|having|has|have|another|a|in a|into a|just had a|epileptic) fits?(?! (and|young|"
    r"healthy|\d+|man|woman|adult|person|for|in|of|between))",
    r"foaming at the mouth|"
    r"(having|had|has) (a )?(sees her|seas her|sees your|see sure)|shaking all over|jerking "
    r"(all over|uncontroll\w*)",
)
SEIZURE_DANGER = words(
    "first, long, repeated or injured seizure",
    r"first (ever )?(seizure|fit|one)|first time|never had (one|a seizure|a fit|anything like)"
    r"|no (history|hx) of (epilepsy|seizures|fits)|not epileptic",
    r"([5-9]|[1-9]\d) (minutes|mins)|over (5|five) minutes|not stopping|wont stop|hasnt stopped"
    r"|(fits|seizures) in a row|still (fitting|seizing|shaking|jerking)|keeps? (happening|coming)|"
    r"one after (another|the"
    r" other)|continuous|another one|again and again|back to back",
    r"(hit|banged|injured|bit) ~2 (head|tongue)|(is|s|are|hes|shes|theyre|im) (having|seizing|"
    r"fitting|convulsing)|having (a |another )?(seizure|fit|sees her|seas her|convulsion)|"
    r"seizing|convulsing",
    r"status epilepticus|(cluster|serial) (of )?seizures|"
    r"not (waking|responding|back to normal)|isnt (waking|responding)|(hasnt|havent|not|didnt)"
    r" (woken|woke|come|came) (up |round |around |to )?(properly|fully|in between|between)|"
    r"not really waking|(still|now) (confused|"
    r"drowsy|very sleepy|not making sense)|not making sense|very sleepy|wont wake",
)
STIFF_NECK = words(
    "stiff neck",
    # "his neck's stiff" is `his necks stiff`; "his neck isn't stiff" is not.
    r"(stiff|rigid) neck|necks?<gap3> (stiff\w*|rigid)|nuchal rigidity|meningism\w*",
    r"<cant> (put|touch|bend|get) <poss> chin (on|to) <poss> chest|neck (hurts|pain) (to|when) "
    r"(move|moving|bend)|hurts to move (<poss> )?neck",
    r"neck (hurts|is hurting|is sore|pain) (to|when|if) (he |she |i |they |you )?(looks?|looking"
    r"|bends?|bending) (down|forward)",
)
LIGHT_HURTS = words(
    "light sensitivity",
    r"photophob\w*|light (hurts|is hurting|bothers)|(hurts|hate|cant stand|dislike|sensitiv\w*"
    r"|bothered) (to |by |of )?(the )?(bright )?lights?",
    # "doesn't like the light", not "doesn't like the light off" at bedtime.
    r"(doesnt|does not|dont|do not|didnt|cant|cannot) (like|stand|bear|tolerate|look at) (the |any "
    r")?(bright )?lights?(?! (off|on|out|switched|turned)\b)",
    # a child who cannot say it: "whinging when the light's on", "screams if the light is on"
    r"(whing\w*|whining|cry\w*|scream\w*|fuss\w*|squint\w*|winc\w*) (when|if|whenever) (the |a )?"
    r"(bright )?lights? (is |are |s )?(on|switched on|turned on)\b",
)
NON_BLANCHING_RASH = words(
    "rash that does not fade under a glass",
    r"non ?blanch\w*|petechi\w*|purpur\w*|purple (spots|rash|blotches|marks)|(red )?purple "
    r"spots|rash ~3 (like|looks like) (bruises|bruising)|bruise like rash",
    r"(dont|doesnt|do not|does not|wont|didnt|not|isnt) (fade|blanch|go away|disappear)\w*"
    r"(?: \S+){0,3} (glass|press\w*|pushed|tumbler)",
    r"(glass|tumbler) (test|on it|on them) ~4 (dont|doesnt|do not|does not|wont|didnt|not|isnt|"
    r"arent|still) (fade|blanch|go away|disappear|there|visible|showing)\w*",
)
MENINGITIS_NAMED = diagnosis(
    "meningitis", r"meningit\w*|meningococc\w*|septicaemia rash|septicemia rash"
)

# ---------------------------------------------------------------------------------------------
# Breathing and airway
# ---------------------------------------------------------------------------------------------

CANT_BREATHE = words(
    "cannot breathe",
    r"(cant|cannot|can not|couldnt|could not|unable to|can hardly|can barely|barely able to|not "
    r"able to) <breathe>( properly| at all)?|(cant|cannot) get (any )?air (in|into)",
    r"(cant|cannot|can not) (catch|get) (<poss> |a )?breath( at all)?|gasping for (air|breath)",
    r"struggling (to|for) (breathe|breath|air)|fighting for (breath|air)|respiratory (distress|"
    r"failure|arrest)|tripod\w*|accessory muscles?",
)
NOT_BREATHING = words(
    "not breathing or abnormal breathing",
    r"(not|isnt|stopped|no longer|hasnt been|stops|stopping) (even )?breathing|(dont|do not) "
    r"think (hes|shes|he is|she is|they are|theyre) breathing",
    r"apnoea\w*|apnea\w*|apnoeic|apneic|pauses in (<poss> )?breathing|agonal",
    r"gasp(ing)? every|breathing (really |very )?(slow and (strange|weird)|strange|weird|funny)",
    r"(dont|do not) know (if|whether) (hes|shes|he is|she is|they are|theyre|the baby is) "
    r"breathing|(not sure|unsure) (if|whether) (hes|shes|he is|she is|they are) breathing|"
    r"(is|isnt) (he|she|the baby) (even )?breathing",
)
CANT_SPEAK_SENTENCES = words(
    "cannot speak in sentences",
    r"(can only|only able to|only) (say|speak|manage|get out) (in )?(a few|one or two|single|2|3|"
    r"two|three) words|words at a time|speaking in (single )?words|(one|single) word answers",
    r"(too|so) (breathless|short of breath|out of breath) (\w+ ){0,2}(to )?(talk|speak|eat)",
    r"(can barely|cant|cannot|unable to|could barely) (talk|speak|finish|complete) ~2 sentences?"
    r"|can barely (talk|speak)|unable to complete sentences",
    # Too breathless to get a sentence out; "can't get a sentence out of him" (a sulky teenager)
    # and "can't get a sentence in" (a talkative relative) are not.
    r"<cant> (get|finish|manage) (a|one|a whole|a full|the) sentences?(?! (out )?of\b| in\b)"
    r"( out)?",
)
CYANOSIS = words(
    "blue or grey lips",
    r"(lips?|face|skin|fingers?|mouth|tongue)(?: (?!(?:arent|isnt|not|never|wasnt|werent|no)\b)\S+)"
    r"{0,3} (blue|bluish|blu\w*|dusky|purple)",
    r"blue (around|round) (the |<poss> )?(lips|mouth)|"
    r"(turning|turned|gone|going|went) (blue|purple)|(face|lips|skin|he|she|hes|shes|baby|"
    r"colou?r) ~2 (grey|gray)|cyano\w*|blue lips",
)
LOW_OXYGEN = words(
    "oxygen saturation under 92 %",
    r"(spo2|sp o2|sats?|saturations?|saturating|o2|oxygen|oximeter|pulse ox\w*|finger thing)"
    r"( (is|of|at|was|on|reading|reads|says|said|shows|level|saturation|sats|sat|only|around|"
    r"about|just|down to|dropped to|dropping to|its|s)){0,3} ([1-8]\d|9[01])%?(?![\d.])",
)
CHILD_WORK_OF_BREATHING = words(
    "child working hard to breathe",
    r"grunt\w*|(sucking|pulling|caving|drawing) in (under|between|below) (<poss> )?ribs",
    r"ribs (are )?(sucking|pulling|showing)|(belly|tummy|stomach|chest) ~2 (pulling|sucking|"
    r"caving) in|recession|retraction\w*|nostrils? flar\w*|nasal flaring|head bobbing",
    r"tracheal tug",
    # Skin sucking in at the neck, above the collarbones or between the ribs.
    r"(skin|skins)<gap2> <sucks_in> in (at|under|between|below|above|around|by) (<poss> |the )?"
    r"(neck|throat|ribs|collar ?bones?|breast ?bone)|(neck|throat|collar ?bones?)<gap2> <sucks_in> "
    r"in|(at|under|between|below|above) (<poss> |the )?(neck|throat|ribs|collar ?bones?)<gap2> "
    r"<sucks_in> in",
)
EXHAUSTED = words(
    "exhausted or drowsy",
    r"getting (tired|sleepy|exhausted|drowsy)|drowsy|confused|too tired to",
    r"(cant|cannot) (get out of|get up from) (the )?(chair|bed)|(cant|cannot) walk across",
)
RELIEVER_FAILING = words(
    "reliever inhaler not working",
    r"(inhaler|puffer|ventolin|salbutamol|albuterol|nebuli[sz]er|reliever|blue pump)(?: \S+)"
    r"{0,6} (not working|isnt working|doesnt work|not helping|isnt helping|doesnt help|no help|"
    r"no difference|wont help|didnt help|not touching)",
)
CHOKING = words(
    "choking",
    r"chok(e|es|ing|ed)(?! (on|from) (smoke|fumes|the smoke))|(something|food|a \w+) stuck in "
    r"(<poss> )?(throat|windpipe)|(cant|cannot) (cough|talk) or (talk|cough|breathe)",
    r"ineffective cough|silent (with|and) (an )?(ineffective )?cough|heimlich|back blows",
    r"inhaled (a|an|some) (\w+ )?(peanut|nut|toy|coin|bead|grape|piece)",
)
STRIDOR = words(
    "stridor at rest",
    r"stridor|stridulous|(noise|noises|noisy breathing|sound|whistl\w*|crowing)(?: \S+){0,5} "
    r"even (when|while) (\w+ ){0,2}(calm|resting|at rest|asleep|sleeping|still|quiet|sitting)",
    r"(making|makes|high pitched|loud|squeaky|crowing|harsh) ~3 (noise|sound) (when|as) "
    r"(\w+ )?(breathes|breathing|breathe) in",
    r"(high pitched|squeaky|crowing|harsh|noisy|squeaking|rasping) ~2 (breathing|noise|noises|"
    r"sound|breath|breaths) ~4 (at rest|when resting|while resting|(even )?(just )?(sat|sitting|"
    r"lying|laid|lay) (still|quietly|quiet)|(even )?(when|while) (calm|asleep|sleeping|still))",
)
STRIDOR_ONLY_WHEN_UPSET = words(
    "noisy breathing only when upset",
    r"only when (he|she|they)?( is| s)? ?(upset|crying)|when (hes|shes|he is|she is) upset",
)
DROOLING = words(
    "drooling",
    r"drool\w*|dribbl\w*|(cant|cannot|unable to|difficulty|trouble|hard to|struggling to) "
    r"swallow\w* ~3 (spit|saliva|secretions)|spitting out (\w+ )?saliva",
)
CANT_SWALLOW_SALIVA = words(
    "cannot swallow saliva",
    r"(cant|cannot|unable to|difficulty|trouble|hard to|struggling to) (even )?swallow\w* ~3 "
    r"(spit|saliva|secretions)",
)
MUFFLED_VOICE = words(
    "muffled voice",
    r"hot potato|muffled (voice|speech)|voice ~2 muffled|sitting (forward|up) drooling|"
    r"sitting forward|leaning forward to breathe|tripod position",
)
THROAT_OR_NECK_SWELLING = words(
    "throat, tongue or neck swelling",
    r"throats? ~3 (swell\w*|swollen|closing)|swell\w* ~6 (neck|throat|floor of (the )?mouth"
    r"|under (<poss> )?(tongue|jaw|chin))|(tongue|tongues) ~2 (pushed up|raised|lifted)",
    r"(neck|throat|floor of (the )?mouth) ~2 (swell\w*|swollen|puffed up|ballooned)",
    r"under (<poss> )?tongue|ludwig\w*|epiglottitis|retropharyngeal|peritonsillar abscess|quinsy",
)
SWALLOW_OR_BREATHING_DIFFICULTY = words(
    "trouble swallowing or breathing",
    r"(hard|harder|difficult|trouble|difficulty|struggl\w*|cant|cannot|unable) (to )?(swallow\w*"
    r"|<breathe>)|(hard|difficult) to swallow and breathe|dysphagia",
)
SMOKE_EXPOSURE = words(
    "smoke or fire exposure",
    r"house fire|(in|from|caught in) (a|the) fire|smoke inhalation|(breathed|breathing|inhaled)"
    r" (in )?(smoke|fumes)|fell asleep with a cigarette|soot|singed",
)
HOARSE = words("hoarse voice", r"hoarse\w*|voice ~3 (hoarse|croaky|changed|gone|different)")

# ---------------------------------------------------------------------------------------------
# Allergy
# ---------------------------------------------------------------------------------------------

ADRENALINE_USED = words(
    "adrenaline auto-injector used or needed",
    r"(used|use|using|gave|give|given|giving|jabbed|injected|administered|had to use|did|do)"
    r" ~3 (epi ?pens?|eppy ?pens?|epi pen|auto ?injector|adrenaline|epinephrine|jext|auvi ?q)",
    r"(epi ?pens?|eppy ?pens?|auto ?injector|adrenaline pen)(?: \S+){0,3} (worked|helped|used"
    r"|given|went in|in (his|her|my) (leg|thigh))",
)
ANAPHYLAXIS_NAMED = diagnosis(
    "anaphylaxis",
    r"(severe|serious|bad|major|massive) allergic reaction|"
    r"ana ?phyla\w*|anna ?flax\w*|anna ?phyla\w*|anaphylactic|allergic shock|angio ?o?edema"
    r" ~3 (stridor|wheez\w*|breath\w*|throat|tongue)",
)
THROAT_CLOSING = words(
    "throat closing",
    r"throats? ~2 (closing|closed|closing up|tight\w*)|tight\w* in (<poss> )?throat|tongue ~3 "
    r"(swell\w*|swollen|thick|too big|huge|fat)|swell\w* ~2 tongue|(cant|cannot) swallow ~3 "
    r"(throat|tongue)",
)
# An exposure just now, not an allergy in general: "allergic asthma" or "my allergy tablets
# make me drowsy" are not a reaction happening.
ALLERGY_TRIGGER = words(
    "allergen exposure just now",
    r"sting|stung|bee|wasp|hornet|(ate|eaten|eating|had|tasted|touched|took|given) ~4 (nuts?|"
    r"peanuts?|cashews?|shellfish|shrimp|prawns?|eggs?|fish|sesame|satay|milk|cookie|cake|"
    r"something)|allergic to ~3 (and|but) ~3 (ate|eaten|had|took|touched|given)|allergic "
    r"reaction|reaction to",
    r"(new|started|after (the|a|her|his|my)) ~2 (antibiotic|medicine|medication|drug|painkiller|"
    r"tablet|injection|infusion)|penicillin|amoxicillin|latex|contrast|ate at a restaurant|"
    r"after (i |he |she |we )?(ate|eating)|exposure|allergen",
    # "ten minutes after a satay skewer": a common allergen food just eaten.
    r"(after|since) (eating |having |trying )?(a |an |the |some |his |her |my )?(\w+ )?(nuts?|"
    r"peanuts?|cashews?|shellfish|shrimp|prawns?|eggs?|sesame|satay|crab|lobster|mussels)\b",
)
STING = words("insect sting", r"sting|stung|bee|wasp|hornet|insect bite")
ALLERGY_SKIN = words(
    "hives or facial swelling",
    r"hives|welts|wheals|urticaria|(face|lips?|eyes|eyelids|mouth) ~3 (swell\w*|swollen|puff\w*|"
    r"blow\w* up)",
    r"swell\w* ~3 (face|lips?|eyes)|rash all over",
)
ALLERGY_AIRWAY_SIGN = words(
    "throat, voice or breathing involved",
    r"throats? ~3 (tight\w*|closing|swell\w*|swollen|itchy)|tight\w* in (<poss> )?throat",
    r"(tongue|lips and tongue) ~2 (swell\w*|swollen)|hoarse\w*|stridor|wheez\w*",
    r"(difficulty|trouble|hard|cant|cannot) (to )?(swallow\w*|<breathe>)|short of breath",
    r"struggling to <breathe>",
    # The voice changing is the larynx swelling: "voice now husky", "gone croaky".
    r"voice<gap3> (husky|croaky|raspy|hoarse|muffled|changed|different|gone funny|gone weird)(?! "
    r"from (shouting|singing|cheering|talking|screaming|smoking|a cold|my cold|the cold))",
)
ALLERGY_CIRCULATION_SIGN = words(
    "faint, floppy or low blood pressure",
    r"dizz\w*|faint\w*|light ?headed|pale and floppy|floppy|collaps\w*|pass(ed)? out",
    r"(bp|blood pressure) ([4-8]\d|9\d)/\d+|hypotensi\w*",
)

# ---------------------------------------------------------------------------------------------
# Bleeding
# ---------------------------------------------------------------------------------------------

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
    r"over an hour|hours)|(uncontrolled|massive|catastrophic|arterial) (bleed\w*|haemorrhage|"
    r"hemorrhage)|exsanguinat\w*",
)
LOTS_OF_BLOOD = words(
    "a lot of blood",
    r"(a lot|lots|loads|pools?|puddle|mouthfuls|cups?|so much|tons) of (\w+ )?blood|blood "
    r"everywhere|bleed\w* (heavily|a lot|badly|loads|profusely|like crazy)|(heavy|profuse) "
    r"bleeding|covered in blood",
)
BLEEDING_STOPPED = words(
    "bleeding stopped or controlled",
    r"(bleeding|it|blood) ~2 (stopped|controlled|has stopped|settled)|stopped bleeding",
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
WRIST_CUT = words(
    "cut wrists",
    # Plural wrists, or "slit/slashed", or "I cut my wrist" not explained as an accident.
    r"(slit|slashed) (<poss> )?wrists?|cut (<poss> )?wrists(?! on)|wrists (are )?(cut|slit|"
    r"slashed)|(i|ive|i have|he|she|hes|shes|has) (has |have )?cut (<poss> )?wrist(?!s| on| with"
    r"| while| at| accidentally| by accident| opening)",
)

VOMITING_BLOOD = words(
    "vomiting blood",
    r"<vomit>(?: (?!(?:no|not|never|without|nil)\b)[\w.%/]+){0,5} (blood|bloody)|(blood|"
    r"bloody) (\w+ )?(vomit|sick)|ha?ematemesis",
    r"coffee grounds?|coffee ground|vomit\w* ~2 (red|dark red)",
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

# ---------------------------------------------------------------------------------------------
# Mental health
# ---------------------------------------------------------------------------------------------

SUICIDE_INTENT_STATEMENT = words(
    "says they will end their life",
    r"(kill|killing|kil) (myself|my self|himself|herself|themselves)",
    # The recogniser hears "kill myself" as "fill myself"; "filling myself up" is food.
    r"(fill|filling) (myself|my self)(?! up| with| in)",
    r"(end|take|ending|taking|end up taking) (my|his|her|their) (own )?li(fe|ves)",
    r"(want|wants|wanted|wanna|plan\w*|decided|intend\w*) (to )?(die|end it( all)?)|(going|"
    r"gonna) (to )?end it( all)?",
    r"(dont|doesnt|do not|does not) want to (be here|live|be alive|wake up)( anymore| any more)?",
    r"commit\w* suicide|suicide (attempt|note|plan)|hang\w* (myself|himself|herself)",
    r"(jump|jumping) (off|in front of)|better off dead|no reason to live",
    r"jump from (the |a )?(\w+ ){0,3}(roof|bridge|cliff|building|balcony|window|car park|ledge)",
    # "I'm going to do it" on its own is everyday talk ("...online", "...myself"): it counts
    # only beside low mood or suicidal talk (SUICIDE_METHOD_DECIDED's rule).
    r"(im|i am) suicidal|actively suicidal|suicidal (intent|with (a )?plan)",
)
SUICIDE_PREPARATIONS = words(
    "suicide preparations",
    r"(written|wrote|writing) ~3 (letters?|notes?|goodbye)|goodbye (note|letter|message|text)",
    r"(texted|messaged|said|sent|sending|posted|posting) ~3 goodbye|said goodbye|goodbye "
    r"(messages|notes|letters|texts|posts)",
    # Giving away treasured things: someone else's ("given away his guitar"), or the caller's
    # own belongings or pet; not "gave away a prize", "my appointment" or "my old pram".
    r"(gave|given|giving) away (all (of )?)?((his|her|their) (?!(appointment|slot|place|seat|"
    r"booking|tickets?|secrets?|surprise|age|old|spare|unwanted|outgrown)\b)\w+|my (things|stuff|"
    r"belongings|possessions|pets?|dog|cat)|everything)",
    # Saved or hoarded pills, not "saved my prescription" or "saved up for a holiday".
    r"(saving|saved) up (<poss> |enough |all (<poss> |the )?)?(\w+ )?<meds>|"
    r"(hoard\w*|stash\w*) (<poss> |all (<poss> |the )?)?(\w+ )?<meds>",
    r"stockpil\w*|(pills|tablets) (ready|in <poss> hand)"
    r"|have the (pills|means)|has the means|bought (a )?rope",
    # Looked up ways to die, not "looked up how many ibuprofen I can take".
    r"(looked|looking|look) up (suicide )?(methods|ways (to|of) (die|dying|kill\w*|end\w*))|"
    r"(looked|looking|look) up how to (kill|die|end|hang|overdose)",
    # Searching for a lethal dose, not "how many paracetamol I can take a day".
    r"(look\w* up|search\w*|googl\w*|research\w*) (online )?how (many|much) (\w+ ){0,3}(it would "
    r"take|would (it )?take|would kill|to kill|to die|(is|would be|are) (lethal|fatal|deadly|an "
    r"overdose))(?! to (get|help|work|bring|clear|stop|ease|kick))",
    r"research\w* (suicide )?(methods|ways to die)|bought (a )?(hose ?pipe|charcoal)|(sorted|"
    r"sorting) (out )?(his|her|my|their) (will|affairs)|(his|her|my|their) affairs in order",
    r"going to take them all|take them all",
)
SUICIDAL_THOUGHTS = words(
    "suicidal thoughts",
    r"suicid\w*|(thoughts|thinking|thought) (of|about) (suicide|killing|ending|dying|death)",
    r"better off without (me|him|her)|wish (i|he|she) (was|were) dead|wish (i|he|"
    r"she) wouldnt wake up|self harm|harm (myself"
    r"|himself|herself)|hurt\w* (myself|himself|herself)|(a )?burden",
)
SUICIDE_PLAN_OR_MEANS = words(
    "a plan or the means",
    r"(?<!safety )plan(?!ned parenthood)|pills|rope|knife|gun|firearms?|weapons?|bridge",
    r"tonight|methods|means|locked (himself|herself|themselves|myself) in|cant find (her|him)",
    r"not answering|missing",
)
# Callers rarely say "suicide": where they are, what they have and that they cannot go on.
HIGH_OR_DANGEROUS_PLACE = words(
    "at a high or dangerous place",
    # At the place now, not living by it or working on it; "the bridge of my nose" is no place.
    r"(?<!works )(?<!work )(?<!working )(?<!live )(?<!lives )(?<!right )(on|at|by|near|up on|"
    r"standing on|sat on|sitting on) (the |a |top of "
    r"the |the top of the |the edge of the )?(bridge|roof|rooftop|railway( line| track)?|train "
    r"tracks?|tracks|cliffs?( edge| top)?|cliff ?tops?|ledge|multi ?storey|car park roof|balcony "
    r"rail\w*)(?! of (<poss> |the |a )?(nose|mouth|foot|feet|glasses|tongue)\b| club\b)",
)
CANNOT_GO_ON = words(
    "says they cannot go on",
    r"(cant|cannot) (do|take|cope with|go on with) (this|it)( anymore| any more)?|(cant|cannot) go "
    # "had enough" and "want it to stop" only said of everything: "I've had enough of this
    # eczema" and "I just want it (the migraine) to stop" are not.
    r"on|had enough(?= ,|$| now\b)|had enough of (everything|it all|life|living)|no point (anymore|"
    r"any more|in (living|going on|anything|carrying on))|(want|wants) it all to (end|stop)|(want|"
    r"wants) it to (end|stop)(?= ,|$)|sorry for everything|there is no point|theres no point",
)
LETHAL_MEANS = words(
    "has lethal means to hand",
    # Saved or stockpiled pills, not "all the tablets" tried for a migraine, nor "razor bumps".
    r"rope|noose|hose ?pipe|shotgun|rifle|(a|the|his|her|my|dads) gun|ligature|stockpil\w*|"
    r"(saved|saving) (up )?(<poss> )?(pills|tablets)",
)
# Said of leaving for good, not of an evening out: only counts with a dangerous place or means.
WONT_BE_AROUND = words(
    "says they will not be around or not coming home",
    r"(wont|will not|not going to|not gonna) be (a (bother|burden|problem|nuisance) (to (\w+ )?)?|"
    r"around |here )(for )?(much |very )?(longer|long)\b(?! (today|tonight|this|at|on|in)\b)",
    r"(wont|will not) be (around|here) (tomorrow|anymore|any more|to see)",
    # Not coming home at all, not "not coming back till Sunday".
    r"((dont|do not|doesnt|does not) think (ill|i will|im|hell|he will|hes|shell|she will|shes) "
    r"(be )?(driving|going|coming|getting|making it) (back )?home|(wont|will not) be (driving|"
    r"going|coming|getting) (back )?home|(im|hes|shes|i am|he is|she is) not (going|coming|"
    r"driving) (back )?home|(wont|will not) be coming back)(?! (until|till|til|before|for|on|to|"
    r"tomorrow|next|after|later|by|in|at)\b)",
)
# "I know how I'll do it" is a plan only said with low mood or thoughts of suicide.
SUICIDE_METHOD_DECIDED = words(
    "says they know how they would do it, or that they will",
    r"(knows?|worked out|figured out|decided|planned) (exactly )?(how|when|where) (he|she|i|they|"
    r"hes|shes|im|theyre|hell|shell|ill|theyll|hed|shed|id) (will |would |is |am |are )?(going to "
    r"|gonna )?(do it|end it|go through with it)",
    r"(im|i am|hes|he is|shes|she is) (really |definitely )?(going to|gonna) (do it|go through "
    r"with it)",
)
LOW_MOOD = words(
    "low mood or depression",
    r"(low|dark|bad|black) mood|mood<gap2> (low|down|dark|black)|depress\w*|antidepressants?|"
    r"hopeless\w*|worthless|(feel\w*|been) (so |really |very )?(low|down|empty)\b",
)
HARM_URGES = words(
    "urges to harm a dependant or a family member",
    r"(urges?|thoughts?|want\w*|going) (to|of) (hurt\w*|harm\w*|kill\w*|smother\w*|suffocat\w*|"
    r"shak\w*) (my|the|his|her|our) (baby|child|son|daughter|kids?|children|wife|husband|partner)",
)
NEAR_ACT = words(
    "nearly acted on it",
    r"(nearly|almost) (did|done|acted|went through)|pillow (over|on) (her|his|its) (face|head)?|"
    r"about to (do it|act)|(hands?|pillow) (round|around) (her|his) (neck|throat)",
)
THREAT_TO_OTHERS = words(
    "threat of violence to others",
    r"(threaten\w*|going|gonna|wants|want|said|says|saying) (to )?(kill|stab|shoot|hurt|harm)"
    r" (me|him|her|them|us|the kids|my|his|her|someone|somebody|people|everyone|the baby)",
    r"threats? (to|toward|towards|against)|making threats|homicid\w*|(voices|voice) (telling|"
    r"tell|told) (him|her|me|them) to (kill|hurt|harm)",
    # A person makes the threat ("the antibiotics will harm my baby" is a worry, not a threat),
    # and "threatened ... with" a weapon ("with being taken off their list" is not).
    r"(he|she|they|i|hes|shes|theyre) (says |said |thinks )?(will|must|has to|have to|needs to) "
    r"(kill|stab|shoot|hurt|harm|burn) (me|him|her|them|us|the|my|his|her|their|someone|somebody|"
    r"people|everyone)|voices? (\w+ )?(want|wants|say|says|saying) (him|her|me|them) (to )?(kill|"
    r"hurt|harm|attack|stab)|threaten\w* (\w+ ){0,2}(staff|people|neighbours?|family|someone|"
    r"others|him|her|me|us|them) with (a |an |the |his |her )?(kitchen |carving |bread |big |"
    r"large )?(knife|knives|gun|shotgun|rifle|weapon|machete|bat|hammer|axe|broken bottle|"
    r"crowbar|scissors)",
)
ARMED_OR_VIOLENT = words(
    "armed or violent",
    # No free word before the weapon: "a toy hammer" and "a hammer toe" are not weapons.
    r"armed|(has|have|got|with|holding|waving) (a |an |the |his |her )?(kitchen |carving |bread "
    r"|big |large |baseball )?(knife|gun|shotgun|rifle|weapon|machete|bat|hammer(?! toe)|axe|"
    r"broken bottle|crowbar)|smashing"
    r"|violent|attacking|out of control",
    # Getting a blade ready: with voices or paranoia (the rule), not for the Sunday roast.
    r"(sharpen\w*|carrying|carries|sleeps with|sleeping with) (all |some )?(of )?(the |a |an |his |"
    r"her |my )?(kitchen |carving |bread |big |large )?(knife|knives|blades?|machete|axe)(?! (roll|"
    r"block|set|sharpener|bag)\b)",
)
PSYCHOSIS_OR_AGITATION = words(
    "psychosis or agitation",
    r"paranoi\w*|psychos\w*|psychotic|hallucinat\w*|hearing voices|agitat\w*|off (<poss> )?"
    # Stopping an antipsychotic, not "I stopped my medication" for a side effect.
    r"(medication|meds)|out of it|manic|schizo\w*|stopped (taking )?(<poss> )?(antipsychotics?|"
    r"depot|olanzapine|risperidone|quetiapine|aripiprazole|clozapine|haloperidol)|(cant|cannot|"
    r"couldnt) calm (him|her|them)",
    # Voices the person hears coming back, not voices from next door or a lost voice.
    r"(the|his|her|my) voices (are |have |have come |came |come |s |have been |been )?(back|again|"
    r"returned|started|telling|talking|louder|worse)\b",
)

# ---------------------------------------------------------------------------------------------
# Consciousness
# ---------------------------------------------------------------------------------------------

UNRESPONSIVE = words(
    "not responding normally",
    r"unresponsive|un responsive|on responsive|non ?responsive|unconscious\w*|out cold",
    r"(wont|will not|cant|cannot|can not|couldnt|unable to|not|isnt|hasnt been) (wake|waking|"
    r"rouse|rousing|be (woken|roused|awakened))( (him|her|them|it|up))?|not waking( up)?",
    r"(cant|cannot|couldnt) (get|make) (him|her|them) (to )?(wake|respond)|cannot be (roused|"
    r"woken)|unrous\w*|unarous\w*|comatose|coma\b",
    # "not responding to her usual triptan" is about a medicine; "to my voice" is a finding.
    r"(wont|will not|not|isnt|doesnt|does not|didnt|no) (respond\w*(?! to (<poss> |the |any )?"
    r"((usual|new|regular|prescribed|current|blue|brown|oral|iv|rescue|pain|asthma|heart) )?"
    r"(treatment|medic\w*|tablets?|pills?|antibiotics?|triptans?|painkillers?|inhalers?|"
    r"drugs?|creams?|drops|paracetamol|ibuprofen|physio\w*|steroids?))|response|answer\w* (me|us)"
    r"|answering (me|us))|minimal response|(only )?(groans|responds|moans|reacts) (only )?to "
    r"(a )?(pain|painful|firm)|not answering me|wont answer",
    # "not talking about harming herself" is a topic; "stopped talking about 10 minutes ago"
    # and "not talking about anything" are findings.
    r"(?<!im )(?<!i am )(?<!were )(isnt|not|stopped) (talking|speaking)(?! (yet|much|about(?! (\d+|"
    r"a|an|half|anything)\b)|to "
    r"(me|us|him|her) (since|about)|to (a|the|this|some|your) (robot|machine|computer|bot|"
    r"recording)))",
    r"(wont|isnt|not|hasnt|havent|is not) (come|coming) (round|around|to)|(lying|laying) there "
    r"(not moving|motionless|lifeless)|"
    r"(still|been) out (for|cold)|she(s| is) still out|(hes|he is) still out|eyes ~2 rolling"
    r" back|rolling back|(found|is|s|hes|shes|was|lying) slumped|found (\w+ )?(collapsed|on "
    r"the floor|unconscious)",
    r"(gcs|glasgow)( coma scale)?( of| is| score)? ([3-9]|1[0-2])(?!\d)|avpu ~2 (p|u)",
    r"cardiac arrest|(he|she|they|hes|shes|there)( has| s| is)? (got )?no pulse|(cant|cannot) "
    r"(find|feel) (a|his|her) pulse|(doing|started|give|giving|do) cpr|heart (has )?stopped",
    r"(wont|will not|doesnt) (squeeze|open (his|her) eyes)|(?<!lung )(collapsed|collapse)(?! "
    r"lung| vein| arch| disc| (\w+ ){0,3}(briefly|for a (few )?seconds))",
)

# ---------------------------------------------------------------------------------------------
# Infection, fever and metabolism
# ---------------------------------------------------------------------------------------------

SEPSIS_NAMED = diagnosis(
    "sepsis",
    r"sepsis|septic(?! tank)|septicaemia|septicemia|neutropenic (fever|sepsis)|febrile "
    r"neutropenia",
)
MOTTLED_OR_COLD_PERIPHERIES = words(
    "mottled skin or cold hands and feet",
    r"mottl\w*|blotchy|(skin|legs|knees) ~3 (blotchy|mottled|purple|grey|ashen)|ashen",
    r"(hands|feet|hands and feet|fingers|toes) ~3 (freezing|cold|icy|like ice)|cold (hands|feet)"
    r"|capillary refill ~3 ([3-9]|\d\d) (seconds|secs|s)|crt ([3-9]|\d\d)",
)
NO_URINE = words(
    "no urine",
    r"(hasnt|havent|not|hadnt|hasn't) (peed|pee|weed|wee|urinated|passed (any )?(urine|water))"
    r"|no (urine|pee|wee)|anuri\w*|no wet (nappy|nappies|diapers?)|(nappy|nappies|diapers?) "
    r"(\w+ )?dry",
)
FAST_BREATHING = words(
    "very fast breathing",
    r"breathing (really|very|so|super) (fast|quick|quickly|rapidly)|(rr|respiratory rate|resp"
    r" rate)( of| is)? (2[5-9]|[3-9]\d)",
)
SPREADING_INFECTION = words(
    "spreading local infection",
    r"red (line|streak)|(redness|swelling|infection) ~3 spread\w*|spread\w* ~3 (redness|red|"
    r"eye|neck|face)|swollen shut|hot and swollen|infected",
)
INFECTION = words(
    "infection",
    r"infect\w*|uti|pneumonia|flu|cellulitis|abscess|pyelonephritis|kidney infection|wound "
    r"(is )?(red|oozing|smelly)|(chest|urine|water) infection|covid",
    r"productive cough|coughing up (green|yellow|brown|phlegm|sputum)|(green|yellow) "
    r"(phlegm|sputum)",
)
CHEMOTHERAPY = words("on chemotherapy", r"chemo\w*|neutropeni\w*|cancer treatment|on treatment")
SEVERE_DEHYDRATION_SIGN = words(
    "severe dehydration sign",
    r"sunken (eyes|fontanelle|soft spot)|(eyes|fontanelle|soft spot) ~3 (sunken|sunk( in)?|"
    r"dipped|caved( in)?)|(cries|crying)"
    r" (with )?(no|without) tears|no tears",
)
NO_URINE_LONG = words(
    "no urine for many hours",
    r"(no|hasnt had a|havent had a|not had a|no wet|without a) wet (nappy|nappies|diapers?) ~5 "
    r"(since (last night|yesterday)|for <hours12> hours|in <hours12> hours|all day)",
    r"(hasnt|havent|not) (peed|weed|urinated|passed urine) (in|for|since) (<hours12> hours|"
    r"yesterday|last night|all day)|(hasnt|havent) (peed|weed) all day",
)
DIARRHOEA_OR_VOMITING = words(
    "vomiting or diarrhoea", r"<vomit>|vomiting|diarrh\w*|runny poo\w*|gastro\w*|loose stools"
)
KETONES_HIGH = words(
    "blood ketones 3 or more",
    r"ketones? ~3 ([3-9](\.\d)?|\d\d)(?! ?(weeks|days))|(large|high|big) ketones|ketones? ~2 "
    r"(high|large)",
)
KETOTIC_BREATH = words(
    "fruity or pear-drop breath",
    r"fruity|pear ?drops?|nail polish( remover)?|acetone|(breath|breathe) ~3 smells? ~3 "
    r"(sweet|funny|fruity)",
)
DEEP_FAST_BREATHING = words(
    "deep sighing breathing",
    r"(deep|sighing|heavy) ~3 (breathing|breaths|respirations?)|breathing (really |very )?deep|"
    r"kussmaul",
)
# Thirst and passing lots of urine together are high glucose before anyone says "diabetes".
VERY_THIRSTY = words(
    "very thirsty",
    r"(drinking|drinks|drank|gulping|guzzling) (water |so much |squash |juice )?(loads|lots|a lot|"
    r"all the time|constantly|non ?stop|gallons|litres|(so |much |way )?(more|much) than "
    r"(usual|normal))|(so|really|very|always|constantly|extremely|unusually) thirsty|thirsty all "
    r"the time|(cant|cannot) (stop drinking|quench|get enough to drink)",
)
PASSING_LOTS_OF_URINE = words(
    "passing a lot of urine",
    r"(weeing|peeing|urinating|wees|pees|going to the (toilet|loo|bathroom)) (loads|lots|a lot|all "
    r"the time|constantly|non ?stop|every (\d+ )?(minutes?|hour|half hour))|(up|getting up) (all "
    r"night|\d+ times a night) (to )?(wee|pee)|(wetting|wet) the bed again",
)
DKA_NAMED = diagnosis("diabetic ketoacidosis", r"dka|keto ?acidosis|ketoacidotic")
GLUCOSE_VERY_HIGH = words(
    "very high glucose",
    r"(meter|monitor|reading|it) ~2 (says|said|reads|read|shows) (hi|high)|says hi",
    r"(sugar|sugars|suger|glucose|bg|reading)(?: \S+){0,3} ([3-9]\d\d|[2-9]\d(\.\d)? mmol)",
)
LOW_GLUCOSE = words(
    "low blood glucose",
    r"(sugars?|suger|glucose|bg|bm|reading|level|blood sugar|meter)(?: \S+){0,3} ([0-3](\.\d)?|"
    r"[2-5]\d)(?!\d|\.| ?(to|mmol/l and|-|weeks|years|hours))( mmol\S*| mg\S*)?",
    r"hypo(glyc\w*)?\b|low (blood )?sugar|sugar ~2 (low|dropped|crashed|dropping)",
)
GLUCOSE_NEURO = words(
    "confused, fitting or unable to swallow",
    r"confus\w*|cant think straight|combative|aggressive|slurr?\w*|drowsy|unconscious|"
    r"unresponsive|not making sense|(cant|cannot|unable to|wont) (swallow|hold|drink|eat|take)"
    r"|fit|fitting|seiz\w*|passed out|collapsed",
)
HEAT_EXPOSURE = words(
    "heat exposure",
    r"heat ?stroke|sun ?stroke|(in|out in) the (heat|sun)|working outside|hot car|heatwave"
    r"|(not|stopped) sweating",
)

# ---------------------------------------------------------------------------------------------
# Pregnancy
# ---------------------------------------------------------------------------------------------

HEAVY_VAGINAL_BLEEDING = words(
    "heavy bleeding",
    r"bleed\w* (heavily|a lot|loads|badly|so much)|heavy ~3 bleed\w*|(a lot|lots|loads)"
    r" of blood|soak\w* ~3 pads?|clots|(gush|gushing) of blood|ha?emorrhag\w*|pph|through "
    r"(\w+ )?pads|pad every (\d+|half an|an) (minutes|mins|hour)",
    r"bleeding<gap4> (heavy|heavier|pouring)|(filled|filling|gone through|going through|soaked) ~3 "
    r"pads?|blood (all over|everywhere)|soak\w* (through )?(<poss> )?(clothes|jeans|trousers|bed)",
)
PREGNANCY_PAIN_SEVERE = words(
    "severe or one-sided lower belly pain",
    r"(severe|awful|terrible|excruciating|agoni\w*|really bad|horrible|constant|sharp|bad|"
    r"stabbing) ~3 (pain|cramp\w*)(?: \S+){0,4} (<belly>|side|lower abdomen)",
    r"(<belly>) ~3 (is |feels )?(hard|rigid|tense)|(pain|cramp\w*) ~4 (one|left|right) side",
    r"(left|right|one) (sided )?(lower )?(<belly>|iliac|side) (pain|cramp\w*)|shoulder tip",
    r"ectopic",
    r"(severe|awful|terrible|excruciating|agoni\w*|really bad|horrible|constant|stabbing) ~2 "
    r"(lower |pelvic )?(<belly>|pelvic) (pain|cramp\w*)",
)
EARLY_PREGNANCY_PAIN = words(
    "lower belly pain",
    r"(sudden\w*|severe|sharp|bad|awful|stabbing|constant) ~3 (lower |pelvic )?(<belly>|pelvic)"
    r" (pain|cramp\w*)|(lower|pelvic|<belly>) (pain|cramp\w*)|pain ~3 (lower )?(<belly>|pelvis)",
    r"(pain|cramp\w*) ~3 low down",
)
SHOULDER_TIP_OR_FAINT = words(
    "shoulder-tip pain or faintness",
    r"shoulder tip|shoulder pain|pain in (my|her) shoulder|faint\w*|dizz\w*|pass\w* out|light "
    r"?headed|(bp|blood pressure) ([5-8]\d|9[0-5])/\d+",
)
PREECLAMPSIA_NAMED = diagnosis("pre-eclampsia", r"pre ?eclamp\w*|eclamp\w*|hellp( syndrome)?")
ECTOPIC_NAMED = diagnosis(
    "ectopic pregnancy", r"ectopic|placental abruption|abruption|uterine rupture"
)
PREECLAMPSIA_SIGN = words(
    "pre-eclampsia sign",
    r"(flash\w*|flicker\w*|zigzag) (lights|spots)|seeing (spots|stars|flashes|flashing)|"
    r"blurr\w* vision|visions?<gap2> (blurr\w*|disturb\w*|changes?)|visual (disturbance|changes?)",
    # Vision gone sparkly, flickery or fuzzy; "eyesight changed, need new glasses" is not.
    r"(visions?|eyesights?)<gap3> (sparkl\w*|flash\w*|flicker\w*|shimmer\w*|twinkl\w*|fuzzy|"
    r"starry|spotty|wavy|zig ?zag\w*|blotchy|misty|(gone|going|went|goes) (all )?(funny|weird|"
    r"strange|odd))"
    r"|seeing (sparkles|sparkly|zig ?zags|flickering|shimmering|twinkl\w*)",
    r"spots (before|in front of) (<poss> |the )?eyes|(throbbing|thumping) ~2 headache|headache ~4"
    # Pain at the top of the tummy, not heartburn there after meals.
    r" not (helped|helping|eased|easing)|(pain|hurts|hurting|ache|aching|sore) ~3 top of (<poss> )?"
    r"(tummy|stomach|belly)(?!(?: \w+){0,3} (after|with) (meals?|eating|food|dinner|tea))",
    r"(severe|bad|pounding|terrible|awful|splitting|really bad|worst) ~2 headache|headache ~4 "
    r"(wont|doesnt|will not|isnt|not) (go|shift|budge|ease|going)|headache that (paracetamol|"
    r"tylenol|painkillers) (wont|doesnt)",
    r"(upper (abdominal|belly|stomach|tummy)|epigastric|under (my|her) (right )?ribs) ~2 (pain"
    r"|discomfort)?|(face|hands|feet and face|face and hands) ~3 (puffy|swollen|swelling)",
    r"sudden (swelling|puffiness)",
)
FETAL_MOVEMENTS_ABSENT = words(
    "cannot feel the baby move (said only in pregnancy)",
    r"(havent|hasnt|not|cant|didnt|no|cannot|couldnt) (felt|feel|feeling) (the |my )?baby ~2 "
    r"(move|moving|moved|kick\w*)|no (fetal|foetal) movements?|not felt (the )?baby ~2 (move|kick)"
    r"|(reduced|decreased|fewer|less|no) (fetal|foetal) (movements?|kicks)",
    r"(cant|cannot|couldnt) feel (the |my )?baby at all|(felt|feel|feeling) no (kicks|movements?)"
    r"|no (kicks|movements?) (felt|for \d+|since)",
)
FETAL_MOVEMENTS_REDUCED = words(
    "fewer or no fetal movements",
    r"(baby|babys) ~2 (hasnt|has not|isnt|is not|not|stopped|hardly) (moved|moving|kicked|"
    r"kicking)|(fewer|less|reduced|decreased) (baby )?(movements?|kicks)|baby ~2 moving less",
    # "the baby's been really quiet today"; "was quiet this morning" (past, now moving) is not.
    # The baby is the one moving less ("I've been moving less with my pelvis" is the mother);
    # "still" only at the end of what is said ("the baby is still kicking loads" is not).
    r"(baby|babys|baby is|baby has|baby has been|shes|hes|she is|he is|she has|he has|its) (been )?"
    r"(moved|moving|kicking|kicked) (far |much |a lot |way )?less|movements?<gap3> (reduced|slowed|"
    r"dropped|decreased|changed)|(drop|reduction|decrease|change) in (the )?(babys |fetal |"
    r"foetal )?(movements?|kicks)|(hardly|barely) any (kicks|movements?)",
    r"(baby|babys|baby is|baby has) (just )?(been |gone |is |has gone )?(really |very |so |much |"
    r"noticeably |unusually )?(quiet|quieter|still(?= ,|$| today\b| all day\b| since\b))",
    # "was really quiet all day yesterday and today" is now; "was quiet this morning but she's
    # kicking now" is not.
    r"baby (was|has been) (really |very |so |unusually |a bit )?(quiet|quieter)(?: (?!(?:but|"
    r"though|now|fine|ok|okay|moving|kicking|active)\b)\w+){0,5} (today|tonight|since)\b",
)
CONTRACTIONS_OR_WATERS = words(
    "regular contractions or waters broken",
    r"(tightenings?|contractions?|cramps|pains?)<gap4> every (\d+|few|couple of) (minutes|mins)|"
    r"regular ~2 "
    r"(contractions|tightenings)|(painful )?contractions|in labou?r",
    r"waters? ~3 (broke|broken|breaking|break|gone|went|burst)|gush of (clear )?fluid|leaking "
    r"(clear )?fluid|rupture\w* (of )?(the )?membranes|pprom|srom",
)

# ---------------------------------------------------------------------------------------------
# Poisoning
# ---------------------------------------------------------------------------------------------

OVERDOSE_NAMED = diagnosis(
    "overdose",
    r"over ?dos\w*|overdid (it )?(on|with) (the |my |his |her )?(\w+ )?<meds>|overdid my",
)
TOOK_MEDICINE = words(
    "took medicines",
    # Past tense: "I take a lot of medication" is a history, not an event.
    r"(took|taken|swallowed|ate|eaten|been taking|ingest\w*|ingestion of|downed|necked)"
    r"(?: \S+){0,5} <meds>",
)
EMPTY_CONTAINER = words(
    "found with empty medicine packets",
    r"empty (bottles?|packets?|boxes|box|packs?|blister packs?|strips?|pill bottles?)|(bottle|"
    r"packet|box|pack)s? (is |are |was |were )?(empty|all gone)|(pills|tablets) (are )?(all )?"
    r"(missing|gone)",
)
INTENTIONAL = words(
    "on purpose",
    r"on purpose|intentional\w*|deliberate\w*|to (kill|hurt|harm) (<self>)|suicid\w*",
)
LARGE_QUANTITY = words(
    "a large quantity",
    r"(whole|entire|full) (packet|box|bottle|pack|strip|month)|all (of )?(<poss> |the )?(\w+ )?"
    r"<meds>",
    r"(bunch|handful|load|loads|lots|lot|fistful|heap) of|unknown (quantity|amount|number)",
    r"([1-9]\d|\d{3}) (<meds>|of (them|<poss> <meds>))|([1-9]\d) a day|too many|like (1\d|"
    r"[2-9]\d) pills",
)
ACCIDENTAL_EXTRA_DOSE = words(
    "extra dose by mistake",
    r"(double|extra|twice|two doses|2 doses|second dose|wrong (dose|pills?)|by mistake)",
)
POISONING_SYMPTOMS = words(
    "symptoms after the dose",
    r"shaky|shaking|sweat\w*|drows\w*|sleepy|hard to rouse|(heart|hearts) ~2 (racing|pounding)"
    r"|vomit\w*|feel(s|ing)? sick|confus\w*|pinpoint|breathing (slow|slowly|\d+ times)|"
    r"(side|liver|stomach|belly) (hurts|pain)|not (waking|responding)|unresponsive|fit\w*|seiz\w*",
)
OPIOID_SIGNS = words(
    "opioid overdose signs",
    r"pinpoint pupils|needle (next to|beside|in)|(heroin|fentanyl|opioid|methadone|oxy\w*) ~6 "
    r"(not breathing|blue|unresponsive|wont wake|not waking|hard to rouse|slumped)|narcan|"
    r"naloxone",
)
HIGH_RISK_POISON = words(
    "dangerous substance",
    r"button batter\w*|(coin|watch|hearing aid|lithium) batter\w*|batter(y|ies)|magnets|"
    r"magnet (balls|beads|pieces)|(2|several|some|few|multiple) magnet\w*",
    r"antifreeze|anti freeze|ethylene glycol|methanol|screen ?wash|windshield washer",
    r"bleach|drain (cleaner|unblocker|opener)|oven cleaner|caustic|lye|(battery|hydrochloric|"
    r"sulphuric|sulfuric|muriatic) acid|ammonia",
    r"(detergent|laundry|washing) (pod|pods|capsule|capsules|liquitab\w*)|dishwasher pods?",
    r"iron (tablets|pills)|lamp oil|paraffin|kerosene|petrol|gasoline|turpentine|white spirit",
    r"e (cigarette|liquid)|vape (liquid|juice)|nicotine (liquid|refill)|rat poison|pesticide",
    r"weed ?killer|slug pellets|foxglove|camphor|wintergreen|lighter fluid",
)
INGESTED = words(
    "swallowed",
    r"swallow\w*|ate|eaten|eating|drank|drunk|drink\w*|got into|chewed|chewing|licked|"
    r"ingest\w*|found with|put (\w+ )?in (his|her) mouth|some are missing|several missing|"
    r"missing",
)
OTHERS_MEDICINES = words(
    "someone else's medicines",
    r"(got into|swallowed|ate|took|had|found with|chewed|into)(?: \S+){0,5} (my|mums|moms|dads|"
    r"grandmas|grandmothers|grandpas|grandfathers|nans|nanas|grannys|someone elses|his "
    r"grandmothers|her grandmothers|his grandmas|her grandmas|the)(?: \S+){0,2} <meds>",
)
POISON_AGENT = words(
    "household product, plant or medicine",
    r"<meds>|plant|berries|leaves|mushroom\w*|detergent|pods?|tablet|cleaner|cleaning|chemical"
    r"|bleach|poison\w*|cigarette|liquid",
)
INGESTION_SYMPTOMS = words(
    "symptoms after swallowing",
    r"drows\w*|sleepy|drool\w*|vomit\w*|throwing up|cough\w*|wheez\w*|(cant|trouble) breath\w*"
    r"|burns? (in|around) (his|her) mouth|fit\w*|seiz\w*|floppy|confus\w*|unresponsive|limp",
)
CO_ALARM = words(
    "carbon monoxide alarm or named",
    r"co (alarm|detector)|carbon monoxide|monoxide",
)
CO_ALARM_QUIET = words(
    "carbon monoxide alarm silent or tested fine",
    r"(co|carbon monoxide) (alarm|detector)s? ~3 (tests?|tested|checks?|checked) (fine|ok|okay)",
    r"(co|carbon monoxide) (alarm|detector)s? ~3 (hasnt|has not|didnt|did not|never|not) "
    r"(gone|go|going|went) off",
)
SEVERAL_PEOPLE_UNWELL = words(
    "several people or pets unwell",
    r"everybody|everyone|we all|(weve|we have|we ve) all|all of us|family of|whole (family|"
    r"house|household)|(wife|husband|partner|kids|children) and i (both|all|have|are|feel)|both"
    r" (have|got|feel|with)|the (dog|cat|pets?) (is |s )?(\w+ )?(lethargic|sick|sleepy|unwell)",
    # Someone sharing the home; "a couple of days" and a colleague at work are not.
    r"(partner|husband|wife|flatmate) (is )?(also|too)|(me|i) and (the|my) (\w+ )?(kids|children|"
    r"wife|husband|partner)|(flatmate|partner|husband|wife) and (me|i) (both|all)|\d+ (household "
    r"members|people in the (house|home|flat))",
)
# A trailing "s" is the possessive the transcript keeps ("the boiler's on" is `boilers on`).
FUEL_APPLIANCE = words(
    "fuel-burning appliance indoors (named as burning fuel, or a boiler or heater in use)",
    r"(gas|oil|paraffin|kerosene|calor|propane|butane|wood|log|coal|solid fuel|multi fuel|petrol|"
    r"diesel) (fired )?(heaters?|fires?|stoves?|boilers?|appliances?|burners?|generators?|"
    r"cookers?|ovens?|lamps?)|wood ?burners?|log ?burners?|generators?|furnaces?|(?<!activated )"
    r"charcoal|(barbecue|bbq) (indoors|inside)|(car|engine|motor) (running|engine|on) (in|inside)"
    r"|(blocked|cracked|faulty) (chimney|flue)",
    # A bare boiler, heater or fire only when it is on, faulty, or when the symptoms go with its
    # use: "our boiler broke", "a heater engineer" and "next to the boiler cupboard" are not.
    r"(?<!electric )(?<!electrical )(?<!storage )(?<!halogen )(?<!fan )(boiler|heater|fire|stove)s?"
    r" (is |was |has been |had been |been |s been )?(on|running|lit|going|in use|left on|making (a "
    r")?(\w+ )?nois\w*|sooty|smell\w* (funny|of gas|odd|weird|strange)|burn\w* yellow)\b",
    r"(since|when|whenever|after) (we |i |they |he |she |mum |dad )?(put |turned |switched |lit |"
    r"use |used |using |started |ran |run |got )?(on )?(the |our |my |his |her |their |a |an |that "
    r")?(new |old )?(boiler|heater|fire|stove)s?\b",
)
# A cold or a stomach bug going round the house, or a shared meal, explains several people's
# headaches and sickness: not carbon monoxide, unless a fuel-burning appliance is mentioned too.
# ("we thought it was colds" names a guess, not a symptom, so it does not count.)
COLD_OR_BUG = words(
    "cold symptoms, a stomach bug or something eaten",
    r"(runny|blocked|stuffy|streaming|snotty) noses?|sore throats?|cough\w*|sneez\w*",
    r"(stomach|tummy|sickness|vomiting) bug|food poisoning|norovirus|gastro\w*|takeaway|(since|"
    r"after) (eating|we ate|we had) ",
)
HEADACHE_NAUSEA_DROWSY = words(
    "headache, nausea or drowsiness",
    r"head ?aches?|feel(ing)? sick|nause\w*|dizz\w*|sleepy|drows\w*|confus\w*|lethargic|vomit\w*",
)

# ---------------------------------------------------------------------------------------------
# Injury and burns
# ---------------------------------------------------------------------------------------------

HIGH_ENERGY_INJURY = words(
    "high-energy injury",
    r"(car|motorbike|motorcycle|bike|vehicle|truck|lorry|bus|train|road|traffic|rta|mva|mvc)"
    r" (crash|accident|collision|wreck|smash)|car crash|crashed (his|her|my|the) (car|bike)",
    r"knocked off (<poss> |a )?(bike|bicycle|motorbike|scooter)|"
    r"(hit|struck|knocked down|run over|mown down) by a (car|van|truck|lorry|bus|vehicle|train"
    r"|motorbike)|run over|motorcyclist|pedestrian ~3 (struck|hit|versus|vs)|high speed|"
    r"rolled (the|his|her|my|their) (car|truck|van)|roll ?over (crash|accident)|ejected",
    r"(fell|fall|falling|fallen) (off|from|out of) (a |the |his |her )?(roof|scaffold\w*|"
    r"balcony|building|bridge|cliff|tree|height|window|horse)|fall from height|(fell|fall|"
    r"falling|fallen) (off|from|out of) ~3 (roof|balcony|building|bridge|cliff|window|"
    r"scaffold\w*|loft|floor)",
    r"(fell|fall|fallen|dropped) ~4 ([2-9]|\d\d) (metres|meters|m|storeys|stories|floors)|"
    r"(fell|fall|fallen) ~4 ([7-9]|\d\d) (feet|foot|ft)|([2-9]|\d\d) (metres|meters|m) from",
    r"crushed (under|by|between)|pinned (under|by)|(dove|dived|diving|jumped) (head first )?"
    r"into (the )?shallow|kicked ~4 by a horse|gunshot|shot (in|him|her|me)|been shot|stabbed"
    r"|stab wound|knife wound|impaled|penetrating|chainsaw",
    r"(knife|knives|blades?|glass|metal|nails?|spikes?|prongs?|forks?|rods?|poles?|sticks?|"
    r"branch|skewers?|arrows?|shards?|piece of \w+) ~3 (still )?(stuck|lodged|sticking|"
    r"embedded) (in|into|out of)",
)
OPEN_OR_HIP_FRACTURE = words(
    "open fracture or suspected hip fracture",
    r"bone ~3 (sticking out|poking out|through the skin|showing)|open fracture|compound "
    r"fracture",
    r"(hip|leg) ~4 (turned out|rotated|shortened|shorter)|turned out and shorter|broken "
    r"(neck|back|pelvis|hip|femur)|(hip|pelvic|femur|femoral|pelvis) fracture|(shortened|"
    r"externally rotated) ~~3 (leg|hip)|fractured "
    r"(neck of femur|hip|pelvis|femur)|pelvis hurts",
)
DEFORMED_LEG = words(
    "deformed leg or hip",
    r"(leg|hip|thigh|femur) ~3 (deform\w*|twisted|bent|turned out|rotated|shortened|shorter|"
    r"wrong way|odd angle)|(deformed|twisted|shortened|rotated) ~~3 (leg|hip|thigh)",
)
DEFORMED_LIMB = words(
    "deformed limb", r"deform\w*|(bent|twisted|crooked) (the )?wrong way|out of shape|angulated"
)
LIMB_CIRCULATION_POOR = words(
    "cold or numb below the injury",
    r"(hand|foot|fingers|toes|leg|arm) ~3 (cold|numb|white|blue|pale)|no pulse|pulseless|cant "
    r"feel (the |a )?pulse",
)
SPINAL_SIGN = words(
    "possible spinal injury",
    r"(cant|cannot|unable to) (move|feel) (<poss> )?(legs|feet|arms|toes|lower body)|numb\w* "
    r"(in )?both (legs|arms)|both (legs|arms) ~2 (numb|weak|tingl\w*)|(arms|legs|hands) (are )?"
    r"tingl\w*|neck (hurts|pain|is sore)|paraly\w*|spinal (injury|cord)|broken (neck|back)",
)
HEAD_INJURY = words(
    "head injury",
    r"(hit|hits|hitting|banged|bang|bumped|knocked|struck|smacked|whacked|cracked|hurt|landed "
    r"on) ~3 head|head (injury|injuries|trauma|knock|wound)|(bump|blow|knock|lump|cut) (on|to)"
    r" (<poss> |the )?head|concuss\w*|head ?butt\w*|(hit|banged|bumped|knocked|struck) (<poss> |"
    r"the )?(forehead|(back|side|front) of (<poss> |the )?head)",
    r"(fell|falling|fallen|fall) (down|off) (a |the )?(flight of )?(stairs|steps|bunk bed)",
)
HEAD_INJURY_DANGER = words(
    "head injury warning sign",
    r"knocked out|(lost|loss of) consciousness|passed out|blacked out|unconscious|loc",
    # Knocked out, not "I was out for a minute" or "went out for a few drinks".
    r"(?<!i )(?<!we )(knocked|he|she|was) out (cold )?for (a|\d+|a few) (minute|minutes|second|"
    r"seconds)|(keeps?|kept) asking "
    r"the same (questions?|thing)",
    r"(cant|doesnt|does not|didnt) remember|amnesia|memory loss|(been|was) sick (\d+|several|"
    r"many|a few) times|(vomit\w*|throw\w* up|threw up) (\d+|twice|several|again|repeatedly)|"
    r"(keeps?|keep) (being sick|throwing up|vomiting)|repeated(ly)? vomit\w*",
    r"(headache|head) ~3 (getting worse|worse and worse|worsening|keeps getting worse)|"
    r"worsening headache|(really|very|so) sleepy|drows\w*|hard to wake|confus\w*|not making "
    r"sense|seiz\w*|fit\b|fitting|clear fluid|unequal pupils|slurr\w*|limp|floppy",
)
BURN = words(
    "burn",
    r"burn(s|t|ed)?(?! when| on passing| to pee| pain| sensation| feeling)|scald\w*|"
    r"boiling (water|oil|fat)|(hot|boiling) (water|oil|fat|tea|coffee)|flames?|(in|from) a fire",
    r"(pulled|spilt|spilled|knocked|tipped|poured) ~4 (tea|coffee|kettle|boiling \w+|hot \w+) "
    r"~2 (over|on|onto|down)",
)
BURN_LARGE_OR_DEEP = words(
    "large, deep or full-thickness burn",
    r"all (down|over) (<poss> )?(chest|back|body|arm|leg|front)|(chest|arms?|legs?|back|face)"
    r" and (arms?|legs?|chest|back|face)|both (legs|arms)|(whole|entire) (arm|leg|back|chest|"
    r"body)",
    r"(skin|skins) ~2 (peeling|coming|came|falling) off|(\d+|[1-9]\d) ?%|percent of (the |her |"
    r"his )?body|(white|charred|black|leathery|waxy)"
    r"|(doesnt|does not|dont|cant feel|no) (hurt|pain|feeling)|painless|full thickness|"
    r"circumferential|all the way (round|around)|encircl\w*|big area|large area|(third|3 rd|"
    r"full) degree|(face|airway|mouth|"
    r"nostrils) ~2 (burn\w*|"
    r"singed)",
)
SNORING_OR_APNOEA = words("snoring or known sleep apnoea", r"snor\w*|sleep ap\w*|cpap")
SUNBURN = words(
    "sunburn",
    r"sun ?burn\w*|sunbed|(asleep|sleeping|lying|lay|all day) (on|at) the beach|sunbath\w*|in "
    r"the sun (all|for)",
)
ELECTRICAL_INJURY = words(
    "electrical injury",
    # "electric shock feelings" after stopping an antidepressant is not an injury, but a shock
    # with a source ("like a big one off the plug socket") always is.
    r"electric\w* shock(?! (like )?(feelings?|sensations?)\b)|electrocut\w*|high voltage|live "
    r"(wire|cable)|power line|(struck|hit) "
    r"by lightning|lightning strike|fuse box|entry wound|exit wound|electrical (burn|injury)",
    r"shock (off|from) (the )?(mains|socket|wire|cable)|electric\w* shocks? ~~9 (sockets?|plugs?|"
    r"wires?|cables?|cooker|kettle|fence|appliance|mains|toaster|lamp)",
    r"(clothes|clothing|dress|hair|pyjamas|pajamas) caught (on )?fire|set (himself|herself|"
    r"themselves|myself) on fire",
)
CHEMICAL_ON_SKIN = words(
    "chemical burn",
    r"chemical ~4 (burn\w*|on (<poss> )?(skin|arms?|legs?|hands?|face))|(acid|alkali|lye|"
    r"caustic|cement|hydrofluoric) ~3 (burn\w*|on (<poss> )?(skin|arms?|legs?|hands?|face))"
    # On the skin, not "bleach splashed on my jeans".
    r"|burning through (<poss> )?skin|(caustic soda|lye|bleach|acid) ~2 (splash\w*|spilt|spilled)"
    r" (on|onto) (<poss> |the |both )?(\w+ )?(skin|arms?|forearms?|legs?|hands?|face|chest|neck|"
    r"feet|foot|fingers?|body)|(drain|oven) cleaner ~4 (splash\w*|spilt|spilled|on) ~3 "
    r"(skin|arms?|forearms?|legs?|hands?|face|chest)",
)
CHILD_SCALD = words(
    "scald in a young child",
    r"(boiling|hot) (water|tea|coffee|kettle|pot|pan|soup|oil)|kettle|scald\w*",
)

# ---------------------------------------------------------------------------------------------
# Abdomen, urinary and genital
# ---------------------------------------------------------------------------------------------

RIGID_ABDOMEN = words(
    "rigid abdomen or peritonism",
    r"(rigid|board ?like|hard) (<belly>)|(<belly>) ~~3 (rigid|hard as a board|like a board|"
    r"board like|hard and swollen|hard as a rock|rock hard|like a rock)|hard as a board|"
    r"peritoni\w*|guarding|rebound( tenderness)?",
    r"(cant|cannot) (move|stand up straight|stand straight) without (it )?hurting|lying (very )?"
    r"still",
)
BILIOUS_VOMITING = words(
    "green vomit",
    r"<vomit>(?: \S+){0,3} (green|bile|bilious|dark green|bright green)|green (vomit|sick|bile)"
    r"|bilious",
)
BOWEL_OBSTRUCTION = words(
    "no bowel action with distension",
    r"(no|not|hasnt|havent|hadnt) (pooped|pooed|pooped|opened (his|her|my) bowels|passed (wind|"
    r"gas)|(had a )?bowel (movement|action)|wind passed)|no (wind|gas|flatus)|constipat\w*",
)
DISTENSION = words(
    "swollen belly",
    # The gap may not hold a negation: "abdomen soft and not distended" is not distension.
    r"(<belly>)(?: (?!(?:not|isnt|no|wasnt|never)\b)[\w.%/]+){0,3} (swollen|distended|bloated|"
    r"huge|blown up)|distension|distended|"
    r"swollen (<belly>)",
)
REDCURRANT_STOOL = words(
    "redcurrant-jelly stool", r"red ?currant jelly|jelly like (stool|poo)|intussuscep\w*"
)
INTUSSUSCEPTION_SIGN = words(
    "intussusception pattern",
    r"red ?currant jelly|jelly like (stool|poo)|drawing (<poss> )?legs up|pulling (<poss> )?"
    r"legs up|(inconsolable|screaming) ~4 (episodes|legs|comes and goes)|intussuscep\w*",
    r"(pull\w*|draw\w*|bring\w*) (<poss> )?(knees|legs) (up|to (<poss> )?(chest|tummy))|"
    r"(screaming|crying) (fits|episodes|attacks|spells) every",
)
ABDOMINAL_PAIN = words(
    "abdominal pain",
    r"(<belly>|appendix|appendicitis) ~3 (pain|hurts|hurting|ache|aching|cramp\w*)|(pain|ache)"
    r" ~4 (<belly>)|stomach ?ache|tummy ?ache|belly ?ache",
)
ABDOMINAL_PAIN_WORSE = words(
    "belly pain suddenly worse, spreading or with collapse",
    r"(suddenly|now) ~3 (way |much |a lot )?worse|all over (<poss> )?(<belly>)|spread\w* "
    r"(all )?over|worst (ive|i) ever had|the worst|(passed|pass) out|collapsed|fainted",
)
ABDOMEN_NAMED = diagnosis(
    "surgical abdomen",
    r"perforat\w*|ruptured (appendix|spleen|bowel)|burst appendix|bowel obstruction|volvulus|"
    r"mesenteric isch\w*|isch(a)?emic bowel|peritonitis",
)
TESTICULAR_PAIN = words(
    "testicular pain",
    r"(pain|hurts?|hurting|aching|ache|agony|tender|sore)(?: [^\s,]+){0,5} <testis>|<testis>"
    r"(?: [^\s,]+){0,3} (pain|hurts?|hurting|aching|ache|agony|tender|sore|swollen|killing)",
    r"(pain|hurts?|hurting|agony) ~3 his (privates|private parts)",
    # A teenager's "tummy ache" that is "really his testicle" ("it's nuts" is not a testicle).
    r"(its|it is|the pain is|pain is|pains) (really |actually |truly )?(in |from |coming from )?"
    r"<poss> (testic\w*|testis|testes|balls|scrot\w*)",
)
TESTIS_HIGH_OR_SUDDEN = words(
    "sudden severe pain, vomiting or a high-riding testis",
    r"higher|riding high|high riding|pulled up|sudden\w*|abrupt\w*|woke (up )?with|(really|"
    r"very|so) (bad|painful|sore)|severe|excruciating|agony|terrible|hurts a lot|a lot of pain"
    r"|<vomit>|vomiting|been sick|tummy hurts|belly hurts",
)
TORSION_NAMED = diagnosis("testicular torsion", r"torsion|twisted (testicle|testis|ball)")
ERECTION = words(
    "erection",
    # The drug names alone are not an erection (sildenafil is also a lung and prostate drug).
    r"erection|priapism|hard on|boner|stiffy|(blue pills?|viagra|sildenafil|cialis|tadalafil) ~~8 "
    r"(its|it is|it has|its been|it has been|it) (still )?(up|hard|stiff|hasnt gone down|has not "
    r"gone down|wont go down|not gone down)",
)
ERECTION_PROLONGED = words(
    "lasting 3 hours or more",
    r"<hours3> (hours|hrs?|h)\b|(wont|will not|doesnt|isnt|not) (go|going) (down|away)|priapism",
    r"(hasnt|has not|havent|still not) (gone|come) down",
)
BACK_PAIN = words(
    "back pain or sciatica",
    r"back|spine|spinal|disc|disk|sciatica|lumbar|slipped disc|prolapse",
)
SADDLE_NUMBNESS = words(
    "saddle numbness",
    r"numb\w* ~4 (bum|bottom|buttocks|saddle|genitals|groin|back passage|privates|between "
    r"(my|the|her|his) legs|anus)|saddle (area )?(numb\w*|an(a)?esthesia)|saddle area",
    r"(cant|cannot) feel ~2 (bum|bottom|buttocks|genitals|privates|back passage|anus)",
    r"(cant|cannot|couldnt|dont) feel ~3 (when|while) (i|he|she) wipe|numb\w* down there|down "
    r"there ~2 numb\w*",
    r"(bum|bottom|buttocks|genitals|privates|back passage|anus|groin) ~3 (is |are |feels |"
    r"went )?numb\w*",
)
NEW_BLADDER_OR_BOWEL_LOSS = words(
    "new bladder or bowel problem",
    r"(cant|cannot|couldnt) tell (when|if) (i|he|she) (need|needs) to (pee|wee|go)|wet (myself|"
    r"himself|herself) without|(lost|loss of|losing) (control of )?(<poss> )?(bladder|bowels?)"
    r"( control)?|(unable to|cant|cannot) (pass (urine|water)|pee|wee|urinate)|incontinen\w*|"
    r"retention|(ive|i "
    r"have|has|hes|shes|he has|she has|i) wet (myself|himself|herself)|wetting (myself|himself|"
    r"herself)|soiled (myself|himself|herself)",
)
BOTH_LEGS_WEAK = words(
    "both legs weak or numb",
    r"both legs ~3 (weak\w*|numb\w*|giving way)|weak\w* (in )?both legs|(sciatica|pain) in both"
    r" legs|bilateral (leg|sciatica)|legs (are |feel )?(weak|giving way)",
)
CAUDA_NAMED = diagnosis("cauda equina syndrome", r"cauda equina")
RETENTION_NAMED = diagnosis("acute urinary retention", r"(acute )?urinary retention")
CANT_PASS_URINE = words(
    "unable to pass urine",
    r"(cant|cannot|couldnt|unable to|not able to|havent been able to) (pass|do|have) (any )?"
    r"(urine|a wee|a pee|water)|(cant|cannot|unable to) (pee|wee|urinate|void)|(hasnt|havent|"
    r"has not|have not) been able to (pee|wee|urinate|pass (urine|water))|(has not|hasnt|have "
    r"not|havent) (passed|voided) (any )?(urine|water) (in|for) \d+ (h|hrs?|hours)|(acute|urinary)"
    r" retention|nothing (comes|is coming|will come) out|straining ~4 (urine|pee|wee)",
    # "no water since this morning" is the mains; "no water passed" is retention.
    r"not been able to (pee|wee|urinate|pass (urine|water))|no (urine|water|wee|pee) passed|no "
    r"(urine|wee|pee) (since|for \d+)|(hasnt|has not|havent|have not) (passed|done)"
    r" (any )?(urine|water|a wee) since|(cant|cannot|couldnt) (go|wee|pee) at all",
)
RETENTION_SEVERITY = words(
    "hours without urine or a painful bladder",
    # Starts at the negative itself, which is the finding ("not passed urine for 12 hours").
    r"(not|hasnt|havent|hadnt) (\w+ ){0,5}(for|in) (about |around |over |nearly )?(<hours6>|\d\d) "
    # The bladder or lower tummy hurting, not "it hurts" (a water infection stings too).
    r"(hours|hrs?|h)\b|(bladder|tummy|belly|abdomen|stomach|suprapubic) ~4 (hurts|hurting|painful|"
    r"tender|hard)|fullness|(abdominal|tummy|belly|stomach|lower|suprapubic) pain",
    r"(for|in|been) (about |around |over |nearly )?(<hours6>|\d\d) (hours|hrs?|h)\b|since (last "
    r"night|this morning|yesterday)|all day|"
    r"agony|severe (pain|discomfort)|swollen|distended|swelling|palpable bladder|bladder ~3 (full|"
    r"swollen|"
    r"killing|agony|bursting|hurts|pain|painful)",
)

# ---------------------------------------------------------------------------------------------
# Limbs, eyes and skin
# ---------------------------------------------------------------------------------------------

ONE_LIMB = words(
    "one limb",
    r"(<poss>|the|left|right|one) (leg|arm|hand|foot|forearm|calf)(?!s)|(<poss>|the|left|"
    r"right|one) (leg|arm|hand|foot)|(mums|moms|dads|nans|grans|husbands|wifes|sons|daughters|"
    r"partners) (leg|arm|hand|foot)\b",
)
LIMB_COLD = words(
    "cold limb",
    r"(leg|arm|hand|foot|forearm|toes|fingers)(?: \S+){0,4} (cold|freezing|icy)|(cold|freezing)"
    r"(?: \S+){0,6} (leg|arm|hand|foot|forearm)",
)
LIMB_PALE = words(
    "pale or white limb",
    r"(leg|arm|hand|foot|forearm|toes|fingers)(?: \S+){0,4} (white|pale|blue|mottled|grey)|"
    r"(white|pale)(?: \S+){0,6} (leg|arm|hand|foot|forearm)",
)
PULSELESS = words(
    "no pulse in the limb", r"no pulse|pulseless|(cant|cannot) (feel|find) (a |the )?pulse"
)
TIGHT_CAST = words("tight plaster cast", r"cast|plaster")
NUMB_OR_PALE_DIGITS = words(
    "numb or pale toes or fingers",
    r"(toes|fingers)(?: \S+){0,3} (pale|white|blue|bluey|bluish|numb|cold|purple|grey|dusky)|"
    r"(pale|white|blue|numb|cold|dusky) ~2 (toes|fingers)|(cant|cannot) feel (them|his "
    r"toes|her toes|my toes)|pins and needles",
)
LIMB_ISCHAEMIA_NAMED = diagnosis(
    "acute limb ischaemia", r"(acute )?limb isch\w*|compartment syndrome"
)
VISION_LOSS = words(
    "loss of vision",
    r"(visions?|sight|eyesight)(?: \S+){0,5} (went|gone|go|going|turned|became) (\w+ )?(blurry|"
    r"blurred|black|dark|dim|grey|blank|double)|(lost|loss of|losing|lose) (the |my |his |her )?"
    r"(vision|sight)|(cant|cannot) see (\w+ ){0,2}(out of|anything|at all)|went blind|blind in",
    r"curtain|shadow (coming|over|across)|veil (over|across)|shade (over|across)",
    r"eye (went|gone|going|turned) (all |completely )?(dark|black|blank)|(blind|shutter) (came|"
    r"coming|come) down",
)
CURTAIN_OR_FLASHES = words(
    "curtain or shadow over the vision",
    r"(curtain|shadow|veil|shade|black out)(?: \S+){0,4} (vision|eye|sight|over|across)|"
    r"detached retina|retinal detachment|central retinal|amaurosis",
    r"(shadow|curtain|veil) (spreading|creeping|moving|growing|coming)",
)
# Swimming-pool chlorine in the eyes stings but is not a chemical injury, so it is not listed.
CHEMICAL_IN_EYE = words(
    "chemical in the eye",
    r"splash\w* (in|into) (<poss> |the |both )?eyes? ~4 (alkal\w*|acid\w*|chemical\w*|bleach|"
    r"clean\w*|caustic|solution|lye|lime|cement|ammonia|disinfectant|dye|relaxer)|"
    r"(bleach|chemical\w*|acid|alkal\w*|cleaner|lime|cement|ammonia|lye|caustic|plaster|"
    r"solvent|pepper spray|pool chlorine|disinfectant|hair dye|relaxer|weedkiller|pesticide)"
    r"(?: \S+){0,4} (in|into|to) (<poss> |the )?(\w+ )?eyes?|eyes? ~3 "
    r"(bleach|chemical|acid|cleaner)|splashed with (\w+ ){0,2}(bleach|chemical\w*|acid|cleaner)"
    r" ~4 eye|(splash\w*|spray\w*|squirt\w*) ~3 chlorine (in|into) (<poss> |the )?eyes?",
)
PENETRATING_EYE = words(
    "penetrating or high-velocity eye injury",
    r"(metal|glass|wire|stick|nail|dart|pencil|knife|shard|splinter|firework)(?: \S+){0,5} "
    r"(in|into|hit|to) (<poss> |the )?(\w+ )?eyes?|poked (in|into) (the |his |her |my )?eye"
    r"(?! (by|with) (\w+ ){0,2}(fingers?|fingernails?|hands?)\b(?! (drill|saw|tool|fork|rake|"
    r"trowel)))|"
    r"flew into (<poss> )?eye|grinding|hammering|hit in the eye by a (firework|pellet|bb)",
    r"pupil ~2 (odd|irregular|misshapen|teardrop|funny|strange|different)|hyphaema|hyphema|"
    r"blood (level )?(visible )?in the front of the eye|(globe|eyeball) rupture|ruptured (globe|"
    r"eye)|eyes? ~6 (paintball|pellet|bb gun|air ?gun|airsoft)|(something|object|bits? of \w+) "
    r"~2 (stuck|embedded|lodged|sticking out) (in|of) (<poss> |the )?eye",
)
# The gaps may not hold a negation: "my eyes aren't red" is not a red eye.
EYE_RED_OR_PAINFUL = words(
    "red or painful eye",
    r"eyes?<gap4> (red|painful|pain|hurts|sore)|(red|painful) ~2 eye|pain (in|behind) (<poss> |"
    r"the )?(\w+ )?eyes?|bloodshot",
)
EYE_RED = words(
    "red eye", r"eyes?<gap4> (red|bloodshot)|red ~2 eyes?|red ~~4 (painful|sore) eyes?|bloodshot"
)
EYE_PAINFUL = words(
    "painful eye",
    r"eyes?<gap4> (painful|pain|hurts|hurting|sore|aching|agony|throbbing)|(painful|sore|aching|"
    r"throbbing) ~2 eyes?|(pain|ache|aching) (in|behind|around) (<poss> |the |one )?(\w+ )?eyes?",
)
GLAUCOMA_NAMED = diagnosis(
    "acute angle-closure glaucoma", r"(acute )?angle closure( glaucoma)?|acute glaucoma"
)
HALOS = words(
    "halos round lights",
    r"halos?|haloes|(rainbow|colou?r|colou?red) (rings|circles)|(rings|circles) (around|round) "
    r"(the )?(\w+ )?lights|(angle closure|"
    r"acute) glaucoma|fixed (mid )?dilated pupil",
)
SKIN_PEELING = words(
    "skin peeling or coming off",
    r"skin ~3 (coming off|peeling off|sloughing|falling off|in sheets)|in sheets|slough\w*",
    r"stevens johnson|sjs|toxic epidermal|erythroderm\w*|red all over|(whole body|all (of )?"
    r"<poss> skin) (has |is )?(gone |turned |become )?(bright |very )?red|(red|scaly|peeling|"
    r"flaky) ~4 from head to (toe|foot)",
    r"(blistering|blistered) ~2 (and )?peeling|peeling (and blistering )?skin|red (skin )?(over|"
    r"on) "
    r"(most|all) of (the|<poss>) body",
)
WIDESPREAD_BLISTERING = words(
    "widespread blistering",
    r"(widespread|all over|everywhere) ~2 blister\w*|blister\w* ~3 (all over|everywhere|"
    r"widespread)",
)
BLISTERS_OR_RASH = words(
    "blisters or a rash",
    r"blister\w*|rash|target (like )?(spots|lesions)|skin ~3 (peeling|coming off|shears?|"
    r"sloughing)",
)
# Sores at two of the mouth, the eyes and the genitals (SJS/TEN); one site is hand, foot and
# mouth, chickenpox, a cold sore or conjunctivitis.
MOUTH_SORES = words(
    "sores or blisters in the mouth or on the lips",
    r"(mouth|lips?)<gap3> (ulcer\w*|sores?|blister\w*|raw|crust\w*|peeling|bleeding|eroded)|"
    r"(?<!cold )(blisters?|ulcers?|sores) ~3 (mouth|lips?)|(crusted|eroded|raw|bleeding) lips",
)
EYE_SORES = words(
    "sore, red or crusted eyes",
    r"eyes?<gap3> (ulcer\w*|sores?|blister\w*|raw|crust\w*|peeling|stuck together)|(blisters?|"
    r"ulcers?|sores) ~3 eyes?|(sore|red) (red|sore) eyes|eyes ~3 red and sore|conjunctivitis",
)
GENITAL_SORES = words(
    "genital sores",
    r"genital\w* ~3 (ulcer\w*|sores?|blister\w*|raw|peeling)|(blisters?|ulcers?|sores) ~3 "
    r"(genital\w*|down below|private\w*)|genital ulcers",
)
# Blisters and skin coming away, more than a rash or a few spots.
SKIN_BLISTERING_OR_DETACHING = words(
    "blistering or skin coming away",
    r"(big|large|huge|flaccid|fluid filled) blisters|blistering (skin|rash)|skin (is )?blistering|"
    r"skin ~3 (peeling|coming off|shears?|sloughing)|blisters ~3 (shears?|peel\w*) off",
)
# A medicine just given, for the rule that already needs blistering and raw mucosa.
MEDICINE_GIVEN = words(
    "a medicine given",
    r"(had|took|given|after) (some |a |an |the |her |his |my )?(ibuprofen|nurofen|paracetamol|"
    r"calpol|antibiotics?|\w+cillin|\w+mycin)",
)
NEW_DRUG = words(
    "a new medicine (the usual causes of severe drug reactions included)",
    r"(started|starting|began|new|after (the |a |her |his |my )?(new )?) (\w+ )?(tablets?|"
    r"medicines?|medications?|drugs?|pills?|antibiotics?)|lamotrigine|carbamazepine|phenytoin|"
    r"allopurinol|co ?trimoxazole|sulfa\w*|sulpha\w*|nevirapine",
    # "started amoxicillin", not "started feeling fine".
    r"started (on |taking )?\w*(azole|mycin|cillin|floxacin|cycline|trigine|azepine|toin|purinol|"
    r"virapine)",
)
MUCOSAL_OR_DRUG = words(
    "mouth or eye involvement, or a new drug",
    r"mouth (ulcers|sores|blisters)|(red|sore|crusted) eyes|lips ~2 (crust\w*|peeling)|started"
    r" (a |an )?(new )?\w+|new (drug|medicine|medication|tablet)|anticonvulsant|allopurinol|"
    r"lamotrigine|carbamazepine|fever|shiver\w*",
)
