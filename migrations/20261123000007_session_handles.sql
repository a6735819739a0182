-- Sessions are listed and ended through an opaque handle, never through their id: the id is the secret of
-- the session cookie, and a page that showed it (or its hydration data) would let a reader replay it.
ALTER TABLE user_sessions ADD COLUMN handle uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE user_sessions ADD CONSTRAINT user_sessions_handle_key UNIQUE (handle);
