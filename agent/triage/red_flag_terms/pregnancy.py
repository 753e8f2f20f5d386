"""Red-flag concepts: pregnancy (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

HEAVY_VAGINAL_BLEEDING = words(
    "heavy bleeding",
    r"bleed\w* (heavily|a lot|loads|badly|so much)|heavy ~3 bleed\w*|(a lot|lots|loads)"
    r" of blood|soak\w* ~3 pads?|clots|(gush|gushing) of blood|ha?emorrhag\w*|pph|through "
    r"(\w+ )?pads|pad every (\d+|half an|an) (minutes|mins|hour)",
    r"bleeding<gap4> (heavy|heavier|pouring)|(filled|filling|gone through|going through|soaked) ~3 "
    r"pads?|blood (all over|everywhere)|soak\w* (through )?(<poss> )?(clothes|jeans|trousers|bed)",
    r"(blood|bleeding|its|it has|it) (has )?(come|came|gone|soaked) through (<poss> )?(clothes|"
    r"jeans|trousers|pants|knickers|leggings)",
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
    # One side low down, or in the note's iliac fossa.
    r"(sharp|severe|bad|stabbing|awful) pain low (down )?(on )?(the )?(left|right|one side)|"
    r"(r|l|right|left) iliac fossa|(rif|lif) pain",
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
    r"|(not|havent|hasnt|didnt) felt any (kicks|movements?)\b|(only|just) felt (her|him|(the "
    r")?baby) "
    r"(move|kick) (once|twice|(\d|one|two|three) times)\b"
    r"|(reduced|decreased|fewer|less|no|absent) (fetal|foetal) (movements?|kicks)|(fetal|foetal) "
    r"movements? (are |have been )?(absent|reduced|decreased)",
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
    r"(moved|moving|kicking|kicked) (far |much |a lot |way |a bit |a little |quite a bit )?less|"
    r"movements?<gap3> (reduced|slowed|dropped|decreased|changed)|(drop|reduction|decrease|"
    r"change) in (the )?(babys |fetal |foetal )?(movements?|kicks)|(hardly|barely) any (kicks|"
    r"movements?)",
    r"kicks (have |are |has )?(got|gotten|getting|been|gone|become) (a lot |much |really |so )?"
    r"(weaker|softer|fewer)",
    r"(baby|babys|baby is|baby has) (just )?(been |gone |is |has gone )?(really |very |so |much |"
    r"noticeably |unusually )?(quiet|quieter|still(?= ,|$| today\b| all day\b| since\b))",
    # "was really quiet all day yesterday and today" is now; "was quiet this morning but she's
    # kicking now" is not.
    r"baby (was|has been) (really |very |so |unusually |a bit )?(quiet|quieter)(?: (?!(?:but|"
    r"though|now|fine|ok|okay|moving|kicking|active)\b)\w+){0,5} (today|tonight|since)\b",
    # The note's shorthand: reduced or decreased fetal movements.
    r"(rfm|dfm)\b(?! (leaflet|information|info|advice|guidance|policy)\b)",
    # "I haven't felt her since breakfast", "not felt him move all day": the baby, by name or
    # pronoun, for a time. Starts with the negation itself, which is the finding.
    # Not "it" or "them", which may be a pain or the tightenings ("haven't felt it since").
    r"(havent|hasnt|not|didnt|cant|cannot|couldnt|dont) (felt|feel|feeling) (her|him|"
    r"(the |my |our )?baby)( move| moving| kick| kicking)? (at all|since|all day|today|this "
    r"(morning|afternoon|evening)|for (\d+|a few|a couple of|several|hours))",
    # "I don't think he's moved at all today".
    r"(dont|do not|didnt) think (hes|shes|he has|she has|(the |my )?(baby|babys|baby has))( been)? "
    r"(moved|moving|kicked|kicking)",
    # "she hasn't moved since last night", "he's barely kicked today"; only with a time or "at
    # all", not "he hasn't moved the car".
    r"(hes|shes|he|she)( has| is)? (not|hasnt|has not|isnt|hardly|barely)( been)? "
    r"(moved|moving|kicked|kicking)( much)?(?= ,|$| at all| today| tonight| since| all day| this"
    r" (morning|afternoon|evening)| for)",
    # "usually kicking like mad ... last night there was barely anything": the movements said
    # first, then how little there has been.
    r"(kick\w*|moving|movements?|moved|wriggl\w*)(?: \S+){0,12} (there (was|is|has been|s been|"
    r"have been)|theres( been)?|ive felt|i felt|felt|ive only felt) (barely|hardly) (anything|any "
    r"(kicks|movements?))\b",
)
# The baby moving as usual again now ("she's kicking away like normal now"): the rule stands
# down. Present tense only: "she was kicking like normal yesterday" is how a reduction is told.
MOVEMENTS_NORMAL_NOW = words(
    "baby moving normally again",
    r"(shes|hes|she is|he is|baby is|babys|its|theyre)( been)? (kicking|moving|wriggling)( away|"
    r" loads| lots| a lot| about)? (like normal|as normal|normally|as usual)\b(?! (but|except)\b)|"
    r"(kicking|moving|wriggling) (loads|lots|a lot) now\b(?! (but|except)\b)",
)
CONTRACTIONS_OR_WATERS = words(
    "regular contractions or waters broken",
    r"(tightenings?|contractions?|cramps|pains?)<gap4> every (\d+|few|couple of) (minutes?|mins?)|"
    r"regular ~2 "
    r"(contractions|tightenings)|(painful )?contractions|in labou?r",
    r"waters? ~3 (broke|broken|breaking|break|gone|went|burst)|gush of (clear )?fluid|leaking "
    r"(clear )?fluid|rupture\w* (of )?(the )?membranes|pprom|srom",
)
