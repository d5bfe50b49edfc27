-- Roles. The original also promoted every @mirubato.com address to admin through triggers; here a role
-- is only ever granted explicitly.
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'teacher', 'admin'));
CREATE INDEX idx_users_role ON users (role) WHERE role <> 'user';
