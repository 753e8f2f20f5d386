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
    r"(tonight|today) (i|ill|i will|im going to|i am going to|im gonna) end (it|everything)"
    r"( all)?\b(?! (with|off|early|for)\b)",
)
SUICIDE_PREPARATIONS = words(
    "suicide preparations",
    # Letters to the family or goodbye, not "a letter to the council".
    r"(written|wrote|writing) ~3 (letters?|notes?) (to|for) (all (of )?)?(us|them|everyone|"
    r"everybody|(<poss> |the )?(family|children|kids|wife|husband|partner|parents|mum|mom|dad|son|"
    r"daughter|sister|brother|loved ones))|"
    r"(written|wrote|writing) ~3 goodbye|goodbye (note|letter|message|text)",
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
    r"research\w* (suicide )?(methods|ways to die)|bought (a )?(hose ?pipe|charcoal)",
    # Cancelling all future care because it will not be needed.
    r"cancel\w* ~3 all (<poss> )?(appointments|future appointments)(?: \S+){0,5} (wont|will not) "
    r"be needing( them| it)?(?!( them| it)? (as|because|since|cos|cause|now that|after)\b)",
    r"going to take them all|take them all",
)
# Treasured things given away to friends: a warning only beside low mood or "sorry for everything".
GIVING_THINGS_AWAY = words(
    "giving treasured things away, or putting affairs in order",
    r"(gave|given|giving) (his|her|their|my) (\w+ ){1,6}away to (friends|his friends|her friends|"
    r"people|mates)",
    # An older caller sorting out a will is everyday: it counts only beside the rest.
    r"(sorted|sorting) (out )?(his|her|my|their|the) (will|affairs)|(his|her|my|their) affairs in "
    r"order",
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
    r"the |the top of the |the edge of the |the top (floor|level|deck) of the )?(bridge|roof|"
    r"rooftop|railway( line| track)?|train "
    r"tracks?|tracks|cliffs?( edge| top)?|cliff ?tops?|ledge|multi ?storey|car park roof|balcony "
    r"rail\w*)(?! of (<poss> |the |a )?(nose|mouth|foot|feet|glasses|tongue)\b| club\b)",
)
CANNOT_GO_ON = words(
    "says they cannot go on",
    r"(cant|cannot) (do|take|cope with|go on with|keep doing|keep going with) (this|it)"
    r"( anymore| any more)?|(cant|cannot) go "
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
    r"(swinging|brandishing|pointing) (a |an |the |his |her )?(kitchen |carving |bread |big |large "
    r")?(knife|knives|gun|shotgun|rifle|machete|axe|hammer|broken bottle)",
    r"armed|(has|have|got|with|holding|waving) (a |an |the |his |"
    r"her )?(kitchen |carving |bread "
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
    r"returned|started|telling|talking|louder|worse|say|said|saying|tell|told)\b",
)
