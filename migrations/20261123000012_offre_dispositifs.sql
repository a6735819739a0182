-- Offre, second part: the dispositifs' own data (nomenclature, public, contacts) and their validation circuit.
ALTER TABLE dispositifs
    ADD COLUMN nature_code  text,
    ADD COLUMN type_code    text,
    ADD COLUMN publics      text[] NOT NULL DEFAULT '{}',
    ADD COLUMN telephone    text CHECK (telephone ~ '^\+?[0-9]{10,15}$'),
    ADD COLUMN courriel     text CHECK (length(courriel) <= 254),
    ADD COLUMN adresse      text,
    ADD COLUMN code_postal  text CHECK (code_postal ~ '^[0-9][0-9AB][0-9]{3}$'),
    ADD COLUMN commune      text,
    -- Same circuit as the entités: brouillon, prevalide, valide, renvoye.
    ADD COLUMN statut       text NOT NULL DEFAULT 'valide'
        CHECK (statut IN ('brouillon', 'prevalide', 'valide', 'renvoye')),
    ADD COLUMN motif_renvoi text,
    ADD COLUMN actif        boolean NOT NULL DEFAULT true,
    ADD COLUMN created_by   uuid REFERENCES users (id);

CREATE INDEX dispositifs_entite ON dispositifs (entite_id);
CREATE INDEX dispositifs_statut ON dispositifs (statut) WHERE statut <> 'valide';
