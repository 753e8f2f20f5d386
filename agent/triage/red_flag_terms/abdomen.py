"""Red-flag concepts: abdomen, urinary and genital (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

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
    r"(not|hasnt|havent|hadnt) (been|pooed|gone) (or|nor) (passed|farted) (wind|gas)",
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
    r"(pain|hurts?|hurting|agony) ~3 his (privates|private parts|down there)",
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
    r"erection|priapism|hard on|boner|stiffy|(blue pills?|one of those pills|those pills|viagra|"
    r"sildenafil|cialis|tadalafil) ~~8 "
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
    r" (any )?(urine|water|a wee) (since|all day|all night)|(cant|cannot|couldnt) (go|wee|"
    r"pee) at all",
    # "I've not passed water since six", "he's not done a wee all day" ("not had any water" is
    # drinking, so not "had"); "cant past urine" is how the recogniser hears "can't pass".
    # Not "for my sample", nor "a wee in the potty".
    r"(not|hasnt|havent|has not|have not|hadnt|not yet) (passed|done) (any )?(urine|water|a wee|a "
    r"pee) (since|all (day|night|morning)|for(?! (my|the|a|your) (sample|test|specimen))|in (\d|"
    r"hours|ages))|(cant|cannot|couldnt|unable to) past (urine|"
    r"water)",
    # Trying and nothing comes: "trying to wee all morning and nothing comes" (not "on the loo
    # and nothing comes", which is also constipation; not a Scottish "wee bit").
    r"(wee(?! bit)|pee|urinate|pass (urine|water))(?: (?!(?:sample|pot|potty|specimen)\b)\S+){0,6} "
    r"nothing (comes|came|is coming|"
    r"will come|happens|coming)",
    # "I can't go" with the bladder named in the same breath ("I can't go, it's been 11 hours,
    # my bladder feels like it's going to pop"); a bare "can't go" is also constipation.
    r"(cant|cannot|couldnt) go(?= ,|$| at all| now| still)(?: \S+){0,8} bladder(?! (scan|clinic|"
    r"test|appointment))",
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
    # "since about six this morning", "since 6 oclock"; "I'm bursting", "it hurts down low", "my
    # bladder feels like it's going to pop", "tummy tight as a drum".
    r"since (about |around )?(\d+(?! (minutes?|mins?|seconds?|secs?)\b)|midday|lunch ?time|"
    r"breakfast)( oclock| am| pm)?( this morning| last night| yesterday)?",
    r"(im|hes|shes|i am|he is|she is) (absolutely |really |just )?(bursting|busting)|(hurts|pain|"
    r"aching|agony) (right )?down low|(bladders?|<belly>) ~4 (pop|burst|explode|tight as a drum|"
    r"hard as a rock)",
)
