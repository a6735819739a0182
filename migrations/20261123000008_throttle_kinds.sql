-- The throttle counts reset requests too (each one sends a mail), beside wrong passwords and codes.
ALTER TABLE login_failures ADD COLUMN kind text NOT NULL DEFAULT 'connexion'
    CHECK (kind IN ('connexion', 'reinitialisation'));
CREATE INDEX login_failures_kind_email ON login_failures (kind, email, at);
