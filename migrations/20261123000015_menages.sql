-- Fiche ménage, first part: ménages, personnes, their membership over time, the search and the scope.

-- Trusted extensions (PostgreSQL 13+): the database owner creates them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Names as the search compares them: no accents, lower case, only letters and digits separated by one space
-- ("Le Gall-Hervé" and "le gall herve" are the same). unaccent() is STABLE (its dictionary may change); this
-- wrapper names the dictionary, which makes it safe to declare IMMUTABLE and to index.
CREATE FUNCTION search_normalize(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[^a-z0-9]+', ' ', 'g')) $$;

-- The number shown to users ("MÉNAGE 10000042"): sequential, it is not a secret; the clé is.
CREATE SEQUENCE menages_numero_seq START 10000001;

CREATE TABLE menages (
    id               uuid PRIMARY KEY,
    numero           bigint NOT NULL UNIQUE DEFAULT nextval('menages_numero_seq'),
    -- The clé ménage given to partner software: 'M' and 16 random Crockford base32 characters (80 bits).
    cle              text NOT NULL UNIQUE CHECK (cle ~ '^M[0-9A-HJKMNP-TV-Z]{16}$'),
    departement_code text NOT NULL REFERENCES departements (code),
    -- Situation du ménage (logement), codes of the SI SIAO référentiels.
    situation_logement text CHECK (length(situation_logement) <= 100),
    motif_demande      text CHECK (length(motif_demande) <= 100),
    duree_errance      text CHECK (length(duree_errance) <= 100),
    expulsion_en_cours boolean,
    domiciliation      text CHECK (length(domiciliation) <= 300),
    animaux            text CHECK (length(animaux) <= 100),
    observations       text CHECK (length(observations) <= 2000),
    version          integer NOT NULL DEFAULT 1,
    created_by       uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       uuid REFERENCES users (id),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX menages_departement ON menages (departement_code, updated_at DESC);
CREATE INDEX menages_created_by ON menages (created_by, updated_at DESC);

CREATE TABLE personnes (
    id              uuid PRIMARY KEY,
    -- The clé personne: 'P' and 16 random Crockford base32 characters.
    cle             text NOT NULL UNIQUE CHECK (cle ~ '^P[0-9A-HJKMNP-TV-Z]{16}$'),
    nom_naissance   text NOT NULL CHECK (length(nom_naissance) BETWEEN 1 AND 100),
    nom_usage       text CHECK (length(nom_usage) <= 100),
    prenoms         text NOT NULL CHECK (length(prenoms) BETWEEN 1 AND 150),
    date_naissance  date CHECK (date_naissance >= '1900-01-01'),
    lieu_naissance  text CHECK (length(lieu_naissance) <= 150),
    sexe            text CHECK (length(sexe) <= 20),
    nationalite     text CHECK (length(nationalite) <= 20),
    telephone       text CHECK (telephone ~ '^\+?[0-9]{10,15}$'),
    courriel        text CHECK (length(courriel) <= 254),
    version         integer NOT NULL DEFAULT 1,
    created_by      uuid REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      uuid REFERENCES users (id),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- Every name of the person, normalised: what the search and the duplicate detection compare.
    noms_recherche  text GENERATED ALWAYS AS
        (search_normalize(nom_naissance || ' ' || coalesce(nom_usage, '') || ' ' || prenoms)) STORED
);
CREATE INDEX personnes_noms_trgm ON personnes USING gin (noms_recherche gin_trgm_ops);
CREATE INDEX personnes_naissance ON personnes (date_naissance);

-- Who belongs to which ménage, and since when: a person is never deleted, only detached (jusqu_au set); a
-- person belongs to one ménage at a time.
CREATE TABLE menage_membres (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    menage_id   uuid NOT NULL REFERENCES menages (id),
    personne_id uuid NOT NULL REFERENCES personnes (id),
    role        text NOT NULL CHECK (role IN ('demandeur_principal', 'conjoint', 'enfant', 'autre')),
    depuis      timestamptz NOT NULL DEFAULT now(),
    jusqu_au    timestamptz,
    added_by    uuid REFERENCES users (id),
    removed_by  uuid REFERENCES users (id),
    CHECK (jusqu_au IS NULL OR jusqu_au >= depuis)
);
CREATE UNIQUE INDEX menage_membres_one_menage ON menage_membres (personne_id) WHERE jusqu_au IS NULL;
CREATE UNIQUE INDEX menage_membres_one_principal ON menage_membres (menage_id)
    WHERE jusqu_au IS NULL AND role = 'demandeur_principal';
CREATE INDEX menage_membres_menage ON menage_membres (menage_id, personne_id);

-- The scope rule of the ménages, in one place for every list and search (the Rust decision on one ménage,
-- rights::authorize, says the same). $2 the user's départements, $3 the user, $4 the user's dispositifs
-- (unused until the demandes add their branch: "an open demande, orientation or prise en charge on one of
-- my dispositifs"). An SQL function of one expression: the planner inlines it and keeps the indexes.
CREATE FUNCTION menage_in_scope(m menages, scope text, departements text[], user_id uuid, dispositifs uuid[])
    RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE scope
        WHEN 'all' THEN true
        WHEN 'departement' THEN m.departement_code = ANY (departements)
        WHEN 'siao' THEN m.departement_code = ANY (departements)
        WHEN 'suivis' THEN m.created_by = user_id
        WHEN 'own' THEN m.created_by = user_id
        ELSE false
    END $$;
