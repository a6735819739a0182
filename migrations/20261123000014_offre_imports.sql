-- Offre, fourth part: the Temps 1 imports. Each committed file is a row; the objects it created carry its
-- id, so that the département's next file replaces them (and never what was typed on screen).
CREATE TABLE imports_offre (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    departement_code text NOT NULL REFERENCES departements (code),
    fichier          text NOT NULL CHECK (length(fichier) BETWEEN 1 AND 255),
    user_id          uuid REFERENCES users (id),
    at               timestamptz NOT NULL DEFAULT now(),
    entites          integer NOT NULL,
    dispositifs      integer NOT NULL,
    financements     integer NOT NULL,
    entites_remplacees      integer NOT NULL DEFAULT 0,
    dispositifs_remplaces   integer NOT NULL DEFAULT 0,
    financements_remplaces  integer NOT NULL DEFAULT 0
);
CREATE INDEX imports_offre_departement ON imports_offre (departement_code, at DESC);

ALTER TABLE entites ADD COLUMN import_id uuid REFERENCES imports_offre (id);
ALTER TABLE dispositifs ADD COLUMN import_id uuid REFERENCES imports_offre (id);
ALTER TABLE financements ADD COLUMN import_id uuid REFERENCES imports_offre (id);
CREATE INDEX entites_import ON entites (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX dispositifs_import ON dispositifs (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX financements_import ON financements (import_id) WHERE import_id IS NOT NULL;
