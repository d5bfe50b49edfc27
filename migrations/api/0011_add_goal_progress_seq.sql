-- Goal progress ordered without SQLite's rowid: records of the same millisecond keep the order they were written
-- in through `seq`, a column both engines have (PostgreSQL: an identity column, migrations/postgres/api/0002).
-- Here `seq` is the row's rowid, copied for existing rows and set by a trigger for new ones.
ALTER TABLE goal_progress ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;

UPDATE goal_progress SET seq = rowid;

CREATE TRIGGER goal_progress_seq AFTER INSERT ON goal_progress WHEN NEW.seq = 0
BEGIN
    UPDATE goal_progress SET seq = NEW.rowid WHERE rowid = NEW.rowid;
END;

CREATE INDEX idx_goal_progress_order ON goal_progress (user_id, goal_id, recorded_at, seq);
