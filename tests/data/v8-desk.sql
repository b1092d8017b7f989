PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    byte_start  INTEGER NOT NULL,
    byte_end    INTEGER NOT NULL
);
INSERT INTO sentences VALUES(16777216,1,0,0,0,106,0,110);
INSERT INTO sentences VALUES(16777217,1,1,1,108,212,112,216);
INSERT INTO sentences VALUES(16777218,1,2,2,214,303,218,311);
INSERT INTO sentences VALUES(16777219,1,3,3,305,335,313,343);
INSERT INTO sentences VALUES(16777220,1,4,3,336,390,344,398);
INSERT INTO sentences VALUES(33554432,2,0,0,0,87,0,87);
INSERT INTO sentences VALUES(50331648,3,0,0,0,42,0,42);
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentences(id),
    ordinal     INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind = 'figure' OR kind = 'date' OR kind = 'attribution'),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    byte_start  INTEGER NOT NULL,
    byte_end    INTEGER NOT NULL,
    text        TEXT,
    value       TEXT,
    unit        TEXT,
    mod         TEXT,
    timex_type  TEXT,
    source_id   INTEGER REFERENCES sources(id),
    attrs       TEXT    NOT NULL DEFAULT '{}'
);
INSERT INTO mentions VALUES(16777216,1,16777216,0,'attribution',0,105,0,109,NULL,NULL,NULL,NULL,NULL,1,'{"s":[75,105],"c":[62,74],"t":[0,60],"k":"dataset"}');
INSERT INTO mentions VALUES(16777217,1,16777216,1,'figure',33,36,35,38,NULL,'12','percent',NULL,NULL,NULL,'{}');
INSERT INTO mentions VALUES(16777218,1,16777216,2,'figure',40,52,42,56,NULL,'3600000000','EUR',NULL,NULL,NULL,'{}');
INSERT INTO mentions VALUES(16777219,1,16777216,3,'date',56,60,60,64,NULL,'2024',NULL,NULL,'DATE',NULL,'{}');
INSERT INTO mentions VALUES(16777220,1,16777217,4,'attribution',108,211,112,215,NULL,NULL,NULL,NULL,NULL,2,'{"s":[108,133],"c":[134,138],"t":[139,211],"k":"person","n":[125,133],"r":[108,124]}');
INSERT INTO mentions VALUES(16777221,1,16777217,5,'date',142,149,146,153,NULL,'XXXX-03-03',NULL,NULL,'DATE',NULL,'{}');
INSERT INTO mentions VALUES(16777222,1,16777217,6,'figure',180,189,184,193,NULL,NULL,'percent',NULL,NULL,NULL,'{"l":3,"h":5}');
INSERT INTO mentions VALUES(16777223,1,16777217,7,'date',190,200,194,204,NULL,'P1Y',NULL,NULL,'SET',NULL,'{"q":"EVERY"}');
INSERT INTO mentions VALUES(16777224,1,16777217,8,'date',207,211,211,215,NULL,'2019',NULL,NULL,'DATE',NULL,'{}');
INSERT INTO mentions VALUES(16777225,1,16777218,9,'attribution',214,302,218,310,NULL,NULL,NULL,NULL,NULL,3,'{"s":[280,297],"c":[298,302],"t":[214,279],"d":true,"k":"dataset"}');
INSERT INTO mentions VALUES(16777226,1,16777218,10,'figure',232,239,238,245,NULL,'600000',NULL,'APPROX',NULL,NULL,'{"j":[240,252]}');
INSERT INTO mentions VALUES(16777227,1,16777218,11,'date',273,277,279,283,NULL,'2021',NULL,NULL,'DATE',NULL,'{}');
INSERT INTO mentions VALUES(16777228,1,16777219,12,'figure',305,308,313,316,NULL,'2',NULL,NULL,NULL,NULL,'{"j":[309,315]}');
INSERT INTO mentions VALUES(16777229,1,16777219,13,'date',328,334,336,342,NULL,'XXXX-WXX-1',NULL,NULL,'DATE',NULL,'{}');
INSERT INTO mentions VALUES(16777230,1,16777220,14,'figure',355,365,363,373,NULL,'46','percent',NULL,NULL,NULL,'{}');
INSERT INTO mentions VALUES(16777231,1,16777220,15,'figure',367,389,375,397,NULL,'3','point',NULL,NULL,NULL,'{"x":false,"y":"margin of error"}');
INSERT INTO mentions VALUES(33554432,2,33554432,0,'attribution',0,86,0,86,NULL,NULL,NULL,NULL,NULL,4,'{"s":[0,14],"c":[15,22],"t":[23,86],"k":"person","n":[0,14]}');
INSERT INTO mentions VALUES(33554433,2,33554432,1,'date',26,30,26,30,NULL,'2021',NULL,NULL,'DATE',NULL,'{}');
INSERT INTO mentions VALUES(33554434,2,33554432,2,'figure',42,51,42,51,NULL,'2000000',NULL,'APPROX',NULL,NULL,'{"j":[52,64]}');
INSERT INTO mentions VALUES(50331648,3,50331648,0,'date',34,41,34,41,NULL,'XXXX-WXX-2',NULL,NULL,'DATE',NULL,'{}');
CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'unknown',
    role       TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO sources VALUES(1,'the national statistics office','dataset',NULL,'2026-12-07T22:07:26.181Z');
INSERT INTO sources VALUES(2,'Jane Doe','person','Finance Minister','2026-12-07T22:07:26.181Z');
INSERT INTO sources VALUES(3,'the census bureau','dataset',NULL,'2026-12-07T22:07:26.181Z');
INSERT INTO sources VALUES(4,'Vladimir Putin','person',NULL,'2026-12-07T22:07:26.181Z');
CREATE TABLE source_aliases (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    alias     TEXT    NOT NULL,
    PRIMARY KEY (source_id, alias)
);
INSERT INTO source_aliases VALUES(1,'the national statistics office');
INSERT INTO source_aliases VALUES(2,'Jane Doe');
INSERT INTO source_aliases VALUES(2,'Finance Minister Jane Doe');
INSERT INTO source_aliases VALUES(3,'the census bureau');
INSERT INTO source_aliases VALUES(4,'Vladimir Putin');
CREATE TABLE claim_components (
    claim_id   INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (claim_id, mention_id)
) WITHOUT ROWID;
INSERT INTO claim_components VALUES(1,16777217);
INSERT INTO claim_components VALUES(1,16777218);
INSERT INTO claim_components VALUES(1,16777219);
INSERT INTO claim_components VALUES(2,16777221);
INSERT INTO claim_components VALUES(2,16777222);
INSERT INTO claim_components VALUES(2,16777223);
INSERT INTO claim_components VALUES(2,16777224);
INSERT INTO claim_components VALUES(3,16777226);
INSERT INTO claim_components VALUES(3,16777227);
INSERT INTO claim_components VALUES(4,16777228);
INSERT INTO claim_components VALUES(4,16777229);
INSERT INTO claim_components VALUES(5,16777230);
INSERT INTO claim_components VALUES(5,16777231);
INSERT INTO claim_components VALUES(6,33554433);
INSERT INTO claim_components VALUES(6,33554434);
INSERT INTO claim_components VALUES(7,50331648);
CREATE TABLE claim_sources (
    claim_id                INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id               INTEGER REFERENCES sources(id),
    attribution_mention_id  INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (claim_id, attribution_mention_id)
) WITHOUT ROWID;
INSERT INTO claim_sources VALUES(1,1,16777216);
INSERT INTO claim_sources VALUES(2,2,16777220);
INSERT INTO claim_sources VALUES(3,3,16777225);
INSERT INTO claim_sources VALUES(4,3,16777225);
INSERT INTO claim_sources VALUES(5,3,16777225);
INSERT INTO claim_sources VALUES(6,4,33554432);
CREATE TABLE claim_links (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims(id),
    other_id   INTEGER NOT NULL REFERENCES claims(id),
    relation   TEXT    NOT NULL DEFAULT 'contests',
    reason     TEXT,
    created_at TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO claim_links VALUES(1,3,6,'contests','census: about 600,000; Putin: 2 million','2026-12-07T22:07:28.227Z',1);
CREATE TABLE review_log (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims(id),
    at          TEXT    NOT NULL,
    reviewer    TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action = 'review' OR action = 'flag'
                    OR action = 'unflag' OR action = 'note' OR action = 'reanchor'
                    OR action = 'orphan' OR action = 'import'),
    from_status TEXT,
    to_status   TEXT,
    note        TEXT,
    evidence    TEXT    NOT NULL DEFAULT '[]',
    against_id  INTEGER REFERENCES claims(id),
    claim_text   TEXT,
    claim_values TEXT
);
INSERT INTO review_log VALUES(1,3,'2026-12-07T22:07:28.171Z','ana','review','unverified','in_review','census tables requested','["https://example.org/census"]',NULL,'“We counted about 600,000 Azerbaijanis living in Russia in 2021,” the census bureau said.','["figure \"600,000\" = 600000 APPROX","date \"2021\" = DATE 2021"]');
INSERT INTO review_log VALUES(2,3,'2026-12-07T22:07:28.227Z','ana','flag','in_review','contested','census: about 600,000; Putin: 2 million','[]',6,'“We counted about 600,000 Azerbaijanis living in Russia in 2021,” the census bureau said.','["figure \"600,000\" = 600000 APPROX","date \"2021\" = DATE 2021"]');
INSERT INTO review_log VALUES(3,6,'2026-12-07T22:07:28.264Z','ana','review','unverified','verified','as reported','[]',NULL,'Vladimir Putin claimed in 2021 that about 2 million Azerbaijanis were living in Russia.','["date \"2021\" = DATE 2021","figure \"2 million\" = 2000000 APPROX"]');
INSERT INTO review_log VALUES(4,1,'2026-12-07T22:07:28.303Z','ana','review','unverified','verified',NULL,'[]',NULL,'Exports of Azerbaijan’s gas rose 12% to €3.6 billion in 2024, according to the national statistics office.','["figure \"12%\" = 12 percent","figure \"€3.6 billion\" = 3600000000 EUR","date \"2024\" = DATE 2024"]');
INSERT INTO review_log VALUES(5,6,'2026-12-07T22:07:28.351Z','claimtrace','orphan','verified','verified','no place in version 2: the quote is gone and the most similar sentence scores 0.00 (minimum 0.80); last at 0..87','[]',NULL,'Vladimir Putin claimed in 2021 that about 2 million Azerbaijanis were living in Russia.','["date \"2021\" = DATE 2021","figure \"2 million\" = 2000000 APPROX"]');
CREATE TABLE IF NOT EXISTS 'claim_text_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO claim_text_data VALUES(1,X'075b');
INSERT INTO claim_text_data VALUES(10,X'00000000ff000001010202000201010101010000060201010202000001');
INSERT INTO claim_text_data VALUES(137438953473,X'000001de04303030300301023132010101320602033031390203023231030304013401010133010103010234360501013502010136010202303003010561626f75740303020863636f7264696e670102026e640202097a65726261696a616e010b026973030301076265747765656e020206696c6c696f6e010205757265617503010663656e7375730302066c61696d6564060305696e746f6e0502066f756e746564030103646f65020105657665727902020678706f72747301010766696e616e6365020103676173010103686164020102696e01020301046a616e650201046c617465040204656164730502056976696e67030301056d61726368020206696c6c696f6e0603066e697374657202040275730502056f6e6461790401086e6174696f6e616c0101026f66010304666963650102016e020202017205010770657263656e740502036c75730502056f696e747305020572696365730202047574696e06010372616e0402046973656e0202036f73650102057573736961030301017301020361696402010204696e6365020209746174697374696373010104746861740204030165010202016f0102057261696e73040202776f040108766c6164696d6972060102776503030272650602036974680501047965617202040605040606040605040405090b050c060a0908090908090608090a0606070707070908090905080b050705040a06080807060706090407070c08050408050b050506');
INSERT INTO claim_text_data VALUES(274877906945,X'0000003c0330696e0701066d6f73636f770701026f6e070105707574696e07010573706f6b6507010774756573646179070108766c6164696d6972070405090508080a');
CREATE TABLE IF NOT EXISTS 'claim_text_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO claim_text_idx VALUES(1,X'',2);
INSERT INTO claim_text_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'claim_text_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
INSERT INTO claim_text_docsize VALUES(1,X'13',1);
INSERT INTO claim_text_docsize VALUES(2,X'14',1);
INSERT INTO claim_text_docsize VALUES(3,X'0f',1);
INSERT INTO claim_text_docsize VALUES(4,X'06',1);
INSERT INTO claim_text_docsize VALUES(5,X'0a',1);
INSERT INTO claim_text_docsize VALUES(6,X'0e',1);
INSERT INTO claim_text_docsize VALUES(7,X'07',2);
CREATE TABLE IF NOT EXISTS 'claim_text_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO claim_text_config VALUES('version',4);
CREATE TABLE claim_keys (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    ordinal  INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    PRIMARY KEY (claim_id, ordinal)
) WITHOUT ROWID;
INSERT INTO claim_keys VALUES(1,0,'Exports of Azerbaijan’s gasexportgasazerbaijpercentr738886,739251,s11.7612.2412');
INSERT INTO claim_keys VALUES(1,1,'Exports of Azerbaijan’s gasexportgasazerbaijeurl738886,739251,s355000000036500000003600000000');
INSERT INTO claim_keys VALUES(2,0,'pricespricepercentl737060,737424,s2.945.143..5');
INSERT INTO claim_keys VALUES(3,0,'Azerbaijanis living in Russiaazerbaijaniazerbaijrusscountl737791,738155,s528000672000600000APPROX');
INSERT INTO claim_keys VALUES(4,0,'trainstrainranlatcountl1.962.042');
INSERT INTO claim_keys VALUES(5,0,'trainstrainranlatpercentl45.546.546');
INSERT INTO claim_keys VALUES(6,0,'Azerbaijanisazerbaijanilivazerbaijrusscountl737791,738155,s176000022400002000000APPROX');
CREATE TABLE claim_key_terms (
    term     TEXT    NOT NULL,
    unit     TEXT    NOT NULL,
    claim_id INTEGER NOT NULL,
    PRIMARY KEY (term, unit, claim_id)
) WITHOUT ROWID;
INSERT INTO claim_key_terms VALUES('azerbaijani','count',3);
INSERT INTO claim_key_terms VALUES('azerbaijani','count',6);
INSERT INTO claim_key_terms VALUES('export','eur',1);
INSERT INTO claim_key_terms VALUES('export','percent',1);
INSERT INTO claim_key_terms VALUES('gas','eur',1);
INSERT INTO claim_key_terms VALUES('gas','percent',1);
INSERT INTO claim_key_terms VALUES('lat','count',4);
INSERT INTO claim_key_terms VALUES('lat','percent',5);
INSERT INTO claim_key_terms VALUES('liv','count',6);
INSERT INTO claim_key_terms VALUES('price','percent',2);
INSERT INTO claim_key_terms VALUES('ran','count',4);
INSERT INTO claim_key_terms VALUES('ran','percent',5);
INSERT INTO claim_key_terms VALUES('train','count',4);
INSERT INTO claim_key_terms VALUES('train','percent',5);
CREATE TABLE claim_relations (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    relation TEXT    NOT NULL CHECK (relation = 'repeat' OR relation = 'conflict'
                OR relation = 'related'),
    reason   TEXT    NOT NULL,
    score    REAL    NOT NULL,
    found_at TEXT    NOT NULL,
    PRIMARY KEY (claim_id, other_id)
) WITHOUT ROWID;
INSERT INTO claim_relations VALUES(6,3,'conflict','same subject ''Azerbaijanis living in Russia'', unit count, 2,000,000 APPROX vs 600,000 APPROX: ratio 3.3',0.83333333333333325931,'2026-12-07T22:07:26.181Z');
CREATE TABLE fact_checks (
    id            INTEGER PRIMARY KEY,
    claim         TEXT    NOT NULL,
    rating        TEXT,
    rating_value  REAL,
    best_rating   REAL,
    worst_rating  REAL,
    publisher     TEXT,
    publisher_key TEXT    NOT NULL DEFAULT '',
    publisher_url TEXT,
    url           TEXT,
    headline      TEXT,
    review_date   TEXT,
    claim_date    TEXT,
    claimant      TEXT,
    imported_at   TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS 'fact_check_text_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO fact_check_text_data VALUES(1,X'');
INSERT INTO fact_check_text_data VALUES(10,X'00000000ff000001000000');
CREATE TABLE IF NOT EXISTS 'fact_check_text_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'fact_check_text_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
CREATE TABLE IF NOT EXISTS 'fact_check_text_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO fact_check_text_config VALUES('version',4);
CREATE TABLE fact_check_keys (
    fact_check_id INTEGER NOT NULL REFERENCES fact_checks(id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    key           TEXT    NOT NULL,
    PRIMARY KEY (fact_check_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE fact_check_terms (
    term          TEXT    NOT NULL,
    unit          TEXT    NOT NULL,
    fact_check_id INTEGER NOT NULL,
    PRIMARY KEY (term, unit, fact_check_id)
) WITHOUT ROWID;
CREATE TABLE fact_check_relations (
    claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    fact_check_id INTEGER NOT NULL REFERENCES fact_checks(id) ON DELETE CASCADE,
    relation      TEXT    NOT NULL CHECK (relation = 'repeat' OR relation = 'conflict'
                    OR relation = 'related'),
    reason        TEXT    NOT NULL,
    score         REAL    NOT NULL,
    found_at      TEXT    NOT NULL,
    PRIMARY KEY (claim_id, fact_check_id)
) WITHOUT ROWID;
CREATE TABLE features (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    weight REAL,
    UNIQUE (name, weight)
);
INSERT INTO features VALUES(1,'percent',0.75500000000000000444);
INSERT INTO features VALUES(2,'figure',0.53400000000000003019);
INSERT INTO features VALUES(3,'money',0.49399999999999999467);
INSERT INTO features VALUES(4,'data_source',0.48499999999999998667);
INSERT INTO features VALUES(5,'large_number',0.46200000000000002176);
INSERT INTO features VALUES(6,'comparison',0.41499999999999998001);
INSERT INTO features VALUES(7,'several_figures',0.38600000000000000976);
INSERT INTO features VALUES(8,'date',0.37199999999999999733);
INSERT INTO features VALUES(9,'past_event',0.36399999999999999023);
INSERT INTO features VALUES(10,'named_source',0.017999999999999998639);
INSERT INTO features VALUES(11,'base',-3.0230000000000001314);
INSERT INTO features VALUES(12,'word:and',-0.18699999999999999955);
INSERT INTO features VALUES(13,'official_role',-0.16600000000000000865);
INSERT INTO features VALUES(14,'word:since',0.11700000000000000677);
INSERT INTO features VALUES(15,'word:that',-0.11600000000000000588);
INSERT INTO features VALUES(16,'hedge',0.073999999999999996336);
INSERT INTO features VALUES(17,'we',0.036999999999999998168);
INSERT INTO features VALUES(18,'quote',0.021999999999999998723);
INSERT INTO features VALUES(19,'word:percent',0.20599999999999998867);
INSERT INTO features VALUES(20,'word:with',-0.13100000000000000532);
INSERT INTO features VALUES(21,'word:or',0.10699999999999999789);
CREATE TABLE IF NOT EXISTS "claims" (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    sentence_id   INTEGER REFERENCES sentences(id),
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    byte_start    INTEGER NOT NULL,
    byte_end      INTEGER NOT NULL,
    text          TEXT,
    claim_type    TEXT    NOT NULL CHECK (claim_type = 'statistic' OR claim_type = 'quote'
                    OR claim_type = 'attribution' OR claim_type = 'event'
                    OR claim_type = 'comparison' OR claim_type = 'prediction'),
    worthiness    REAL    NOT NULL DEFAULT 0,
    features      TEXT,
    sourced       INTEGER NOT NULL DEFAULT 0 CHECK (sourced IN (0, 1)),
    has_figure    INTEGER NOT NULL DEFAULT 0 CHECK (has_figure IN (0, 1)),
    status        TEXT    NOT NULL DEFAULT 'unverified' CHECK (status = 'unverified'
                    OR status = 'in_review' OR status = 'verified' OR status = 'false'
                    OR status = 'misleading' OR status = 'contested' OR status = 'unverifiable'
                    OR status = 'needs_recheck'),
    anchor_state  TEXT    NOT NULL DEFAULT 'anchored' CHECK (anchor_state IN ('anchored', 'orphan')),
    -- The quote context (W3C TextQuoteSelector prefix/suffix) of an orphan, whose text
    -- is no longer in its document; NULL while the claim is anchored.
    quote_prefix  TEXT,
    quote_suffix  TEXT,
    earliest_date TEXT,
    latest_date   TEXT,
    created_at    TEXT,
    updated_at    TEXT
);
INSERT INTO claims VALUES(1,1,16777216,0,106,0,110,NULL,'comparison',0.77900000000000002575,'1 2 3 4 5 6 7 8 9 10 11',1,1,'verified','anchored',NULL,NULL,'2024','2024',NULL,'2026-12-07T22:07:28.303Z');
INSERT INTO claims VALUES(2,1,16777217,108,212,112,216,NULL,'statistic',0.20899999999999999134,'1 2 8 9 12 13 14 15 10 11',1,1,'unverified','anchored',NULL,NULL,'2019','2019',NULL,NULL);
INSERT INTO claims VALUES(3,1,16777218,214,303,218,311,NULL,'quote',0.3420000000000000262,'2 4 5 8 9 16 17 18 10 11',1,1,'contested','anchored',NULL,NULL,'2021','2021',NULL,'2026-12-07T22:07:28.227Z');
INSERT INTO claims VALUES(4,1,16777219,305,335,313,343,NULL,'statistic',0.076999999999999999,'2 11',1,1,'unverified','anchored',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO claims VALUES(5,1,16777220,336,390,344,398,NULL,'statistic',0.17499999999999998889,'1 2 19 20 21 11',1,1,'unverified','anchored',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO claims VALUES(6,3,NULL,0,87,0,87,'Vladimir Putin claimed in 2021 that about 2 million Azerbaijanis were living in Russia.','statistic',0.211999999999999994,'2 5 8 9 15 16 10 11',1,1,'verified','orphan','',replace('\n','\n',char(10)),'2021','2021','2026-12-07T22:07:26.181Z','2026-12-07T22:07:28.351Z');
INSERT INTO claims VALUES(7,3,50331648,0,42,0,42,NULL,'event',0.045999999999999999222,'11',0,0,'unverified','anchored',NULL,NULL,NULL,NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "documents" (
    id           INTEGER PRIMARY KEY,
    source_key   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    previous_id  INTEGER REFERENCES documents(id),
    is_current   INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    content_hash TEXT    NOT NULL,
    path         TEXT,
    url          TEXT,
    title        TEXT,
    outlet       TEXT,
    language     TEXT,
    author       TEXT,
    published    TEXT,
    anchor_kind  TEXT    CHECK (anchor_kind = 'published' OR anchor_kind = 'inferred'
                                OR anchor_kind = 'none'),
    anchor_date  TEXT,
    text         BLOB    NOT NULL,
    char_len     INTEGER NOT NULL,
    ingested_at  TEXT    NOT NULL,
    UNIQUE (source_key, version)
);
INSERT INTO documents VALUES(1,'desk.txt',1,NULL,1,'7606d1eb3bca24600dd255ebfea10fce7d7b0d4881c2a2a26c389e05204778e2','desk.txt',NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,X'4d903d4ec3501084fb9c629a7496e5d8211225e2a7404a8390a8d7f6265e64f6596fd709a18ab80512dc8053f9243c230aaa9d62f6db99bd7d1d427443d8e1ea8d634df24c3a9d3f0c7b32c4608c55b984074cefdf55be412d7d2f41218ab228d719a869426c45f7b3c93b86922703f5304fca5c9a19bf9386f3c5e24e94b4616c45c59c23ee4919378161242d12b8c29662d3c13b720c31ad193a6a11c55851b31f39cd6a09d216174bf081e30927a60893195d16abcb74693a7f3e319a30aa730baac3e8d814455614c5bfaa62e8e530a74f851e4633a1bf6aab6c3a7fa5148c86d546433d46a6f13767c23f1e033c9268fa12297a729ed36f83b674ca71dd8b7a6ad333b586a37887f50603c704f30c439f8021e24534890a431075cb173f',391,'2026-12-07T22:07:26.181Z');
INSERT INTO documents VALUES(2,'putin.txt',1,NULL,0,'7269cb82939709151e67b3cc6b4e95cd69027a3bd1ffc21db3410616f44bb8b2','putin.txt',NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,X'15cbbb0d80201405d0de29ee0446d9c00d8c85fd43885ef380848f264eaf76a739ab8a6360c6dc2a23361506eff0d10c66443da4426c6a150681aa4c11d3e3b3159e125970fbeca1bc18f77f2dad144adfbd',88,'2026-12-07T22:07:26.181Z');
INSERT INTO documents VALUES(3,'putin.txt',2,2,1,'f43ed61664232952f1eb803048d9b1a2d8ec0bad7249639a92fe98e7744d38c4','putin.txt',NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,X'012b00d4ff566c6164696d697220507574696e2073706f6b6520696e204d6f73636f77206f6e20547565736461792e0a',43,'2026-12-07T22:07:28.350Z');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','claim_text','claim_text',0,'CREATE VIRTUAL TABLE claim_text USING fts5(text, content = '''', contentless_delete = 1,
    detail = none)');
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','fact_check_text','fact_check_text',0,'CREATE VIRTUAL TABLE fact_check_text USING fts5(text, content = '''', contentless_delete = 1,
    detail = none)');
CREATE INDEX sources_name ON sources (name);
CREATE INDEX source_aliases_alias ON source_aliases (alias);
CREATE INDEX claim_sources_source ON claim_sources (source_id);
CREATE INDEX claim_links_claim ON claim_links (claim_id);
CREATE INDEX claim_links_other ON claim_links (other_id);
CREATE INDEX review_log_claim ON review_log (claim_id, id);
CREATE INDEX review_log_against ON review_log (against_id);
CREATE INDEX claim_relations_other ON claim_relations (other_id);
CREATE INDEX fact_checks_claim ON fact_checks (claim);
CREATE INDEX fact_check_relations_fact_check ON fact_check_relations (fact_check_id);
CREATE INDEX claims_document ON claims (document_id);
CREATE INDEX claims_reviewed ON claims (status) WHERE status <> 'unverified';
CREATE INDEX claims_unsourced ON claims (worthiness DESC, document_id, start)
    WHERE sourced = 0 AND has_figure = 1;
CREATE INDEX documents_hash ON documents (content_hash);
CREATE INDEX documents_current ON documents (source_key, is_current);
CREATE INDEX documents_path ON documents (path);
CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;
CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;
PRAGMA writable_schema=OFF;
COMMIT;
