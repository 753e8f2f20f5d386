"""Red-flag concepts: breathing and airway and allergy (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

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
    # Not "is he not breathing through his mouth?" (a blocked nose).
    r"(not|isnt|stopped|no longer|hasnt been|stops|stopping) (even )?breathing(?! (through|"
    r"out of|in through) (<poss> |the )?(mouth|nose))|(dont|do not) "
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
    r"thing|machine|monitor|meter|clip|"
    r"about|just|down to|dropped to|dropping to|its|s)){0,3} ([1-8]\d|9[01])%?(?![\d.])(?! (years?|"
    r"yrs?|hours?|hrs?|days?|minutes?|mins?|litres?|l|times)\b)",
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
    r"asthma (\S+ ){0,4}blue ones? (\S+ ){0,2}(not (working|helping|doing (anything|much|a "
    r"thing))|doing nothing)",
    r"(inhaler|puffer|ventolin|salbutamol|albuterol|nebuli[sz]er|reliever|blue pump)"
    r"(?: \S+){0,6} (not working|isnt working|doesnt work|not helping|isnt helping|doesnt help|"
    r"no help|no difference|wont help|didnt help|not touching|not doing (anything|much|a thing)|"
    r"doing nothing)",
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
    r"(high|high pitched|squeaky|crowing|whistling) (\w+ )?(noise|sound) (\w+ )?breathing in",
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
    r"(ate|eat|eaten|eating|had) (\w+ ){0,3}(with|containing) (nuts?|peanuts?|sesame|egg|"
    r"shellfish|prawns?)\b",
    r"(after|since) (eating |having |trying )?(a |an |the |some |his |her |my )?(\w+ )?(nuts?|"
    r"peanuts?|cashews?|shellfish|shrimp|prawns?|eggs?|sesame|satay|crab|lobster|mussels)\b",
)
STING = words("insect sting", r"sting|stung|bee|wasp|hornet|insect bite")
ALLERGY_SKIN = words(
    "hives or facial swelling",
    r"hives|welts|wheals|urticaria|(face|lips?|eyes|eyelids|mouth) ~3 (swell\w*|swollen|puff\w*|"
    r"blow\w* up)",
    r"swell\w* ~3 (face|lips?|eyes)|rash all over",
    r"(lips?|eyelids|mouth) (\w+ )?(are |is |gone |have gone |got )?(very |so |really )?(big|huge|"
    r"massive|fat)\b",
)
ALLERGY_AIRWAY_SIGN = words(
    "throat, voice or breathing involved",
    r"throats? ~3 (tight\w*|closing|swell\w*|swollen|itchy)|tight\w* in (<poss> )?throat",
    r"(tongue|lips and tongue) ~2 (swell\w*|swollen)|hoarse\w*|stridor|wheez\w*",
    r"(difficulty|trouble|hard|cant|cannot) (to )?(swallow\w*|<breathe>)|short of breath",
    r"struggling to <breathe>",
    # The voice changing is the larynx swelling: "voice now husky", "gone croaky".
    r"voice<gap3> (husky|croaky|raspy|hoarse|muffled|changed|different|gone funny|gone weird|"
    r"strange)(?! "
    r"from (shouting|singing|cheering|talking|screaming|smoking|a cold|my cold|the cold))",
)
ALLERGY_CIRCULATION_SIGN = words(
    "faint, floppy or low blood pressure",
    r"dizz\w*|faint\w*|light ?headed|pale and floppy|floppy|collaps\w*|pass(ed)? out",
    r"(bp|blood pressure) ([4-8]\d|9\d)/\d+|hypotensi\w*",
)
