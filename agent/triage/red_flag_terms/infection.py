"""Red-flag concepts: infection, fever and metabolism (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

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
CHEMOTHERAPY = words(
    "on chemotherapy",
    r"chemo\w*|neutropeni\w*|cancer treatment|on treatment",
    # How the recogniser hears "chemo" ("he's on key mo").
    r"(key|kee) mo|kemo|keemo",
    # The chemotherapy drugs a caller names instead of saying "chemo" (taxanes, platins,
    # anthracyclines, fluoropyrimidines and the common regimens); tablets too (capecitabine).
    r"(doce|pacli|cabazi)taxel|(cis|carbo|oxali)platin|(doxo|epi|dauno|ida)rubicin|capecitabine|"
    # Not fluorouracil (5-FU) cream for the skin, which does not lower the blood count.
    r"gemcitabine|cytarabine|decitabine|cyclophosphamide|mercaptopurine|xeloda|taxol|taxotere|"
    r"vincristine|etoposide|irinotecan|temozolomide|folfox|folfiri|r ?chop",
)
SEVERE_DEHYDRATION_SIGN = words(
    "severe dehydration sign",
    # The gaps may not hold a negation: "her soft spot isn't sunken" is not a finding.
    r"sunken (eyes|fontanelle|soft spot)|(eyes|fontanelle|soft spot)<gap3> (sunken|sunk( in)?|"
    r"dipped|caved( in)?)|(cries|crying)"
    r" (with )?(no|without) tears|no tears|(eyes|soft spot|fontanelle) (have |has )?gone (in|"
    r"sunken)\b",
    # "the soft spot on her head's gone dipped in": the gap may not hold a negation.
    r"(soft spot|fontanelle)<gap5> (sunken|sunk|dipped|caved|sinking|dented|hollow)(?! when (shes|"
    r"hes|she is|he is) (upright|sitting|held|standing)\b)|(dipped|"
    r"dented|hollow) (in )?(soft spot|fontanelle)",
)
# "Her eyes go in", said with vomiting or diarrhoea (alone it may be a squint).
EYES_GO_IN = words("eyes going in", r"eyes (go|going) in\b(?! (when|if|as)\b)")
NO_URINE_LONG = words(
    "no urine for many hours",
    r"(no|hasnt had a|havent had a|not had a|no wet|without a) wet (nappy|nappies|diapers?) ~5 "
    r"(since (last night|yesterday)|for <hours12> hours|in <hours12> hours|all day)",
    r"(hasnt|havent|not) (peed|weed|urinated|passed urine) (in|for|since) (<hours12> hours|"
    r"yesterday|last night|all day)|(hasnt|havent) (peed|weed) all day",
    # "her nappy's been dry since last night", "dry nappies all day"; "not pee all day" as a
    # caller with little English says it.
    r"(nappys?|nappies|diapers?)<gap3> (been |gone |stayed |bone )?dry (since (last night|"
    r"yesterday)|for <hours12> hours|all day|overnight)|dry (nappy|nappies|diapers?) (since (last "
    r"night|yesterday)|for <hours12> hours|all day)",
    # "no pee in nappy for 13 hours", as a caller with little English says it.
    r"no (pee|wee|urine) in (the |her |his |a )?(nappy|nappies|diapers?) (since (yesterday|last "
    r"night)|for <hours12> hours|all day)",
    r"(not|no|hasnt|havent|didnt|doesnt) (pee|wee|urinate|pass urine|peeing|weeing) (all day|"
    r"since (yesterday|last night)|for <hours12> hours|in <hours12> hours)",
)
DIARRHOEA_OR_VOMITING = words(
    "vomiting or diarrhoea",
    r"<vomit>|vomiting|diarrh\w*|runny poo\w*|gastro\w*|loose stools",
    # What a parent calls it: "a tummy bug", "the sickness bug", "d and v".
    # Not the rotavirus vaccine, nor a bug that is over ("had the d and v bug, all better now").
    r"((tummy|stomach|sickness) bug|norovirus|rotavirus|d (and|&) v( bug)?)\b(?! (vaccin\w*|jab|"
    r"drops|immuni\w*)\b|( bug)?( ,)? (all |now |its )?(all )?(better|gone|over|cleared)\b)",
)
KETONES_HIGH = words(
    "blood ketones 3 or more",
    # "key tones" is how the recogniser often hears "ketones".
    r"(ketones?|key ?tones?) ~3 ([3-9](\.\d)?|\d\d)(?! ?(weeks|days))|(large|high|big) ketones|"
    r"(ketones?|key ?tones?) ~2 "
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
