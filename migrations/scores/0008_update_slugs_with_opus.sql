-- Slugs that are still the backfilled id become title (+ opus), lowercased, spaces and dots as '-'.
-- The application computes new slugs with the full rule (every non [a-z0-9] run → '-'); this only
-- upgrades old rows, and skips a row whose new slug would collide with an existing one.
UPDATE scores
SET slug = lower(replace(replace(trim(title || coalesce(' ' || opus, '')), ' ', '-'), '.', '-'))
WHERE slug = id
  AND NOT EXISTS (
      SELECT 1 FROM scores AS other
      WHERE other.slug = lower(replace(replace(trim(scores.title || coalesce(' ' || scores.opus, '')), ' ', '-'), '.', '-'))
  );
