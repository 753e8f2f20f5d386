"""Red-flag concepts: mental health (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import words

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
    r"(tonight|today) (i|ill|i will|im going to|i am going to|im gonna) end (it|"
    r"everything)( all)?\b(?! (with|off|early|for)\b)",
    # Non-native and blunt ways of saying it: "I want to finish my life", "I am not wanting
    # to live", "ending it tonight" (not "ending it with him tonight").
    r"finish (my|his|her) (own )?life\b(?! story)|(am|im|is|hes|shes) not wanting to (live|"
    r"be alive)\b|(ending|end) it (all )?(tonight|today|this weekend)\b",
    # Where and how, said as a plan: onto the line, off the platform, into a bridge support.
    # Not "wants to step onto the bus" or "will walk out in front of the traffic" (dementia).
    r"(going to|gonna|want to|came here to|come here to|came up here to) (walk|step|throw (myself|"
    r"himself|herself)|lie down|lay down) ((off|onto|on to) (the |a )?(edge|ledge|platform edge|"
    r"railway line|line|tracks?|roof)|(in front of|under) (the |a )?(next )?(train|lorry|"
    r"truck))\b(?! (with|for|to get)\b)",
    # Driving into something on purpose, not "scared I'll crash into a tree if I have a hypo".
    r"(going to|gonna|will|ill|hell|shell|plan\w* to) drive (\w+ ){0,2}(into|off) (a |"
    r"the )?(bridge|wall|tree|lorry|truck|cliff|river|pillar|oncoming)\b(?!(?: \S+){0,4} if\b)",
    r"(want|wants|wanted) to stop (living|being alive)\b|came (here |up here |out here )?to (jump|"
    r"die|end it)\b(?! (the|in|on|into|up)\b)|open (<poss> )?(wrists|veins)\b",
    r"(not|never) (coming|going to come) out (of (there|here|it) )?alive",
    # Clinical shorthand: SI is suicidal ideation.
    r"\bsi (with|w) (a )?(plan|intent)|active si\b|suicidal ideation with (a )?(plan|intent)|"
    r"(states|stated|with) intent to (repeat|try again|end (his|her) life)",
    # Gone to water or a height and not coming back.
    # Not "off to the sea and not coming back until the 14th".
    r"(river|sea|lake|reservoir|quarry|bridge|cliffs?|railway|tracks)( \w+){0,4} (and )?(not|"
    r"never) (come|coming) (back|home)\b(?! (until|till|til|before|for|on|to|tomorrow|next|after|"
    r"later|by|in|at)\b)",
)
SUICIDE_PREPARATIONS = words(
    "suicide preparations",
    # Letters to the family or goodbye, not "a letter to the council".
    r"(written|wrote|writing) ~3 (letters?|notes?) (to|for) (all (of )?)?(us|them|everyone|"
    r"everybody|(<poss> |the )?(family|children|kids|wife|husband|partner|parents|mum|mom|dad|son|"
    r"daughter|sister|brother|loved ones))|(written|wrote|writing) ~3 goodbye|goodbye (note|letter|"
    r"message|text)",
    # Not "I said goodbye to mum this morning": said goodbye counts only as the caller's own
    # goodbyes (below) or beside the means or a place.
    r"(texted|messaged|sent|sending|posted|posting) ~3 goodbye|goodbye (messages|notes|letters|"
    r"texts|posts)",
    # Giving away treasured things: someone else's ("given away his guitar"), or the caller's
    # own belongings or pet; not "gave away a prize", "my appointment" or "my old pram".
    r"(gave|given|giving) away (all (of )?)?((his|her|their) (?!(appointment|slot|place|seat|"
    r"booking|tickets?|secrets?|surprise|age|old|spare|unwanted|outgrown)\b)\w+|my (things|stuff|"
    r"belongings|possessions|pets?|dog|cat)|everything)",
    # Saved or hoarded pills, not "saved my prescription" or "saved up for a holiday".
    r"(saving|saved) up (<poss> |enough |all (<poss> |the )?)?(\w+ )?<meds>|(hoard\w*|"
    r"stash\w*) (<poss> |all (<poss> |the )?)?(\w+ )?<meds>",
    # Pills ready to hand, not "are my tablets ready for collection".
    r"stockpil\w*|(pills|tablets) in <poss> hand|(rope|noose|gun)s? (is |are )?(ready|set up)\b|"
    r"have the (pills|means)|has the means|bought (a )?rope",
    # Looked up ways to die, not "looked up how many ibuprofen I can take".
    r"(looked|looking|look) up (suicide )?(methods|ways (to|of) (die|dying|kill\w*|end\w*))|"
    r"(looked|looking|look) up how to (kill|die|end|hang|overdose)",
    # Searching for a lethal dose, not "how many paracetamol I can take a day".
    r"(look\w* up|search\w*|googl\w*|research\w*) (online )?how (many|"
    r"much) (\w+ ){0,3}(it would take|would (it )?take|would kill|to kill|to die|(is|would be|"
    r"are) (lethal|fatal|deadly|an overdose))(?! to (get|help|work|bring|clear|stop|ease|kick))",
    r"research\w* (suicide )?(methods|ways to die)|bought (a )?(hose ?pipe|charcoal)",
    # Cancelling all future care because it will not be needed.
    r"cancel\w* ~3 all (<poss> )?(appointments|future appointments)(?: \S+){0,5} (wont|"
    r"will not) be needing( them| it)?(?!( them| it)? (as|because|since|cos|cause|now that|"
    r"after)\b)",
    r"going to take them all|take them all|(will|going to|gonna) take (all of them|the lot)",
    # Hanging and other means already set up.
    # Not a ward's "ligature risk assessment", nor stones brought back from the beach.
    r"noose|ligature\b(?! (risk|point|free|assessment|audit))|"
    r"stones in (<poss> )?(coat )?pockets (\w+ ){0,3}(water|river|sea|canal|lake|lock|edge)|(water|"
    r"river|sea|canal|lake|lock|edge) (\w+ ){0,6}stones in (<poss> )?(coat )?pockets",
    r"(hose ?pipe|hose|tube) (\w+ ){0,3}(to|on|in|into|from) (the |his |her |my )?(car )?exhaust",
    # Engine running in a shut garage, or sleeping in the car with it on; not waiting in the car.
    r"(sat|sitting|sit|locked) (\w+ )?in (the |a |his |her |my )?car in (the |a )?(closed |"
    r"shut )?garage ~~4 (engine|motor) (running|on)\b|sleep\w* in the car with the (engine|"
    r"motor) (on|running)",
    # Pills all counted out in front of the caller, not a carer's or pharmacist's dosette box;
    # which tablets "would do it".
    r"(pills|tablets) (are )?all counted out (on|in front)\b(?!(?: \S+){0,4} (dosette|box|week|"
    r"carer|pharmacist)\b)",
    r"(which|what|how many) (<meds>|pills) (would|will) do it(?= ,|$| and\b)",
    r"(ive|i have) said my goodbyes(?! to)",
    r"(sent|posted) (a |her |his |my )?(farewell|goodbye) (email|e mail|video|post|"
    r"voicemail)\b(?! (to|for) (the|a|my|our) (team|office|colleagues?|work|class|staff|"
    r"department)\b)",
    r"(wont|will not) be needing (them|it|any (more )?appointments|anything) (after|past|"
    r"beyond) (tonight|today)\b",
)
# Treasured things given away to friends: a warning only beside low mood or "sorry for everything".
GIVING_THINGS_AWAY = words(
    "giving treasured things away, or putting affairs in order",
    r"(gave|given|giving) (his|her|their|my) (\w+ ){1,6}away to (friends|his friends|her friends|"
    r"people|mates)",
    # An older caller sorting out a will is everyday: it counts only beside the rest.
    r"(gave|given|giving) (all )?(his|her|their|my) (things|stuff|belongings|possessions) away",
    r"(sorted|sorting) (out )?(his|her|my|their|the) (will|affairs)|(his|her|my|"
    r"their) affairs in order",
)
SUICIDAL_THOUGHTS = words(
    "suicidal thoughts",
    r"suicid\w*|(thoughts|thinking|thought) (of|about) (suicide|killing|ending|dying|death)",
    r"better off without (me|him|her)|wish (i|he|she) (was|were) dead|wish (i|he|"
    r"she) wouldnt wake up|self harm|harm (myself|himself|herself)|hurt\w* (myself|himself|"
    r"herself)|(a )?burden",
    # The recogniser's "suicide".
    r"sewer ?side|sue ?a ?side",
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
    r"standing on|sat on|sitting on|from the top of|on the edge of|at the edge of|up to|"
    r"right up to) (the |a |top of the |the top of the |the edge of the |the top (floor|level|"
    r"deck) of the )?(bridge|roof|rooftop|railway( line| track)?|train tracks?|tracks|"
    r"cliffs?( edge| top)?|cliff ?tops?|ledge|multi ?storey|car park roof|balcony rail\w*|"
    r"foot ?bridge|(\w+ )?(suspension|motorway|railway|river|road) bridge|quarry|reservoir|"
    r"canal( lock)?|platform edge|top of (the )?(car park|multi ?storey|building|flats|"
    r"tower))(?! of (<poss> |the |a )?(nose|mouth|foot|feet|glasses|tongue)\b| club\b)",
)
CANNOT_GO_ON = words(
    "says they cannot go on",
    r"(cant|cannot) (do|take|cope with|go on with|keep doing|keep going with) (this|it)( anymore|"
    r" any more)?|(cant|cannot) go "
    # "had enough" and "want it to stop" only said of everything: "I've had enough of this
    # eczema" and "I just want it (the migraine) to stop" are not; nor "can't go on walking".
    r"on\b(?! \w+ing\b)|no point (in )?(going on|carrying on|living)|had enough(?= ,|$| now\b)|"
    r"had enough of (everything|it all|life|living)|no point (anymore|any more|in (living|going on|"
    r"anything|carrying on))|(want|wants) it all to (end|stop)|(want|wants) it to (end|stop)(?= ,|"
    r"$)|sorry for everything|there is no point|theres no point",
)
LETHAL_MEANS = words(
    "has lethal means to hand",
    # Saved or stockpiled pills, not "all the tablets" tried for a migraine, nor "razor bumps".
    # Not rope lights, a rope swing or a ropes course.
    r"rope\b(?! (burn|lights?|swing|ladder))|ropes\b(?! (burn|course))|noose|hose ?pipe|shotgun|"
    r"rifle|(a|the|his|her|my|dads) gun|ligature|stockpil\w*|(saved|saving) (up )?(<poss> )?(pills|"
    r"tablets)",
    # Cord and a hook; a blade sharpened; tablets kept back, put by or saved; someone else's
    # tablets on the caller. Each counts only beside what the rules pair it with.
    r"length of (rope|cord|flex|cable)|(cord|rope|flex|cable) and a hook|(sharpened|"
    r"sharpening) (\w+ ){0,3}(knife|blade|razor)",
    r"(pills|tablets) (all )?(lined up|counted out|laid out)(?! (in|for) (the |a |my )?(dosette|"
    r"box|week|organi[sz]er|pill box|carer)\b)|(kept|keeping|saved|saving|put) (back|aside|by) (a |"
    r"an |\d+ )?(months?|weeks?) of (<poss> )?\w+|(pills|tablets) saved|(pills|tablets) put by|"
    r"(keep\w*|kept) back (<poss> |all (<poss> |the )?)?(\w+ )?<meds> (\w+ ){0,2}(for (a |\d+ |"
    r"a few |several |some )?(weeks?|months?)|since)\b",
    r"(mums|moms|dads|nans|grans|someone elses) (\w+ )?(tablets|pills|meds) (are |is )?(in my (bag|"
    r"pocket|room)|with me|on me)\b",
    r"(asked|asking|asks) (me |us )?where (the )?(rat poison|weed ?killer|(his |her )?(pills|"
    r"tablets)|gun|rope) (is|are) (kept|hidden)",
)
# Said of leaving for good, not of an evening out: only counts with a dangerous place or means.
WONT_BE_AROUND = words(
    "says they will not be around or not coming home",
    r"(wont|will not|not going to|not gonna) be (a (bother|burden|problem|nuisance) (to (\w+ )?)?|"
    r"around |here )(for )?(much |very )?(longer|long)\b(?! (today|tonight|this|at|on|in)\b)",
    r"(wont|will not) be (around|here) (tomorrow|anymore|any more|to see)",
    # Not coming home at all, not "not coming back till Sunday".
    r"((dont|do not|doesnt|does not) think (ill|i will|im|hell|he will|hes|shell|she will|"
    r"shes) (be )?(driving|going|coming|getting|making it) (back )?home|(wont|"
    r"will not) be (driving|going|coming|getting) (back )?home|(im|hes|shes|i am|he is|"
    r"she is) not (going|coming|driving) (back )?home|(wont|will not) be coming back)(?! (until|"
    r"till|til|before|for|on|to|tomorrow|next|after|later|by|in|at)\b)",
)
# Said beside the means: decided, ready, nothing left, "this is it", a goodbye or sorry, it is
# for me. Each is everyday talk alone ("I'm ready", "this is it, my last day at work").
RESOLVED_TO_DIE = words(
    "says the decision is made, or says goodbye",
    r"made (my|his|her) (decision|mind up)|made up (my|his|her) mind|(im|"
    r"i am) ready\b(?! (to (book|go home|be seen|pay|order|come)|for)\b)",
    r"this is it\b|nothing (left )?(to live for|left for me)|(its|"
    r"it is) for me( ,)? not (\w+ )?(anyone|anybody|someone|them)|goodbye\b|wanted to say sorry|"
    r"(just )?wanted (someone|somebody|you) to know|doing it (tonight|today|now)\b",
    r"(will|going to|gonna) (try|do it) again|intent to repeat",
    # When the kept-back tablets will be taken.
    r"(is|s) when (ill|i will|im going to|im gonna) (take|do) (them|it)\b|(im|"
    r"i am) (going to )?(take|taking) (them|it) (all )?(tonight|today)\b|(im|i am) (going to|"
    r"gonna) take them\b(?! (with|to|in|on|at|after|before|when|every|twice|once|as|for)\b)",
    r"(going to|gonna) use it (tonight|today|now)\b|standing on a (chair|stool|box)",
)
GOODBYE_MESSAGE = words(
    "a goodbye message",
    r"(texted|messaged|text|message|note|wrote) (\w+ ){0,3}(love you all|sorry for everything|"
    r"goodbye)|love you all ~~2 sorry",
)
# At the edge and about to go: jump, step off, over the railing.
ABOUT_TO_JUMP = words(
    "about to jump or step off",
    r"(going to|gonna|about to|will|want to|wants to) (jump\b(?! (in|into the water) (for|with)\b|"
    r" (on|up|around|about|the queue)\b)|step off|let go\b|throw (myself|himself|herself) (off|in|"
    r"under)\b|walk (in\b(?! (the|a) (woods|park|garden|sun|rain|hills|countryside|field))|"
    r"into (the )?(water|sea|river|lake|reservoir|canal)\b))|climbed over (the )?(railings?|"
    r"barrier|parapet)|(other|wrong) side of the (railings?|barrier)",
)
# Last words at the place: "says this is it", rang "to say goodbye".
FINAL_WORDS = words(
    "says this is it, or rang to say goodbye",
    r"(says|said|saying) this is it\b|(rang|called|phoned|ringing|"
    r"calling) (\w+ ){0,8}to say goodbye\b",
)
# The place or the person cannot be reached: a phone off, missing, not answering.
CANNOT_BE_REACHED = words(
    "cannot be reached",
    r"phones? (is |s |now |has been |been )*(off|switched off|turned off|dead|"
    r"going (straight )?to voicemail)|not answering|not picking up|(cant|cannot|couldnt) (reach|"
    r"get hold of|find) (him|her|them)|missing|(gone|driven|walked) (off|out) (with|in) the car|"
    r"(gone|driven|walked|run) off\b",
)
# Where a hanging would be rigged, looked at.
HANGING_POINT = words(
    "looking at a place to hang from",
    r"(looking|staring|stared|looked|look) (up )?at the (beam|banister|loft hatch|hook|rafters?)",
    # A rope or belt tied to where it would hold a weight.
    r"(tied|tying|put|hung|fixed|theres) (a |the |my )?(rope|belt|cord|cable|flex|"
    r"scarf) (tied )?(to|round|around|on|over) (the )?(banister|beam|curtain pole|loft hatch|"
    r"rafters?|hook|door)",
)
# Thoughts of suicide said as "I have a plan" with means to hand.
HAS_A_PLAN = words(
    "says they have a plan",
    r"(got|have|made|has|with) a plan\b(?! (to|for (the|my|our|a) \w+))",
)
# The caller held a pillow over a child's face: an act, whatever urge they name.
SMOTHERED_A_CHILD = words(
    "held a pillow over a child's face",
    r"(i|ive|i had|i held|i put|i pressed|i nearly held|i nearly put|i almost held|"
    r"i almost put) (the |a )?pillow (over|on) (\w+ ){0,2}(face|head)",
)
# Taking the children too: said with suicide talk, a risk to them as well.
TAKING_OTHERS_TOO = words(
    "taking others with them",
    r"taking (the kids|the children|the baby|them|my (kids|children|son|daughter|baby)) with me",
)
# A weapon brought to a person, with a condition or "I mean it": not firewood brought in.
WEAPON_BROUGHT = words(
    "bringing a weapon to someone",
    r"bring\w* (a |an |the |my )?(axe|knife|gun|shotgun|rifle|machete|hammer|crowbar|bat) (in|"
    r"into work|to work|to school|round|over)\b(?! to (fix|do|put|hang|help|build|mend|sort|"
    r"chop)\b)",
)
MEANS_IT = words(
    "says they mean it",
    r"i mean it|one more (word|time)|(hell|shell|theyll) be sorry|(hes|shes) going to (pay|get it)",
)

# "I know how I'll do it" is a plan only said with low mood or thoughts of suicide.
SUICIDE_METHOD_DECIDED = words(
    "says they know how they would do it, or that they will",
    r"(knows?|worked out|figured out|decided|planned) (exactly )?(how|when|where) (he|she|i|they|"
    r"hes|shes|im|theyre|hell|shell|ill|theyll|hed|shed|id) (will |would |is |am |are )?(going to |"
    r"gonna )?(do it|end it|go through with it)",
    r"(im|i am|hes|he is|shes|she is) (really |definitely )?(going to|gonna) (do it|"
    r"go through with it)",
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
    r"(cant|cannot|dont) trust (myself|my self) (with|around|near) (her|him|the baby|my baby|them|"
    r"the kids|my kids|the children)",
)
NEAR_ACT = words(
    "nearly acted on it",
    r"(nearly|almost) (did|done|acted|went through)|pillow (over|on) (\w+ ){0,2}(face|head)|"
    r"about to (do it|act)|(hands?|pillow) (round|around) (her|his) (neck|throat)",
)
THREAT_TO_OTHERS = words(
    "threat of violence to others",
    r"(threaten\w*|going|gonna|wants|want|said|says|saying) (to )?(kill|stab|shoot|hurt|harm) (me|"
    r"him|her|them|us|the kids|my|his|her|someone|somebody|people|everyone|the baby)",
    r"threats? (to|toward|towards|against)|making threats|homicid\w*|(voices|voice) (are |"
    r"is )?(telling|tell|told) (him|her|me|them) to (kill|hurt|harm|stab|attack|strangle|shoot)",
    r"command hallucinations (\w+ ){0,2}to (kill|hurt|harm|attack|stab)",
    # Threats of fire, and slang: "he'll kill his dad", "going to do my mum".
    r"threaten\w* to (burn|set fire to|torch)|burn (the|their|his|her|our) (house|flat|"
    r"place) down with (\w+ ){1,3}in it",
    r"(hes|shes|theyre|he is|she is|they are|hell|shell|said|says|saying) ((hes|shes|he is|"
    r"she is) )?(going to|gonna) (come (round|over) and )?do (me|him|her|them) in\b",
    r"(threaten\w*|going|gonna|wants|want|said|says|saying) (to )?(smother|suffocate|strangle|"
    r"drown|poison) (me|him|her|them|us|the kids|the baby|my|his|her)\b(?!(?: \w+){0,2} (in|"
    r"with)\b)",
    # Not "he'll kill me if I forget": a threat to a third person, with no "if" after it.
    r"(screaming|shouting|yelling|saying|says|said|swears|swearing|threatening) (that )?(hell|"
    r"shell|theyll) (kill|stab|shoot|murder) (him|her|them|his|her|the)\b(?!(?: \S+){0,3} (if|"
    r"when (he|she|they|i) (finds?|hears?) out)\b)",
    r"(says|said|saying|threatening|threatened) ((hes|shes|he is|she is|theyre) )?(going to|"
    r"gonna) do (my|his|her|our) (mum|mam|mom|dad|wife|husband|partner|brother|sister|"
    r"neighbour)\b(?! (a|an|some|the|shopping|proud)\b)",
    # A person makes the threat ("the antibiotics will harm my baby" is a worry, not a threat),
    # and "threatened ... with" a weapon ("with being taken off their list" is not).
    r"(he|she|they|i|hes|shes|theyre) (says |said |thinks )?(will|must|has to|have to|"
    r"needs to) (kill|stab|shoot|hurt|harm|burn) (me|him|her|them|us|the|my|his|her|their|someone|"
    r"somebody|people|everyone)|voices? (\w+ )?(want|wants|say|says|saying) (him|her|me|"
    r"them) (to )?(kill|hurt|harm|attack|stab)|threaten\w* (\w+ ){0,2}(staff|people|neighbours?|"
    r"family|someone|others|him|her|me|us|them) with (a |an |the |his |her )?(kitchen |carving |"
    r"bread |big |large )?(knife|knives|gun|shotgun|rifle|weapon|machete|bat|hammer|axe|"
    r"broken bottle|crowbar|scissors)",
)
ARMED_OR_VIOLENT = words(
    "armed or violent",
    # No free word before the weapon: "a toy hammer" and "a hammer toe" are not weapons.
    r"(swinging|brandishing|pointing) (a |an |the |his |her )?(kitchen |carving |bread |big |"
    r"large )?(knife|knives|gun|shotgun|rifle|machete|axe|hammer|broken bottle)",
    r"armed|(has|have|got|with|holding|waving) (a |an |the |his |her )?(kitchen |carving |bread |"
    r"big |large |baseball )?(knife|gun|shotgun|rifle|weapon|machete|bat|hammer(?! toe)|axe|"
    r"broken bottle|crowbar)|smashing|violent|attacking|out of control",
    r"(lashing|hitting|swinging) out (at \w+ )?with (a |an |the |his |her )?(walking )?(stick|"
    r"frame|cane|chair|bottle|poker|bat)|(holding|got|has|with) (a |an |the |his |"
    r"her )?(screwdriver|scissors|blade)|(wont|will not) put (it|the knife|the blade|the gun) down",
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
    r"couldnt) calm (him|her|them)|nothing (we )?(say |do |try )?(settles|calms) (him|her|them)|"
    r"thinks (im|i am|we are|were|everyone is|people are|theyre|they are) (poisoning|following|"
    r"watching|spying on|trying to kill|after) (him|her|them)|first episode psychosis|demons",
    # Voices the person hears coming back, not voices from next door or a lost voice.
    r"(the|his|her|my) voices (are |have |have come |came |come |s |have been |been )?(back|again|"
    r"returned|started|telling|talking|louder|worse|say|said|saying|tell|told)\b",
)
