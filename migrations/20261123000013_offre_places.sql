-- Offre, third part: groupes de places and their places, financements of the dispositifs.

-- A homogeneous set of places of a dispositif (same public, location, equipment). Its orientation channel
-- is set here, not inherited from the dispositif. An éphémère groupe (winter plan) has its dates.
CREATE TABLE groupes_places (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dispositif_id uuid NOT NULL REFERENCES dispositifs (id),
    nom           text NOT NULL CHECK (length(nom) BETWEEN 1 AND 200),
    canal         text NOT NULL CHECK (canal IN ('urgence_115', 'insertion', 'mixte')),
    publics       text[] NOT NULL DEFAULT '{}',
    adresse       text,
    code_postal   text CHECK (code_postal ~ '^[0-9][0-9AB][0-9]{3}$'),
    commune       text,
    accessible_pmr boolean NOT NULL DEFAULT false,
    equipements   text CHECK (length(equipements) <= 1000),
    ephemere      boolean NOT NULL DEFAULT false,
    date_debut    date,
    date_fin      date,
    actif         boolean NOT NULL DEFAULT true,
    version       integer NOT NULL DEFAULT 1,
    created_by    uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT groupes_places_dispositif_nom_key UNIQUE (dispositif_id, nom),
    CONSTRAINT groupes_places_ephemere_dates CHECK (
        (ephemere AND date_debut IS NOT NULL AND date_fin IS NOT NULL AND date_fin >= date_debut)
        OR (NOT ephemere AND date_debut IS NULL AND date_fin IS NULL))
);
CREATE INDEX groupes_places_dispositif ON groupes_places (dispositif_id);

-- A place: libre, occupee (set by arrivals and departures, never typed in) or immobilisee (with a motif
-- from the référentiel and dates). Freeing an immobilised place (désimmobilisation) makes it libre again;
-- the history keeps the event.
CREATE TABLE places (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    groupe_id    uuid NOT NULL REFERENCES groupes_places (id),
    numero       integer NOT NULL CHECK (numero > 0),
    statut       text NOT NULL DEFAULT 'libre' CHECK (statut IN ('libre', 'occupee', 'immobilisee')),
    motif_immobilisation text,
    immobilisee_du date,
    immobilisee_au date,
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT places_groupe_numero_key UNIQUE (groupe_id, numero),
    CONSTRAINT places_immobilisation CHECK (
        (statut = 'immobilisee' AND motif_immobilisation IS NOT NULL AND immobilisee_du IS NOT NULL
             AND (immobilisee_au IS NULL OR immobilisee_au >= immobilisee_du))
        OR (statut <> 'immobilisee' AND motif_immobilisation IS NULL AND immobilisee_du IS NULL
             AND immobilisee_au IS NULL))
);

-- A financing line of a dispositif: source, year, amount (in cents), places financed. One line per source
-- and year among the active lines; a line is deactivated, never deleted.
CREATE TABLE financements (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dispositif_id    uuid NOT NULL REFERENCES dispositifs (id),
    source_code      text NOT NULL,
    annee            integer NOT NULL CHECK (annee BETWEEN 2000 AND 2100),
    montant_centimes bigint CHECK (montant_centimes >= 0),
    places_financees integer NOT NULL CHECK (places_financees BETWEEN 0 AND 100000),
    actif            boolean NOT NULL DEFAULT true,
    version          integer NOT NULL DEFAULT 1,
    created_by       uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX financements_dispositif_source_annee_key ON financements (dispositif_id, source_code, annee)
    WHERE actif;
-- Every line of a dispositif, active or not (the foreign key's checks when a dispositif goes).
CREATE INDEX financements_dispositif ON financements (dispositif_id);

-- The installed places of each active dispositif: places of its active groupes (an éphémère groupe counts
-- during its period only), with how many are occupied and immobilised. Read by the capacity view.
CREATE VIEW places_installees AS
SELECT g.dispositif_id,
       count(p.id) AS installees,
       count(p.id) FILTER (WHERE p.statut = 'occupee') AS occupees,
       count(p.id) FILTER (WHERE p.statut = 'immobilisee') AS immobilisees
FROM groupes_places g
JOIN dispositifs d ON d.id = g.dispositif_id AND d.actif
JOIN places p ON p.groupe_id = g.id
WHERE g.actif AND (NOT g.ephemere OR current_date BETWEEN g.date_debut AND g.date_fin)
GROUP BY g.dispositif_id;
