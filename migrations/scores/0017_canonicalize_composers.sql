-- Canonical composer spellings. The alias table is also read by the application's normalized-id rule,
-- so "J.S. Bach" and "Johann Sebastian Bach" produce the same normalized id. Aliases are stored in
-- lowercase with periods removed and spaces collapsed (the normalizer's composer key).
CREATE TABLE composer_aliases (
    alias TEXT PRIMARY KEY NOT NULL CHECK (alias = lower(alias) AND length(alias) > 0),
    canonical TEXT NOT NULL CHECK (length(trim(canonical)) > 0)
);

INSERT INTO composer_aliases (alias, canonical) VALUES
    ('bach', 'Johann Sebastian Bach'),
    ('j s bach', 'Johann Sebastian Bach'),
    ('js bach', 'Johann Sebastian Bach'),
    ('johann sebastian bach', 'Johann Sebastian Bach'),
    ('barrios', 'Agustín Barrios Mangoré'),
    ('agustin barrios', 'Agustín Barrios Mangoré'),
    ('agustín barrios', 'Agustín Barrios Mangoré'),
    ('agustin barrios mangore', 'Agustín Barrios Mangoré'),
    ('agustín barrios mangoré', 'Agustín Barrios Mangoré'),
    ('hanon', 'Charles-Louis Hanon'),
    ('c l hanon', 'Charles-Louis Hanon'),
    ('charles-louis hanon', 'Charles-Louis Hanon'),
    ('czerny', 'Carl Czerny'),
    ('carl czerny', 'Carl Czerny'),
    ('aguado', 'Dionisio Aguado'),
    ('dionisio aguado', 'Dionisio Aguado'),
    ('sor', 'Fernando Sor'),
    ('fernando sor', 'Fernando Sor'),
    ('mozart', 'Wolfgang Amadeus Mozart'),
    ('w a mozart', 'Wolfgang Amadeus Mozart'),
    ('wolfgang amadeus mozart', 'Wolfgang Amadeus Mozart'),
    ('beethoven', 'Ludwig van Beethoven'),
    ('l van beethoven', 'Ludwig van Beethoven'),
    ('ludwig van beethoven', 'Ludwig van Beethoven'),
    ('chopin', 'Frédéric Chopin'),
    ('frederic chopin', 'Frédéric Chopin'),
    ('frédéric chopin', 'Frédéric Chopin'),
    ('tarrega', 'Francisco Tárrega'),
    ('tárrega', 'Francisco Tárrega'),
    ('francisco tarrega', 'Francisco Tárrega'),
    ('francisco tárrega', 'Francisco Tárrega');

-- Existing rows: match on lower(composer) with periods removed (SQLite's lower() folds ASCII only,
-- which is enough for the stored spellings; the application folds fully).
UPDATE scores
SET composer = (SELECT canonical FROM composer_aliases
                WHERE alias = lower(trim(replace(replace(scores.composer, '. ', ' '), '.', ' '))))
WHERE composer IS NOT NULL
  AND lower(trim(replace(replace(composer, '. ', ' '), '.', ' '))) IN (SELECT alias FROM composer_aliases);
