-- Demandes de prestation: a short request for a ménage (a maraude's visit, a food parcel, a shower, a
-- domiciliation...) addressed by the 115 or a travailleur social to a dispositif, which takes it in charge
-- and does it (or says why not). demandee → prise_en_charge → realisee | annulee; demandee → annulee.

INSERT INTO referentiels (code, label, source) VALUES ('type_prestation', 'Type de prestation', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_prestation', 'maraude', 'Passage d''une maraude', 1, true),
    ('type_prestation', 'alimentaire', 'Aide alimentaire', 2, true),
    ('type_prestation', 'hygiene', 'Hygiène (douche, laverie)', 3, true),
    ('type_prestation', 'vestiaire', 'Vestiaire', 4, true),
    ('type_prestation', 'domiciliation', 'Domiciliation', 5, true),
    ('type_prestation', 'soins', 'Accès aux soins', 6, true),
    ('type_prestation', 'accompagnement', 'Accompagnement dans une démarche', 7, true),
    ('type_prestation', 'autre', 'Autre prestation', 8, true);
INSERT INTO referentiels (code, label, source) VALUES ('motif_fin_prestation', 'Motif de non-réalisation d''une prestation', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('motif_fin_prestation', 'personne_non_trouvee', 'Personne non trouvée', 1, true),
    ('motif_fin_prestation', 'refus', 'Refus de la personne', 2, true),
    ('motif_fin_prestation', 'besoin_couvert', 'Besoin couvert autrement', 3, true),
    ('motif_fin_prestation', 'hors_secteur', 'Hors du secteur du dispositif', 4, true),
    ('motif_fin_prestation', 'doublon', 'Demande en double', 5, true),
    ('motif_fin_prestation', 'autre', 'Autre motif', 6, true);

CREATE SEQUENCE prestations_numero_seq START 30000001;

CREATE TABLE prestations (
    id               uuid PRIMARY KEY,
    numero           bigint NOT NULL UNIQUE DEFAULT nextval('prestations_numero_seq'),
    menage_id        uuid NOT NULL REFERENCES menages (id),
    departement_code text NOT NULL REFERENCES departements (code),
    type_code        text NOT NULL CHECK (length(type_code) <= 100),
    statut           text NOT NULL CHECK (statut IN ('demandee', 'prise_en_charge', 'realisee', 'annulee')),
    -- What is needed, where and when the person can be found.
    besoin           text CHECK (length(besoin) <= 2000),
    -- The dispositif asked to do it, and the requester's own (a travailleur social's structure).
    dispositif_id    uuid NOT NULL REFERENCES dispositifs (id),
    demandeur_dispositif_id uuid REFERENCES dispositifs (id),
    prise_en_charge_by uuid REFERENCES users (id),
    prise_en_charge_at timestamptz,
    realisee_le      date,
    compte_rendu     text CHECK (length(compte_rendu) <= 2000),
    motif_fin        text CHECK (length(motif_fin) <= 100),
    version          integer NOT NULL DEFAULT 1,
    created_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (statut <> 'realisee' OR realisee_le IS NOT NULL),
    CHECK (statut <> 'annulee' OR motif_fin IS NOT NULL),
    CHECK (statut = 'demandee' OR statut = 'annulee' OR prise_en_charge_at IS NOT NULL)
);
CREATE INDEX prestations_menage ON prestations (menage_id, created_at DESC);
CREATE INDEX prestations_dispositif ON prestations (dispositif_id, created_at DESC)
    WHERE statut IN ('demandee', 'prise_en_charge');
CREATE INDEX prestations_demandeur ON prestations (demandeur_dispositif_id)
    WHERE statut IN ('demandee', 'prise_en_charge');
CREATE INDEX prestations_territoire ON prestations (departement_code, created_at DESC)
    WHERE statut IN ('demandee', 'prise_en_charge');

-- The ménages' links to dispositifs gain the open prestations: the dispositif asked to do it follows the
-- ménage meanwhile (and so does the requester's).
CREATE OR REPLACE VIEW menage_liens AS
SELECT menage_id, prescripteur_dispositif_id AS dispositif_id
FROM demandes
WHERE prescripteur_dispositif_id IS NOT NULL AND statut NOT IN ('terminee', 'annulee')
UNION ALL
SELECT menage_id, dispositif_id
FROM orientations
WHERE statut IN ('proposee', 'acceptee', 'admise')
UNION ALL
SELECT menage_id, dispositif_id
FROM prestations
WHERE statut IN ('demandee', 'prise_en_charge')
UNION ALL
SELECT menage_id, demandeur_dispositif_id
FROM prestations
WHERE demandeur_dispositif_id IS NOT NULL AND statut IN ('demandee', 'prise_en_charge');

-- The author of a ménage keeps it while he has written no demande for it (his demande then links it to his
-- dispositif, and closing that link closes his access); a 115 call or another professional's demande about
-- the ménage does not take it from him.
CREATE OR REPLACE FUNCTION menage_in_scope(m menages, scope text, departements text[], user_id uuid, dispositifs uuid[])
    RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE scope
        WHEN 'all' THEN true
        WHEN 'departement' THEN m.departement_code = ANY (departements)
        WHEN 'siao' THEN m.departement_code = ANY (departements)
        WHEN 'suivis' THEN (m.created_by = user_id
                            AND NOT EXISTS (SELECT 1 FROM demandes d WHERE d.menage_id = m.id AND d.created_by = user_id))
            OR m.id = ANY (ARRAY(SELECT l.menage_id FROM menage_liens l WHERE l.dispositif_id = ANY (dispositifs)))
        WHEN 'own' THEN m.created_by = user_id
        ELSE false
    END $$;
