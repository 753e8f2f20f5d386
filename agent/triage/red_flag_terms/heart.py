"""Red-flag concepts: heart and circulation (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

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
    r"(backs|back is|backs been|back has been)<gap2> (really |very |so )?(bad|sore|killing (him|"
    r"her|me))",
)
CLOT_RISK_STRONG = words(
    "recent surgery, long travel or a swollen calf",
    r"(surgery|operation|op|replacement|c section|caesarean) ~3 (last|ago|days|weeks|week)",
    r"\d+ (days?|weeks?) (after|since|post) (<poss> |a |the )?(\w+ )?(surgery|operation|op|"
    r"replacement|c section|caesarean|section)",
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
# Pieces of a blood pressure said digit by digit or in pairs (see `BP_CRISIS`): 180 to 299,
# 120 to 199, and any reading of two or three figures.
_SYSTOLIC_180_SAID = (
    r"1[89]\d|2\d\d|one (8\d|9\d|[89] (\d|oh|o))|2 (oh|o|0|zero) \d|2 [1-9]\d|2 one (\d|oh|o)"
)
_DIASTOLIC_120_SAID = r"1[2-9]\d|one ([2-9]\d|[2-9] (\d|oh|o))"
# "two fifteen over twenty minutes" is a time.
_NOT_A_DURATION = r"(?! ?(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|%))"
_PRESSURE_SAID = (
    r"\d{2,3}|one (\d\d|\d (\d|oh|o)|oh \d|o \d|one \d)|2 (oh|o|0|zero) \d|2 [1-9]\d|2 one \d"
)
BP_CRISIS = words(
    "blood pressure 180/120 or more",
    r"(1[89]\d|2\d\d)/\d{2,3}|\d{2,3}/(1[2-9]\d)|hypertensive (crisis|emergency|urgency)",
    r"malignant hypertension",
    # Read out the way a cuff reading is said, which the number reader leaves in pieces: "one
    # ninety six over one twenty two" is `one 96 over one 22`, "two oh eight over one two four"
    # is `2 oh 8 over one 2 4`, "one ninety over ninety five" is `one 90/95`. A systolic of 180
    # or more over anything, or anything over a diastolic of 120 or more ("one forty over one
    # ten" is 140/110 and does not count).
    rf"({_SYSTOLIC_180_SAID})( over |/)({_PRESSURE_SAID}){_NOT_A_DURATION}",
    rf"({_PRESSURE_SAID})( over |/)({_DIASTOLIC_120_SAID}){_NOT_A_DURATION}",
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
