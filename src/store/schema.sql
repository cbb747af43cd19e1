-- schema.sql: the ledger's schema as a sequence of migrations.
--
-- Each migration starts with a line "-- version N: what it does"; migrate.c
-- splits this file on those lines and runs, in one transaction each, every
-- migration above the database's PRAGMA user_version, then sets
-- user_version to N.  A fresh database runs them all.  Never edit a released
-- migration: append a new one.
--
-- Offsets are bytes into doc.text (a BLOB, so that substr() counts bytes).
-- Every record keeps its document, article and byte span, and the span of
-- the sentence that is its evidence (ev_start, ev_end).
-- Quantities, times and entities are kept for export and later queries;
-- no query reads them yet, so they have no indexes (each costs ingest time).
-- Dates are 'YYYY-MM-DD' text; a record's day_lo..day_hi is its own time
-- interval when it has one, else its article's publication date (a month or
-- a year becomes its whole range), else NULL.

-- version 1: documents, articles, records, near-duplicate bands, full text
CREATE TABLE doc (
	id INTEGER PRIMARY KEY,
	path TEXT,                      -- absolute path or URL; NULL for standard input
	version INTEGER NOT NULL,       -- 1, 2, ... per path
	current INTEGER NOT NULL,       -- 1 for the latest version of its path
	hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the input bytes, hex
	size INTEGER NOT NULL,
	ingested TEXT NOT NULL,         -- UTC, ISO 8601
	text BLOB NOT NULL
);
CREATE INDEX doc_path ON doc(path, version);

CREATE TABLE article (
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL REFERENCES doc(id),
	idx INTEGER NOT NULL,
	start INTEGER NOT NULL,
	end INTEGER NOT NULL,
	title TEXT,
	published TEXT,
	publisher TEXT,
	author TEXT,
	day_lo TEXT,
	day_hi TEXT,
	grp INTEGER NOT NULL,           -- id of the first article it near-duplicates (itself if none)
	sig BLOB,                       -- MinHash signature of its word shingles
	UNIQUE (doc, idx)
);
CREATE INDEX article_grp ON article(grp);

-- Locality-sensitive hashing bands of the MinHash signatures.
CREATE TABLE band (
	key INTEGER NOT NULL,
	article INTEGER NOT NULL,
	PRIMARY KEY (key, article)
) WITHOUT ROWID;

CREATE TABLE quantity (
	id INTEGER PRIMARY KEY,
	article INTEGER NOT NULL,
	start INTEGER NOT NULL, end INTEGER NOT NULL,
	ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
	kind TEXT NOT NULL,
	low REAL, high REAL,
	low_incl INTEGER, high_incl INTEGER,
	approx INTEGER NOT NULL
);

CREATE TABLE time (
	id INTEGER PRIMARY KEY,
	article INTEGER NOT NULL,
	start INTEGER NOT NULL, end INTEGER NOT NULL,
	ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
	day_lo TEXT, day_hi TEXT,
	open_end INTEGER NOT NULL,
	inferred INTEGER NOT NULL
);

CREATE TABLE entity (
	id INTEGER PRIMARY KEY,
	article INTEGER NOT NULL,
	start INTEGER NOT NULL, end INTEGER NOT NULL,
	ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
	canonical TEXT,
	kind TEXT NOT NULL
);

CREATE TABLE claim (
	id INTEGER PRIMARY KEY,
	article INTEGER NOT NULL,
	start INTEGER NOT NULL, end INTEGER NOT NULL,   -- the sentence
	ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
	measure TEXT NOT NULL,
	subject TEXT,
	subject_canonical TEXT,
	low REAL, high REAL,
	low_incl INTEGER, high_incl INTEGER,
	approx INTEGER NOT NULL,
	value_start INTEGER NOT NULL, value_end INTEGER NOT NULL,
	value_text TEXT,
	source TEXT,                    -- the source as written, NULL for the article's own voice
	source_start INTEGER, source_end INTEGER,
	source_names TEXT,              -- its canonical names, ", "-separated
	time_lo TEXT, time_hi TEXT,     -- the claim's own time, when it has one
	day_lo TEXT, day_hi TEXT,
	hedges TEXT                     -- comma-separated
);
CREATE INDEX claim_article ON claim(article);
CREATE INDEX claim_series ON claim(measure, subject_canonical COLLATE NOCASE, day_lo);
CREATE INDEX claim_day ON claim(day_lo);

CREATE TABLE quote (
	id INTEGER PRIMARY KEY,
	article INTEGER NOT NULL,
	start INTEGER NOT NULL, end INTEGER NOT NULL,   -- the quoted words
	ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
	partial INTEGER NOT NULL,
	speaker TEXT,
	speaker_start INTEGER, speaker_end INTEGER,
	speaker_names TEXT,
	day_lo TEXT, day_hi TEXT
);
CREATE INDEX quote_article ON quote(article);

CREATE TABLE stance (
	id INTEGER PRIMARY KEY,
	article INTEGER NOT NULL,
	start INTEGER NOT NULL, end INTEGER NOT NULL,   -- the sentence
	ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
	stance TEXT NOT NULL,
	actor TEXT,
	actor_start INTEGER, actor_end INTEGER,
	actor_names TEXT,
	about TEXT,
	about_start INTEGER, about_end INTEGER,
	day_lo TEXT, day_hi TEXT
);
CREATE INDEX stance_article ON stance(article);
CREATE INDEX stance_kind ON stance(stance, day_lo);

-- The content words of what a stance is about (store/topic.c).
CREATE TABLE topic (
	word TEXT NOT NULL,
	stance INTEGER NOT NULL,
	PRIMARY KEY (word, stance)
) WITHOUT ROWID;
CREATE INDEX topic_stance ON topic(stance);

-- The canonical names of a claim's source, a quote's speaker, a stance's
-- actor: kind is 'claim', 'quote' or 'stance', rec that table's id.
CREATE TABLE party (
	kind TEXT NOT NULL,
	rec INTEGER NOT NULL,
	name TEXT NOT NULL COLLATE NOCASE,
	PRIMARY KEY (kind, rec, name)
) WITHOUT ROWID;
CREATE INDEX party_name ON party(name, kind);

-- Full text of each article (title and body); rowid = article.id.  The
-- index keeps no copy of the text: snippets read it back from doc.text
-- through the article_text view (FTS5 external content).
CREATE VIEW article_text AS
	SELECT a.id AS id, a.title AS title, CAST(substr(d.text, a.start + 1, a.end - a.start) AS TEXT) AS body
	FROM article a JOIN doc d ON d.id = a.doc;
CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content = 'article_text', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2');
