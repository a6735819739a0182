-- Minimal Offre tables that accounts are attached to (the Offre issue extends them), accounts, single-use
-- tokens, login throttling, the session index, and the append-only audit journal.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE entites (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nom        text NOT NULL,
    siren      text NOT NULL UNIQUE CHECK (siren ~ '^[0-9]{9}$'),
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE entite_departements (
    entite_id        uuid NOT NULL REFERENCES entites (id) ON DELETE CASCADE,
    departement_code text NOT NULL REFERENCES departements (code),
    PRIMARY KEY (entite_id, departement_code)
);

CREATE TABLE dispositifs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    entite_id        uuid NOT NULL REFERENCES entites (id),
    nom              text NOT NULL,
    departement_code text NOT NULL REFERENCES departements (code),
    finance_p177     boolean NOT NULL DEFAULT false,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (entite_id, nom)
);
CREATE INDEX dispositifs_departement ON dispositifs (departement_code);

-- 1 account = 1 natural person = 1 profile = 1 individual professional e-mail.
CREATE TABLE users (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email            citext NOT NULL UNIQUE,
    prenom           text NOT NULL CHECK (length(prenom) BETWEEN 1 AND 100),
    nom              text NOT NULL CHECK (length(nom) BETWEEN 1 AND 100),
    profile          text NOT NULL CHECK (profile IN ('admin_national', 'admin_departemental', 'analyste',
                         'admin_siao', 'operateur_siao', 'ecoutant_115', 'gestionnaire_entite', 'assistant',
                         'responsable_dispositif', 'travailleur_social')),
    departement_code text REFERENCES departements (code),
    siao_id          uuid REFERENCES siaos (id),
    entite_id        uuid REFERENCES entites (id),
    password_hash    text,
    password_changed_at timestamptz,
    active           boolean NOT NULL DEFAULT true,
    deactivated_at   timestamptz,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       uuid REFERENCES users (id),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    -- The attachment matches the profile's scope (see app/src/rights/model.rs, ScopeKind).
    CONSTRAINT users_attachment CHECK (CASE
        WHEN profile IN ('admin_national', 'analyste')
            THEN departement_code IS NULL AND siao_id IS NULL AND entite_id IS NULL
        WHEN profile = 'admin_departemental'
            THEN departement_code IS NOT NULL AND siao_id IS NULL AND entite_id IS NULL
        WHEN profile IN ('admin_siao', 'operateur_siao', 'ecoutant_115')
            THEN siao_id IS NOT NULL AND departement_code IS NULL AND entite_id IS NULL
        ELSE entite_id IS NOT NULL AND departement_code IS NULL AND siao_id IS NULL
    END)
);
CREATE INDEX users_departement ON users (departement_code);
CREATE INDEX users_siao ON users (siao_id);
CREATE INDEX users_entite ON users (entite_id);

-- Dispositifs a Responsable de dispositif or a Travailleur social is assigned to.
CREATE TABLE user_dispositifs (
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    dispositif_id uuid NOT NULL REFERENCES dispositifs (id),
    PRIMARY KEY (user_id, dispositif_id)
);

-- Single-use links (welcome: set the first password; reset: forgotten password). Only the SHA-256 of the
-- token is stored.
CREATE TABLE auth_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('welcome', 'reset')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id);

-- Failed logins, for throttling per account (e-mail as typed) and per IP address.
CREATE TABLE login_failures (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email citext NOT NULL,
    ip    inet,
    at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

-- Index of the sessions of each user (the session data itself is in tower_sessions.session), so that a
-- user lists and ends their sessions, and deactivation or a password change ends them all.
CREATE TABLE user_sessions (
    session_id   text PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    ip           inet,
    user_agent   text
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

-- Audit journal: append-only (no UPDATE, DELETE or TRUNCATE, enforced by triggers).
CREATE TABLE audit_log (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at               timestamptz NOT NULL DEFAULT now(),
    user_id          uuid REFERENCES users (id),
    user_email       text,
    profile          text,
    action           text NOT NULL,
    object           text NOT NULL,
    object_id        text,
    outcome          text NOT NULL CHECK (outcome IN ('succes', 'refus', 'echec')),
    -- Territory of the actor, for the territorial filters of the journal screen.
    departement_codes text[] NOT NULL DEFAULT '{}',
    nominative       boolean NOT NULL DEFAULT false,
    detail           text,
    ip               inet
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_user ON audit_log (user_id, at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Session data (tower-sessions' PostgreSQL store; same table as its own `migrate()` would create).
CREATE SCHEMA IF NOT EXISTS tower_sessions;
CREATE TABLE IF NOT EXISTS tower_sessions.session (
    id          text PRIMARY KEY NOT NULL,
    data        bytea NOT NULL,
    expiry_date timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS session_expiry ON tower_sessions.session (expiry_date);
