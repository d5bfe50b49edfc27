-- Term keys compare and sort by code point on every database, as SQLite's BINARY collation does: the term-key
-- modes' range scans (`normalized_term >= q AND normalized_term < q || U+10FFFF`) and orders are only right under
-- that order, and the baseline's columns took the database's default collation (right under C or C.UTF-8 only).
-- word_frequencies.word is joined to normalized_term (the typo and ranking priors): with two different collations
-- the join cannot use its primary key (a typo lookup took 976 ms on WordNet, 2 ms with one collation).
-- PostgreSQL-only: SQLite always compared these columns this way. The trigger naming folded_term in its UPDATE OF
-- list blocks a type change, so it is dropped and created again unchanged.
DROP TRIGGER dictionary_term_version_update ON dictionary_entries;

ALTER TABLE dictionary_entries
    ALTER COLUMN normalized_term TYPE text COLLATE "C",
    ALTER COLUMN folded_term TYPE text COLLATE "C";

ALTER TABLE word_frequencies ALTER COLUMN word TYPE text COLLATE "C";

CREATE TRIGGER dictionary_term_version_update AFTER UPDATE OF folded_term ON dictionary_entries
    FOR EACH ROW EXECUTE FUNCTION dictionary_term_version_bump_row();
