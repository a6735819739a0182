-- Offre, first part: the entités gestionnaires' own data and lifecycle, and the shared field-level history.

-- History of every change of a business object, one row per save: who, when, the version it produced, and the
-- changed fields with their value before and after (labels as shown, so that a retired code stays readable).
-- Written in the transaction of the change. Shared by the Offre objects, the référentiels and the fiche ménage.
CREATE TABLE historique (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    object    text NOT NULL,
    object_id text NOT NULL,
    version   integer NOT NULL,
    action    text NOT NULL,
    user_id   uuid REFERENCES users (id),
    at        timestamptz NOT NULL DEFAULT now(),
    -- [{"field": "nom", "label": "Nom", "before": "…", "after": "…"}]
    changes   jsonb NOT NULL DEFAULT '[]',
    comment   text
);
CREATE INDEX historique_object ON historique (object, object_id, id);

-- The département where the entité was created: its name is unique there. The entité may operate in other
-- départements too (entite_departements).
ALTER TABLE entites
    ADD COLUMN departement_code      text REFERENCES departements (code),
    ADD COLUMN telephone             text CHECK (telephone ~ '^\+?[0-9]{10,15}$'),
    ADD COLUMN courriel              text CHECK (length(courriel) <= 254),
    ADD COLUMN convention_collective text,
    ADD COLUMN idcc                  text CHECK (idcc ~ '^[0-9]{1,4}$'),
    ADD COLUMN adresse               text,
    ADD COLUMN code_postal           text CHECK (code_postal ~ '^[0-9][0-9AB][0-9]{3}$'),
    ADD COLUMN commune               text,
    -- brouillon (created by a SIAO, to pre-validate), prevalide (waits for the département), valide,
    -- renvoye (sent back by the département with a reason, to correct and pre-validate again).
    ADD COLUMN statut                text NOT NULL DEFAULT 'valide'
        CHECK (statut IN ('brouillon', 'prevalide', 'valide', 'renvoye')),
    ADD COLUMN motif_renvoi          text,
    ADD COLUMN actif                 boolean NOT NULL DEFAULT true,
    ADD COLUMN created_by            uuid REFERENCES users (id),
    ADD CONSTRAINT entites_idcc_only_for_autre
        CHECK (idcc IS NULL OR convention_collective = 'autre');

UPDATE entites e
SET departement_code = (SELECT min(departement_code) FROM entite_departements d WHERE d.entite_id = e.id);

CREATE UNIQUE INDEX entites_nom_departement_key ON entites (departement_code, lower(nom));
CREATE INDEX entites_statut ON entites (statut) WHERE statut <> 'valide';
