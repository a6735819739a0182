-- Partner software (DUI, dossier usager informatisé) calling the REST API /api/v1: its registration, its
-- habilitation (an entité's dispositifs, all or some), its client secrets and short-lived access tokens
-- (OAuth2 client credentials), and the answers kept for the Idempotency-Key header.

-- The account a partner acts as: the author of its updates in the fiche's history, the actor in the journal.
-- It never logs in (no password, refused by the login and the password links) and is listed on no account
-- screen; its rights are the matrix's Travailleur social column, narrowed to its habilitation.
ALTER TABLE users ADD COLUMN service_account boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD CONSTRAINT users_service_account_no_password
    CHECK (NOT service_account OR (password_hash IS NULL AND profile = 'travailleur_social'));

CREATE TABLE partenaires (
    id               uuid PRIMARY KEY,
    nom              text NOT NULL UNIQUE CHECK (length(nom) BETWEEN 1 AND 100),
    editeur          text NOT NULL CHECK (length(editeur) BETWEEN 1 AND 150),
    contact_nom      text NOT NULL CHECK (length(contact_nom) BETWEEN 1 AND 150),
    contact_courriel text NOT NULL CHECK (length(contact_courriel) BETWEEN 3 AND 254),
    -- The public half of the credentials: 'dui_' and 20 lower-case base32 characters.
    client_id        text NOT NULL UNIQUE CHECK (client_id ~ '^dui_[a-z2-7]{20}$'),
    -- The entité whose teams use the software; the habilitation stays inside it.
    entite_id        uuid NOT NULL REFERENCES entites (id),
    -- Habilitated on every dispositif of the entité (present and future), or on those of partenaire_dispositifs.
    toute_entite     boolean NOT NULL DEFAULT false,
    user_id          uuid NOT NULL UNIQUE REFERENCES users (id),
    -- Calls allowed per minute before 429.
    limite_minute    integer NOT NULL DEFAULT 600 CHECK (limite_minute BETWEEN 1 AND 1000000),
    actif            boolean NOT NULL DEFAULT true,
    version          integer NOT NULL DEFAULT 1,
    created_by       uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partenaires_entite ON partenaires (entite_id);

CREATE TABLE partenaire_dispositifs (
    partenaire_id uuid NOT NULL REFERENCES partenaires (id) ON DELETE CASCADE,
    dispositif_id uuid NOT NULL REFERENCES dispositifs (id),
    PRIMARY KEY (partenaire_id, dispositif_id)
);

-- Client secrets: shown once, only their SHA-256 kept (256 random bits: a slow hash adds nothing). Several may
-- be valid at once while the partner rotates; a revoked one never comes back.
CREATE TABLE partenaire_secrets (
    id            uuid PRIMARY KEY,
    partenaire_id uuid NOT NULL REFERENCES partenaires (id) ON DELETE CASCADE,
    secret_hash   bytea NOT NULL UNIQUE,
    -- The last characters, to tell secrets apart on the screen.
    suffixe       text NOT NULL,
    created_by    uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    revoked_by    uuid REFERENCES users (id)
);
CREATE INDEX partenaire_secrets_partenaire ON partenaire_secrets (partenaire_id);

-- Access tokens (Bearer), short-lived, stored hashed; revoking their secret ends them.
CREATE TABLE api_tokens (
    token_hash    bytea PRIMARY KEY,
    secret_id     uuid NOT NULL REFERENCES partenaire_secrets (id) ON DELETE CASCADE,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX api_tokens_secret ON api_tokens (secret_id);
CREATE INDEX api_tokens_expiry ON api_tokens (expires_at);

-- Answers to the creations sent with an Idempotency-Key: the same key again gets the same answer, and creates
-- nothing. Kept 24 hours.
CREATE TABLE api_idempotence (
    partenaire_id uuid NOT NULL REFERENCES partenaires (id) ON DELETE CASCADE,
    cle           text NOT NULL CHECK (length(cle) BETWEEN 1 AND 255),
    endpoint      text NOT NULL,
    -- SHA-256 of the request body: the same key with another body is refused.
    requete_hash  bytea NOT NULL,
    -- NULL while the first request is being processed.
    statut        smallint,
    reponse       jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partenaire_id, cle)
);
CREATE INDEX api_idempotence_created ON api_idempotence (created_at);

-- Maintenance windows announced to partners (GET /api/v1/etat).
CREATE TABLE api_maintenances (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    debut      timestamptz NOT NULL,
    fin        timestamptz NOT NULL CHECK (fin > debut),
    motif      text NOT NULL CHECK (length(motif) BETWEEN 1 AND 300),
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
