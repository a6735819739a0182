-- Duplicates and their merge. An Administrateur SIAO merges a person typed twice into the other one (the
-- survivor): the survivor takes the chosen values, the absorbed person's budget lines and the situations the
-- survivor lacked; the absorbed person leaves its ménage and is kept, marked merged. Every merge can be
-- undone; a pair undone or declared distinct is never proposed again.

ALTER TABLE personnes ADD COLUMN fusionnee_dans uuid REFERENCES personnes (id);
ALTER TABLE personnes ADD COLUMN fusionnee_le timestamptz;

CREATE TABLE fusions (
    id              uuid PRIMARY KEY,
    survivante      uuid NOT NULL REFERENCES personnes (id),
    absorbee        uuid NOT NULL REFERENCES personnes (id),
    -- The absorbed person's membership the merge ended (reopened by the undo).
    membre_id       bigint REFERENCES menage_membres (id),
    -- The survivor before the merge: identity (form) and situations, restored by the undo.
    avant           jsonb NOT NULL,
    -- The survivor's version right after the merge: the undo refuses once someone changed it since.
    version_apres   integer NOT NULL,
    -- The budget lines moved from the absorbed person to the survivor.
    lignes_budget   uuid[] NOT NULL DEFAULT '{}',
    par             uuid REFERENCES users (id),
    le              timestamptz NOT NULL DEFAULT now(),
    annulee_par     uuid REFERENCES users (id),
    annulee_le      timestamptz,
    CHECK (survivante <> absorbee)
);
CREATE INDEX fusions_le ON fusions (le DESC);
-- One merge in force per absorbed person.
CREATE UNIQUE INDEX fusions_absorbee ON fusions (absorbee) WHERE annulee_le IS NULL;

-- Pairs never to propose again: declared distinct persons, or a merge undone. Ordered pair.
CREATE TABLE doublons_ecartes (
    personne_a uuid NOT NULL REFERENCES personnes (id),
    personne_b uuid NOT NULL REFERENCES personnes (id),
    motif      text NOT NULL CHECK (length(motif) <= 200),
    par        uuid REFERENCES users (id),
    le         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (personne_a, personne_b),
    CHECK (personne_a < personne_b)
);

-- The candidates are blocked on the birth date (same date, or day and month swapped) within a département.
CREATE INDEX recherche_personnes_naissance ON recherche_personnes (departement_code, date_naissance);
