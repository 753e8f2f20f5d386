"""Red-flag concepts: brain and nerves and consciousness (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

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
    r"(talking|speech|speaking) (is |s )?(like|as if) (hes |shes |he is |she is )?(\w+ )?drunk",
    r"(cant|cannot|couldnt|unable to) (speak|talk) (properly|clearly|right)|expressive",
)
ONE_SIDED_WEAKNESS = words(
    "one-sided weakness or numbness",
    r"(one|1|left|right) (side|sided)(?: \S+){0,3} (weak\w*|numb\w*|paraly\w*|heavy|floppy|"
    r"tingl\w*|dead|droop\w*|wont work|not working)",
    r"(left|right|one) (arms?|legs?|hands?|sides?)(?: \S+){0,3} (weak\w*|numb\w*|heavy|"
    r"drift\w*|limp|floppy|dead|paraly\w*|wont move|gave way|useless)",
    r"<cant> (lift|move|raise|feel|use) (<poss>|the) (left|right) (arm|leg|hand|side)(?! (entrance|"
    r"door|exit|lane|turn|car park|corridor|drawer|side)\b)",
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
    # "a thumping head", "my head's pounding" (`heads pounding`).
    r"(thumping|throbbing|banging) head\b|(head|heads)( is| s| has been| been)? (really |so )?"
    r"(pounding|thumping|throbbing|banging|splitting|killing (me|him|her))",
    r"(head|skull) ~~3 (exploded|exploding|burst\w*)",
    r"like (a |an |being )?(\w+ )?(hit|struck|smacked|whacked|kicked|clubbed) ~2 (the )?(back|"
    r"side|top) of (<poss> |the )?head",
)
WORST_OR_SUDDEN_SEVERE = words(
    "worst ever, or sudden and severe",
    r"worst (\w+ )?(headache|pain) ~3 (ever|of (my|his|her|their) li(fe|ves))",
    r"worst (\w+ )?(headache|pain) (i|ive|shes|hes|she|he) (ever|has ever|have ever)",
    r"(worst|worse) (i|ive|shes|hes) ever (had|felt)|(sudden\w*|instant\w*|abrupt\w*) ~~2 "
    r"(severe|explosive|excruciating|terrible|worst|blinding) ~~3 (headache|head pain|pain)",
    r"explosive|(peak\w*|max\w*) (with)?in (a|1|one|a few) (minute|seconds?)|peak\w* (with)?in "
    r"seconds|(peak\w*|maximal|max) (with)?in \d+ ?(s|secs?|seconds)\b|came on in a second|"
    r"(came on|hit|started) ~2 (in|within) (seconds|a second|a minute)",
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
    r"(all over|uncontroll\w*)|(still|been|keeps|kept|started) jerking",
    # The fit described: stiff, then jerking ("he went stiff and jerky"), not "stiff and sore"
    # nor legs "stiff and twitchy" at night; "a shaking turn", as a parent or a carer says it.
    r"(went|gone|goes|go) (all )?(stiff|rigid) and (jerky|jerking)|(jerking|jerky) and (stiff|"
    r"rigid)",
    r"shaking turns?",
)
# A febrile convulsion as parents name it ("a fever fit", "another febrile fit"). Apart from
# `SEIZURE` because it is a young child's: the pregnancy rules do not read it as the mother's.
FEBRILE_SEIZURE = words(
    "febrile seizure", r"(fever|febrile|temperature|temp) (fits?|seizures?|convulsions?)"
)
# Shaking or jerking said with a duration of five minutes or more is a fit that needs an
# ambulance whatever its cause; someone else is the one shaking ("she's been shaking for six
# minutes"), not the caller's own "I've been shaking for ten minutes" (fear, cold, a panic).
SHAKING_FOR_MINUTES = words(
    "shaking or jerking for five minutes or more",
    r"(he|she|hes|shes|baby|babys|child|son|daughter|boy|girl|toddler|they|theyre)( is| has| was"
    r"| s| are| have)?( been)? (shaking|jerking|fitting|convulsing|having (a )?(fit|seizure|"
    r"convulsion)s?)( all over| nonstop| non stop| constantly)? (for|over)"
    r" (about |around |nearly |almost |over |more than |at least |a good |the past |the last )?"
    r"(([5-9]|[1-5]\d) (minutes|mins)|half an hour|an hour)\b",
    # "it's been five minutes and he's still shaking".
    r"been ([5-9]|[1-5]\d) (minutes|mins) and (hes|shes|he is|she is|the baby is|babys|theyre) "
    r"still (shaking|jerking|fitting|convulsing)",
)
# Shaking that is shivering (rigors with a fever, cold), a tremor, alcohol withdrawal, or the
# shaking person's panic or fright (a caller's own "I'm panicking" or "I'm scared" is not).
SHIVERING_OR_TREMOR = words(
    "shivering, cold, a tremor or a panic attack",
    # Not "cold hands and feet", common in a febrile child's fit.
    # A tremor after a reliever inhaler (salbutamol) is its side effect.
    r"shiver\w*|chills|rigou?rs|teeth (are )?chattering|hypotherm\w*|tremors?|parkinson\w*|"
    r"withdraw\w*|salbutamol|ventolin|albuterol|inhaler",
    r"(hes|shes|he is|she is|theyre|having|had|has) (a |an )?(panic|anxiety) attacks?|(hes|shes|"
    r"he is|she is|theyre|they are)( so| really| very)? (panicking|anxious|hyperventilating|"
    r"terrified|in shock)",
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
    r"not really waking|(hasnt|havent|not|didnt) (properly|fully) (woken|woke|come|came) (up|"
    r"round|around|to)|([2-9]|several|multiple) (fits|seizures) (today|tonight|this (morning|"
    r"afternoon|evening)|in (an|1|\d+) hours?)|(still|now) (confused|"
    r"drowsy|very sleepy|not making sense)|not making sense|very sleepy|wont wake|(cant|cannot|"
    r"couldnt) (wake|rouse) (him|her|them)",
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
# Consciousness
# ---------------------------------------------------------------------------------------------

UNRESPONSIVE = words(
    "not responding normally",
    r"unresponsive|un responsive|on responsive|non ?responsive|unconscious\w*|out cold",
    r"(wont|will not|cant|cannot|can not|couldnt|unable to|not|isnt|hasnt been) (wake|waking|"
    r"rouse|rousing|be (woken|roused|awakened))( (him|her|them|it|up))?(?!( up)? (<poss>|the) "
    r"(brother|sister|baby|dad|mum|mom|husband|wife|son|daughter|kids?|children|family|"
    r"neighbours?)\b)|"
    r"not waking( up)?",
    r"(cant|cannot|couldnt) (get|make) (him|her|them) (to )?(wake|respond)|cannot be (roused|"
    r"woken)|unrous\w*|unarous\w*|comatose|coma\b",
    # "not responding to her usual triptan" is about a medicine; "to my voice" is a finding.
    r"(wont|will not|not|isnt|doesnt|does not|didnt|no) (respond\w*(?! to (<poss> |the |any )?"
    r"((usual|new|regular|prescribed|current|blue|brown|oral|iv|rescue|pain|asthma|heart) )?"
    r"(treatment|medic\w*|tablets?|pills?|antibiotics?|triptans?|painkillers?|inhalers?|emails?|"
    r"texts?|messages?|calls?|letters?|"
    r"drugs?|creams?|drops|paracetamol|ibuprofen|physio\w*|steroids?))|response|answer\w* (me|us)"
    r"<away>|answering (me|us)<away>)|(hes|shes|he is|she is) not (really|properly) (answering|"
    r"responding) (me|us|to (me|us))|minimal response|(only )?(groans|responds|moans|reacts) "
    r"(only )?to (a )?(pain|painful|firm)|not answering me<away>|wont answer",
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
