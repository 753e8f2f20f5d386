"""Red-flag concepts: injury and burns (see the package docstring)."""

from __future__ import annotations

from agent.triage.red_flag_terms.base import words

HIGH_ENERGY_INJURY = words(
    "high-energy injury",
    r"(car|motorbike|motorcycle|bike|vehicle|truck|lorry|bus|train|road|traffic|rta|mva|mvc)"
    r" (crash|accident|collision|wreck|smash)|car crash|crashed (his|her|my|the) (car|bike)",
    r"knocked off (<poss> |a )?(bike|bicycle|motorbike|scooter)|"
    r"(hit|struck|knocked down|run over|mown down) by a (car|van|truck|lorry|bus|vehicle|train"
    r"|motorbike)|run over|motorcyclist|pedestrian ~3 (struck|hit|versus|vs)|high speed|"
    r"rolled (the|his|her|my|their) (car|truck|van)|roll ?over (crash|accident)|ejected",
    r"(fell|fall|falling|fallen) (off|from|out of) (a |the |his |her )?(roof|scaffold\w*|"
    r"balcony|building|bridge|cliff|tree|height|window|horse)|fall from height|(fell|fall|"
    r"falling|fallen) (off|from|out of) ~3 (roof|balcony|building|bridge|cliff|window|"
    r"scaffold\w*|loft|floor)",
    r"(fell|fall|fallen|dropped) ~4 ([2-9]|\d\d) (metres|meters|m|storeys|stories|floors)|"
    r"(fell|fall|fallen) ~4 ([7-9]|\d\d) (feet|foot|ft)|([2-9]|\d\d) (metres|meters|m) from",
    r"crushed (under|by|between)|pinned (under|by)|(dove|dived|diving|jumped) (head first )?"
    r"into (the )?shallow|kicked ~4 by a horse|gunshot|shot (in|him|her|me)|been shot|stabbed"
    r"|stab wound|knife wound|impaled|penetrating|chainsaw",
    r"(knife|knives|blades?|glass|metal|nails?|spikes?|prongs?|forks?|rods?|poles?|sticks?|"
    r"branch|skewers?|arrows?|shards?|piece of \w+) ~3 (still )?(stuck|lodged|sticking|"
    r"embedded) (in|into|out of)",
)
OPEN_OR_HIP_FRACTURE = words(
    "open fracture or suspected hip fracture",
    r"(bone|tibia|fibula|femur|radius|ulna|humerus|shin ?bone) ~3 (sticking out|poking out|"
    r"through the skin|showing)|open fracture|compound "
    r"fracture",
    r"(hip|leg) ~4 (turned out|rotated|shortened|shorter)|turned out and shorter|broken "
    r"(neck|back|pelvis|hip|femur)|(hip|pelvic|femur|femoral|pelvis) fracture|(shortened|"
    r"externally rotated) ~~3 (leg|hip)|fractured "
    r"(neck of femur|hip|pelvis|femur)|pelvis hurts",
)
DEFORMED_LEG = words(
    "deformed leg or hip",
    r"(leg|hip|thigh|femur) ~3 (deform\w*|twisted|bent|turned out|rotated|shortened|shorter|"
    r"wrong way|odd angle)|(deformed|twisted|shortened|rotated) ~~3 (leg|hip|thigh)",
)
DEFORMED_LIMB = words(
    "deformed limb", r"deform\w*|(bent|twisted|crooked) (the )?wrong way|out of shape|angulated"
)
LIMB_CIRCULATION_POOR = words(
    "cold or numb below the injury",
    r"(hand|foot|fingers|toes|leg|arm) ~3 (cold|numb|white|blue|pale)|no pulse|pulseless|cant "
    r"feel (the |a )?pulse",
)
SPINAL_SIGN = words(
    "possible spinal injury",
    r"(cant|cannot|unable to) (move|feel) (<poss> )?(legs|feet|arms|toes|lower body)|numb\w* "
    r"(in )?both (legs|arms)|both (legs|arms) ~2 (numb|weak|tingl\w*)|(arms|legs|hands) (are )?"
    r"tingl\w*|neck (hurts|pain|is sore)|paraly\w*|spinal (injury|cord)|broken (neck|back)",
)
HEAD_INJURY = words(
    "head injury",
    r"(hit|hits|hitting|banged|bang|bumped|knocked|struck|smacked|whacked|cracked|hurt|landed "
    r"on) ~3 head|head (injury|injuries|trauma|knock|wound)|(bump|blow|knock|lump|cut) (on|to)"
    r" (<poss> |the )?head|concuss\w*|head ?butt\w*|(hit|banged|bumped|knocked|struck) (<poss> |"
    r"the )?(forehead|(back|side|front) of (<poss> |the )?head)",
    r"(fell|falling|fallen|fall) (down|off) (a |the )?(flight of )?(stairs|steps|bunk bed)",
    r"(stick|\w*ball|bat|club|puck|kick|punch|elbow|knee|fist|boot|racket) (to|in) (<poss> |the )?"
    r"head|(clashed|banged|bumped|knocked|cracked) heads|head clash",
)
HEAD_INJURY_DANGER = words(
    "head injury warning sign",
    r"knocked out|(lost|loss of) consciousness|passed out|blacked out|unconscious|loc",
    # Knocked out, not "I was out for a minute" or "went out for a few drinks".
    r"(?<!i )(?<!we )(knocked|he|she|was) out (cold )?for (a|\d+|a few) (minute|minutes|second|"
    r"seconds)|(keeps?|kept) asking "
    r"the same (questions?|thing)",
    r"(cant|doesnt|does not|didnt) remember|(dont|do not) remember (anything|driving|getting|how "
    r"(i|he|she) got|what happened|the (accident|fall|match|game|rest|crash))|no memory of|"
    r"amnesia|memory loss|"
    r"(been|was) sick (\d+|several|"
    r"many|a few) times|(vomit\w*|throw\w* up|threw up) (\d+|twice|several|again|repeatedly)|"
    r"(keeps?|keep) (being sick|throwing up|vomiting)|repeated(ly)? vomit\w*",
    r"(headaches?|head) ~3 (getting worse|worse and worse|worsening|keeps getting worse)|"
    r"worsening headache|(really|very|so) sleepy|drows\w*|hard to wake|confus\w*|not making "
    r"sense|seiz\w*|fit\b|fitting|clear fluid|unequal pupils|slurr\w*|limp|floppy",
)
BURN = words(
    "burn",
    r"burn(s|t|ed)?(?! when| on passing| to pee| pain| sensation| feeling)|scald\w*|"
    r"boiling (water|oil|fat)|(hot|boiling) (water|oil|fat|tea|coffee)|flames?|(in|from) a fire",
    r"(pulled|spilt|spilled|knocked|tipped|poured) ~4 (tea|coffee|kettle|boiling \w+|hot \w+) "
    r"~2 (over|on|onto|down)",
)
BURN_LARGE_OR_DEEP = words(
    "large, deep or full-thickness burn",
    r"all (down|over) (<poss> )?(chest|back|body|arm|leg|front)|(chest|arms?|legs?|back|face)"
    r" and (one |both )?(arms?|legs?|chest|back|face)|both (legs|arms)|(whole|entire) "
    r"(arm|leg|back|chest|body)",
    r"(skin|skins) ~2 (peeling|coming|came|falling) off|(\d+|[1-9]\d) ?%|percent of (the |her |"
    r"his )?body|(white|charred|black|leathery|waxy)"
    r"|(doesnt|does not|dont|cant feel|no) (hurt|pain|feeling)|painless|full thickness|"
    r"circumferential|all the way (round|around)|encircl\w*|big area|large area|(third|3 rd|"
    r"full) degree|(face|airway|mouth|"
    r"nostrils) ~2 (burn\w*|"
    r"singed)",
)
SNORING_OR_APNOEA = words("snoring or known sleep apnoea", r"snor\w*|sleep ap\w*|cpap")
SUNBURN = words(
    "sunburn",
    r"sun ?burn\w*|sunbed|(asleep|sleeping|lying|lay|all day) (on|at) the beach|sunbath\w*|in "
    r"the sun (all|for)",
)
ELECTRICAL_INJURY = words(
    "electrical injury",
    # "electric shock feelings" after stopping an antidepressant is not an injury, but a shock
    # with a source ("like a big one off the plug socket") always is.
    r"electric\w* shock(?! (like )?(feelings?|sensations?)\b)|electrocut\w*|high voltage|live "
    r"(wire|cable)|power line|(struck|hit) "
    r"by lightning|lightning strike|fuse box|entry wound|exit wound|electrical (burn|injury)",
    r"shock (off|from) (the )?(mains|socket|wire|cable)|electric\w* shocks? ~~9 (sockets?|plugs?|"
    r"wires?|cables?|cooker|kettle|fence|appliance|mains|toaster|lamp)",
    r"(clothes|clothing|dress|hair|pyjamas|pajamas) caught (on )?fire|set (himself|herself|"
    r"themselves|myself) on fire",
)
CHEMICAL_ON_SKIN = words(
    "chemical burn",
    r"chemical ~4 (burn\w*|on (<poss> )?(skin|arms?|legs?|hands?|face))|(acid|alkali|lye|"
    r"caustic|cement|hydrofluoric) ~3 (burn\w*|on (<poss> )?(skin|arms?|legs?|hands?|face))"
    # On the skin, not "bleach splashed on my jeans".
    r"|burning through (<poss> )?skin|(caustic soda|lye|bleach|acid) ~2 (splash\w*|spilt|spilled)"
    r" (on|onto) (<poss> |the |both )?(\w+ )?(skin|arms?|forearms?|legs?|hands?|face|chest|neck|"
    r"feet|foot|fingers?|body)|(drain|oven) cleaner ~4 (splash\w*|spilt|spilled|on) ~3 "
    r"(skin|arms?|forearms?|legs?|hands?|face|chest)",
)
CHILD_SCALD = words(
    "scald in a young child",
    r"(boiling|hot) (water|tea|coffee|kettle|pot|pan|soup|oil)|kettle|scald\w*",
)
