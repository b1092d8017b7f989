//! Cue verbs learned from PolNeAR train counts. Generated; do not edit by hand:
//!
//! ```text
//! python3 ../shared/eval/polnear2jsonl.py POLNEAR_GIT train -o /tmp/polnear-train.jsonl
//! python3 tools/polnear_cues.py /tmp/polnear-train.jsonl > src/recognize/attribution/learned.rs
//! cargo fmt
//! ```
//!
//! A lemma is here when one of its inflections is in at least 4 cue spans of
//! the train split, and it and its inflections together are cues in at least 50%
//! of their occurrences; speech when its
//! inflections are cues in at least 70% of their occurrences, else cognition.
//! The comment after each gives (cue count, occurrences) of its inflected forms.

/// (lemma, is speech): verbs the train split uses as cues, beyond the hand lexicon.
pub const LEARNED: &[(&str, bool)] = &[
    ("accord", true),        // 322/353
    ("accuse", true),        // 84/114
    ("acknowledge", true),   // 59/72
    ("add", true),           // 288/362
    ("anger", false),        // 7/13
    ("announce", true),      // 124/154
    ("applaud", false),      // 10/18
    ("argue", true),         // 123/140
    ("articulate", false),   // 5/10
    ("ask", true),           // 234/334
    ("assail", true),        // 9/11
    ("assert", true),        // 17/21
    ("assure", true),        // 19/26
    ("blame", true),         // 28/34
    ("blast", true),         // 34/37
    ("boast", true),         // 15/21
    ("brush", false),        // 5/10
    ("call", false),         // 381/673
    ("caution", true),       // 9/10
    ("chant", true),         // 19/26
    ("cite", true),          // 73/83
    ("claim", false),        // 77/144
    ("complain", true),      // 18/23
    ("concede", true),       // 14/17
    ("conclude", true),      // 41/56
    ("condemn", false),      // 16/23
    ("confirm", false),      // 25/39
    ("congratulate", false), // 7/12
    ("contend", true),       // 7/9
    ("credit", false),       // 8/16
    ("criticize", true),     // 83/108
    ("declare", true),       // 67/89
    ("decline", true),       // 68/96
    ("defend", true),        // 49/65
    ("denounce", true),      // 34/43
    ("deny", false),         // 30/59
    ("describe", true),      // 99/129
    ("disclose", false),     // 11/19
    ("discuss", false),      // 25/46
    ("dismiss", true),       // 32/39
    ("distance", false),     // 5/8
    ("echo", false),         // 21/31
    ("emphasize", false),    // 16/23
    ("endorse", false),      // 79/126
    ("expect", false),       // 103/169
    ("explain", true),       // 69/85
    ("express", true),       // 48/66
    ("hail", true),          // 6/8
    ("highlight", false),    // 20/39
    ("hint", true),          // 12/17
    ("hope", false),         // 73/127
    ("imagine", false),      // 5/9
    ("imply", false),        // 12/20
    ("indicate", true),      // 30/40
    ("insist", true),        // 46/53
    ("interject", true),     // 6/7
    ("invoke", false),       // 8/16
    ("joke", false),         // 17/28
    ("lament", true),        // 14/14
    ("mention", false),      // 37/57
    ("mock", false),         // 22/32
    ("note", true),          // 173/189
    ("order", false),        // 22/35
    ("outline", false),      // 9/16
    ("plead", false),        // 10/16
    ("portray", false),      // 16/24
    ("praise", true),        // 49/58
    ("predict", true),       // 33/44
    ("proclaim", false),     // 6/9
    ("promise", false),      // 68/114
    ("rail", true),          // 14/18
    ("rebuke", false),       // 5/8
    ("recall", true),        // 44/50
    ("recount", true),       // 7/10
    ("reference", false),    // 15/25
    ("refuse", false),       // 52/75
    ("reiterate", true),     // 18/20
    ("reject", true),        // 35/48
    ("remember", false),     // 14/21
    ("remind", false),       // 20/34
    ("report", false),       // 172/319
    ("respond", false),      // 58/102
    ("retweet", false),      // 7/11
    ("reveal", true),        // 40/56
    ("seem", false),         // 113/203
    ("signal", false),       // 10/19
    ("single", false),       // 5/9
    ("speculate", true),     // 5/7
    ("stress", true),        // 14/15
    ("suggest", true),       // 156/195
    ("tout", true),          // 21/23
    ("tweet", true),         // 89/123
    ("urge", true),          // 57/75
    ("vow", true),           // 50/55
    ("warn", true),          // 56/74
    ("wonder", false),       // 10/16
    ("yell", false),         // 7/11
];

/// Verbs whose inflections are cues in at least 30% (but under 50%) of their
/// occurrences: too often no cue for the rules, so only the fallback model reads them.
pub const MODEL_ONLY: &[&str] = &[
    "aim",       // 17/56
    "apologize", // 8/18
    "appear",    // 88/190
    "approve",   // 8/23
    "back",      // 50/162
    "champion",  // 8/21
    "consider",  // 38/99
    "continue",  // 83/232
    "convince",  // 9/26
    "decide",    // 30/93
    "doubt",     // 9/23
    "embrace",   // 13/43
    "fear",      // 16/46
    "identify",  // 17/49
    "inform",    // 6/16
    "introduce", // 14/46
    "knock",     // 5/16
    "label",     // 7/15
    "learn",     // 19/57
    "list",      // 22/55
    "name",      // 30/96
    "notice",    // 6/19
    "offer",     // 62/149
    "oppose",    // 44/112
    "opt",       // 4/11
    "persuade",  // 7/16
    "pivot",     // 5/12
    "pledge",    // 45/129
    "post",      // 34/85
    "press",     // 15/37
    "propose",   // 48/98
    "push",      // 39/97
    "question",  // 86/236
    "quote",     // 13/27
    "recognize", // 12/36
    "recommend", // 8/17
    "repeat",    // 21/43
    "restrict",  // 6/14
    "shout",     // 12/26
    "show",      // 160/332
    "sound",     // 15/38
    "support",   // 90/257
    "talk",      // 90/228
    "testify",   // 5/15
    "thank",     // 15/49
    "threaten",  // 17/42
    "unveil",    // 5/11
    "weigh",     // 5/14
    "worry",     // 27/70
];
