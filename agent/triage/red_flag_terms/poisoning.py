"""Red-flag concepts: poisoning (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import diagnosis, words

OVERDOSE_NAMED = diagnosis(
    "overdose",
    r"over ?dos\w*|overdid (it )?(on|with) (the |my |his |her )?(\w+ )?<meds>|overdid my",
    # The recogniser's "overdose" ("a over does of"), not "she over does it at the gym".
    r"(a|an) over ?does\b|over ?does of\b",
    # "OD'd on his morphine", as the recogniser writes it.
    r"(has|have|hes|shes|ive|i|he|she|they|just) (odd|oded|od|o d) on (<poss> |the )?(\w+ )?<meds>",
    # Said of oneself: "he swallowed the lot" is how a parent tells of a dose going down.
    r"(ive|i have|i) swallowed (the )?(whole )?lot\b",
)
TOOK_MEDICINE = words(
    "took medicines",
    # Past tense: "I take a lot of medication" is a history, not an event.
    r"(took|taken|swallowed|ate|eaten|been taking|ingest\w*|ingestion of|downed|necked)"
    r"(?: \S+){0,5} <meds>",
    # The pack, not its name: "took the whole box", "swallowed 40 of them"; and paracetamol
    # as the recogniser hears it.
    r"(took|taken|swallowed|downed|necked) (the |a |an )?(whole|entire|full) (packet|box|bottle|"
    r"pack|strip|blister)s?\b(?! of (<poss> |the )?(antibiotics?|\w+cillin|\w+mycin))|(took|taken|"
    r"swallowed) (all|\d+) of them\b",
    r"(took|taken|swallowed)(?: \S+){0,5} para ?s[ei]t ?a ?mol",
    r"(took|taken|swallowed) everything in the (cupboard|house|cabinet|drawer|medicine cabinet)",
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
    # Not "all my tablets this morning like normal".
    r"(whole|entire|full) (packet|box|bottle|pack|strip|month)|all (of )?(<poss> |the )?(\w+ ){0,3}"
    r"<meds>(?!(?: \w+){0,3} (like|as) (normal|usual|prescribed|always|i do)\b)",
    r"(bunch|handful|load|loads|lots|lot|fistful|heap) of|unknown (quantity|amount|number)",
    # Paracetamol more often than every four hours is more than the day's limit.
    r"([2-4]) (paracetamol|acetaminophen|tylenol|co ?codamol)( tablets)? every ([1-3]|an?) hours?|"
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
# Charcoal, a barbecue, a generator or an engine burning indoors: dangerous on its own.
_BURNER = r"(barbecue|bbq|charcoal|generator|brazier|camping stove|patio heater)s?"
_INDOORS = r"(indoors|inside|in (the|our|a) (house|flat|tent|caravan|garage|room|bedroom|kitchen))"
INDOOR_COMBUSTION = words(
    "charcoal, barbecue, generator or engine burning indoors",
    # "the barbecue brought indoors" and "brought the charcoal barbecue inside", within a clause
    rf"(disposable )?{_BURNER} (\w+ )?(brought|used|lit|burning|running|left|going|on) "
    rf"(\w+ ){{0,2}}{_INDOORS}",
    rf"(brought|lit|used|running|burning) (a |the |our |his |her )?(disposable |charcoal )?"
    rf"{_BURNER} (\w+ ){{0,2}}{_INDOORS}",
    r"(car|engine|motor) (running|left running|on) (in|inside) (the |a )?(garage|shed)",
)
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
