"""Red-flag concepts: limbs, eyes and skin (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

ONE_LIMB = words(
    "one limb",
    r"(<poss>|the|left|right|one) (leg|arm|hand|foot|forearm|calf)(?!s)|(<poss>|the|left|"
    r"right|one) (leg|arm|hand|foot)|(left|right|r|l|rt|lt) (legs?|arms?|hands?|foots?)|"
    r"(mums|moms|dads|nans|grans|husbands|wifes|sons|daughters|partners) (leg|arm|hand|foot)\b",
)
LIMB_COLD = words(
    "cold limb",
    r"(legs?|arms?|hands?|foots?|forearm|toes|fingers)(?: \S+){0,4} (cold|freezing|icy)|"
    r"(cold|freezing)(?: \S+){0,6} (leg|arm|hand|foot|forearm)|cold (below|above|from) the "
    r"(knee|ankle|elbow|wrist|thigh)",
)
LIMB_PALE = words(
    "pale or white limb",
    r"(legs?|arms?|hands?|foots?|forearm|toes|fingers)(?: \S+){0,4} (white|pale|blue|mottled|grey)|"
    r"(white|pale)(?: \S+){0,6} (leg|arm|hand|foot|forearm)",
)
PULSELESS = words(
    "no pulse in the limb",
    r"no pulse|pulseless|(cant|cannot) (feel|find) (a |the )?pulse",
    r"no (pedal|foot|radial|distal|dorsalis pedis|femoral|popliteal) pulses?|"
    r"pulses? (absent|not palpable|impalpable)",
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
# Blurred or fuzzy sight, which only counts with a very high blood pressure: "my eyes have gone
# blurry", "things look fuzzy"; not "vision normal", and the gap may not hold a negation.
VISION_BLURRED = words(
    "blurred or fuzzy vision",
    r"(blurr\w*|fuzzy|misty|hazy|smeary) (vision|eyes?|sight|eyesight)",
    r"(visions?|eyes?|sight|eyesights?|things|everythings?)<gap3> (blurr\w*|fuzzy|misty|hazy|"
    r"smeary|double(?! check))|seeing (double|spots|stars|flashes)",
)
CURTAIN_OR_FLASHES = words(
    "curtain or shadow over the vision",
    r"(curtain|shadow|veil|shade|black out)(?: \S+){0,4} (vision|eye|sight|over|across)|"
    r"detached retina|retinal detachment|central retinal|amaurosis",
    r"(shadow|curtain|veil) (spreading|creeping|moving|growing|coming)",
    r"lost (the )?(top|bottom|upper|lower|left|right) (half|part|side) of (<poss> )?(vision|sight|"
    r"what (i|he|she) (can )?see)",
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
# Up to 14 words in one clause, none of them a negation ("strimming the verge and a stone
# flicked up into my eye", not "strimming, nothing went in my eye").
_NO_NEGATION_14 = (
    # Nor a stye or dust: a tool beside a stye is no injury ("drilling all week, now a stye").
    r"(?: (?!(?:no|not|nothing|never|without|didnt|wasnt|hasnt|dont|doesnt|isnt|wouldnt|stye|sty|"
    r"styes|dust|sawdust)\b)"
    r"[\w.%/]+){0,14}"
)
# Where something went: "into my eye", "to R eye", "in his left eye".
_INTO_EYE = (
    r"(in|into|to|hit (me |him |her )?in|hit|went in|caught) (<poss> |the |r |l |rt |lt |right |"
    r"left |one )?"
    r"(left |right )?eyes?\b"
)
PENETRATING_EYE = words(
    "penetrating or high-velocity eye injury",
    # Power tools and strimmers throw debris at speed: the tool, then something reaching the
    # eye in the same clause. A strimmer with no eye named is not an eye injury.
    # Not teeth grinding, a fire drill, "got hammered" (drunk), nor the lawnmower's pollen or
    # dust (a mower counts below when it throws a stone).
    rf"(strim\w*|weed ?(eater|whacker|wacker)|brush ?cutter|chainsaw|angle grinder|grind\w*"
    rf"(?! (<poss> )?teeth)|(?<!fire )drill\w*|hammer(ing)?|chisel\w*|nail gun|power tool)"
    rf"{_NO_NEGATION_14} {_INTO_EYE}",
    # Debris thrown up at speed ("a stone flicked up into my eye", "a chip of metal shot into
    # his eye"), not dust blowing in, grit found there or "a bit of shampoo".
    rf"(stones?|pebbles?|gravel|debris|metal|chip of \w+|fragment|shard|splinter|wood|concrete|"
    rf"brick|glass)( \w+){{0,3}} (flicked|flew|shot|pinged|fired|ricochet\w*|catapulted)( up)?"
    rf"( off( \w+){{0,2}})?( and)? {_INTO_EYE}",
    # The eye first, then the tool: "got a bit of metal in my eye while grinding".
    rf"{_INTO_EYE} (while|when|whilst) (he was |she was |i was |we were )?(strim\w*|drill\w*|"
    rf"grind\w*(?! (<poss> )?teeth)|hammering|chisel\w*|using (a|the|<poss>) (strimmer|drill|"
    rf"grinder|chainsaw|nail gun|power tool))",
    # "blood visible in front of the iris" (hyphaema).
    r"blood (visible |sitting |pooling |collecting )?(in front of|over|across|covering) (the |"
    r"<poss> )?(iris|pupil|coloured part)",
    r"(metal|glass|wire|stick|nail|dart|pencil|knife|shard|splinter|firework)(?: \S+){0,5} "
    r"(in|into|hit|to) (<poss> |the )?(\w+ )?eyes?|poked (in|into) (the |his |her |my )?eye"
    r"(?! (by|with) (\w+ ){0,2}(fingers?|fingernails?|hands?)\b(?! (drill|saw|tool|fork|rake|"
    r"trowel)))|"
    # Grinding or hammering only with something in the eye, not grinding coffee.
    r"flew into (<poss> )?eye|(grinding(?! (<poss> )?teeth)|grinder|hammering|chisel\w*|drilling)"
    r"(?: \S+){0,8} eyes?\b|"
    r"hit in the eye by a (firework|pellet|bb)",
    r"(layer|level|pool) of blood (\w+ )?(in|at)|blood (visible |sitting |pooling )?(at|in) the "
    r"(bottom|front) of (the |<poss> )?(iris|eye|pupil)",
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
    r"halos?|haloes|(rainbow|colou?r|colou?red) (rings|circles)|(rings|circles) (of colou?rs? )?"
    r"(around|round) (the )?(\w+ )?lights?\b|(angle closure|acute) glaucoma|fixed (mid )?dilated "
    r"pupil",
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
