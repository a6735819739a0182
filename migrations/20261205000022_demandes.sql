-- Demandes and orientation: demandes d'insertion and d'hébergement d'urgence (115), their history, the
-- orientations to a groupe de places and the places they hold, the in-app notifications, and the second
-- branch of the ménages' scope (the ménages linked to one's dispositifs).

-- Our own référentiels (source siao): why a dispositif refuses an orientation, why the 115 is called, why a
-- demande is cancelled. The exit situations are the SI SIAO's SITUATION_SORTIE_DEMANDE.
INSERT INTO referentiels (code, label, source) VALUES ('motif_refus_orientation', 'Motif de refus d''une orientation', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('motif_refus_orientation', 'plus_de_place', 'Plus de place disponible', 1, true),
    ('motif_refus_orientation', 'public_non_adapte', 'Public non adapté au dispositif', 2, true),
    ('motif_refus_orientation', 'composition_non_adaptee', 'Composition du ménage non adaptée aux places', 3, true),
    ('motif_refus_orientation', 'besoins_non_couverts', 'Besoins d''accompagnement ou de soins non couverts', 4, true),
    ('motif_refus_orientation', 'refus_du_menage', 'Refus du ménage', 5, true),
    ('motif_refus_orientation', 'menage_non_presente', 'Ménage non présenté à l''entretien de préadmission', 6, true),
    ('motif_refus_orientation', 'dossier_incomplet', 'Dossier incomplet', 7, true),
    ('motif_refus_orientation', 'autre', 'Autre motif (précisé en commentaire)', 8, true);
INSERT INTO referentiels (code, label, source) VALUES ('motif_appel_115', 'Motif d''appel au 115', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('motif_appel_115', 'hebergement_nuit', 'Demande d''hébergement pour la nuit', 1, true),
    ('motif_appel_115', 'renouvellement', 'Renouvellement d''une nuitée', 2, true),
    ('motif_appel_115', 'signalement', 'Signalement d''une personne à la rue', 3, true),
    ('motif_appel_115', 'information', 'Demande d''information ou d''orientation', 4, true),
    ('motif_appel_115', 'besoin_materiel', 'Besoin alimentaire ou matériel', 5, true),
    ('motif_appel_115', 'ecoute', 'Besoin d''écoute', 6, true),
    ('motif_appel_115', 'sante', 'Problème de santé', 7, true),
    ('motif_appel_115', 'violences', 'Violences subies', 8, true),
    ('motif_appel_115', 'autre', 'Autre motif', 9, true);
INSERT INTO referentiels (code, label, source) VALUES ('motif_annulation_demande', 'Motif d''annulation d''une demande', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('motif_annulation_demande', 'solution_trouvee', 'Le ménage a trouvé une solution', 1, true),
    ('motif_annulation_demande', 'renonce', 'Le ménage renonce à sa demande', 2, true),
    ('motif_annulation_demande', 'sans_nouvelles', 'Sans nouvelles du ménage', 3, true),
    ('motif_annulation_demande', 'pas_rappele', 'La personne n''a pas rappelé le 115', 4, true),
    ('motif_annulation_demande', 'doublon', 'Demande en double', 5, true),
    ('motif_annulation_demande', 'erreur', 'Demande créée par erreur', 6, true),
    ('motif_annulation_demande', 'autre', 'Autre motif', 7, true);

-- The number shown to users ("DEMANDE 20000042").
CREATE SEQUENCE demandes_numero_seq START 20000001;

-- A demande: d'insertion (written by a travailleur social, transmitted to the SIAO) or d'hébergement
-- d'urgence (a call to the 115). `statut` follows the state machine of `app::demande::model`; each change is
-- a line of demande_evenements, in the same transaction.
CREATE TABLE demandes (
    id               uuid PRIMARY KEY,
    numero           bigint NOT NULL UNIQUE DEFAULT nextval('demandes_numero_seq'),
    nature           text NOT NULL CHECK (nature IN ('insertion', 'urgence_115')),
    menage_id        uuid NOT NULL REFERENCES menages (id),
    -- The SIAO's territory that handles it: the ménage's département when written.
    departement_code text NOT NULL REFERENCES departements (code),
    -- The persons of the ménage it is for (some or all).
    personne_ids     uuid[] NOT NULL CHECK (cardinality(personne_ids) BETWEEN 1 AND 50),
    statut           text NOT NULL CHECK (statut IN ('brouillon', 'transmise', 'a_completer', 'a_mettre_a_jour',
                         'en_attente', 'en_commission', 'orientee', 'acceptee', 'admise', 'terminee', 'annulee')),
    -- Insertion: situation and reason (SI SIAO référentiels), préconisations (TYPES_ETABLISSEMENT_UN), the EA
    -- it relies on.
    situation_demande text CHECK (length(situation_demande) <= 100),
    motif_demande    text CHECK (length(motif_demande) <= 100),
    preconisations   text[] NOT NULL DEFAULT '{}',
    evaluation_id    uuid REFERENCES evaluations (id),
    observations     text CHECK (length(observations) <= 4000),
    -- 115: when the call came, why, what the listener noted of vulnerability and precariousness.
    appel_at         timestamptz,
    motif_appel      text CHECK (length(motif_appel) <= 100),
    vulnerabilites   text CHECK (length(vulnerabilites) <= 2000),
    -- The household as counted when written (what the waiting list filters and the matching compares).
    composition_code text,
    nb_adultes       integer NOT NULL CHECK (nb_adultes >= 0),
    nb_mineurs       integer NOT NULL CHECK (nb_mineurs >= 0),
    priorite         boolean NOT NULL DEFAULT false,
    -- The dispositif of the professional who wrote it (his structure follows the ménage while it is open).
    prescripteur_dispositif_id uuid REFERENCES dispositifs (id),
    transmise_initiale_at timestamptz,
    transmise_at     timestamptz,
    en_attente_depuis timestamptz,
    motif_fin        text CHECK (length(motif_fin) <= 100),
    version          integer NOT NULL DEFAULT 1,
    created_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (nature = 'urgence_115' OR (appel_at IS NULL AND motif_appel IS NULL)),
    CHECK (nature = 'insertion' OR (appel_at IS NOT NULL AND motif_appel IS NOT NULL))
);
CREATE INDEX demandes_menage ON demandes (menage_id, created_at DESC);
-- The waiting list of a territory: seniority and priority.
CREATE INDEX demandes_liste_attente ON demandes (departement_code, priorite DESC, transmise_initiale_at)
    WHERE nature = 'insertion' AND statut IN ('en_attente', 'en_commission');
-- What the SIAO has to study, and the 115's demandes on hold.
CREATE INDEX demandes_a_traiter ON demandes (departement_code, statut, transmise_at)
    WHERE statut IN ('transmise', 'en_attente', 'orientee');
CREATE INDEX demandes_prescripteur ON demandes (prescripteur_dispositif_id)
    WHERE statut NOT IN ('terminee', 'annulee');
CREATE INDEX demandes_created_by ON demandes (created_by, created_at DESC);

CREATE TABLE demande_evenements (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    demande_id  uuid NOT NULL REFERENCES demandes (id),
    at          timestamptz NOT NULL DEFAULT now(),
    by_user     uuid REFERENCES users (id),
    evenement   text NOT NULL,
    de          text,
    vers        text NOT NULL,
    motif       text CHECK (length(motif) <= 100),
    commentaire text CHECK (length(commentaire) <= 2000)
);
CREATE INDEX demande_evenements_demande ON demande_evenements (demande_id, id);

-- An orientation of a demande to a groupe de places: it holds `nb_places` places of the groupe (one per
-- person) from the orientation until the dispositif refuses it, the SIAO cancels it, or the ménage leaves.
-- proposee (insertion: waits for the dispositif's decision) → acceptee | refusee | annulee;
-- acceptee (115 orientations start here) → admise (arrival) | annulee; admise → sortie (departure).
CREATE TABLE orientations (
    id              uuid PRIMARY KEY,
    demande_id      uuid NOT NULL REFERENCES demandes (id),
    menage_id       uuid NOT NULL REFERENCES menages (id),
    groupe_id       uuid NOT NULL REFERENCES groupes_places (id),
    dispositif_id   uuid NOT NULL REFERENCES dispositifs (id),
    statut          text NOT NULL CHECK (statut IN ('proposee', 'acceptee', 'refusee', 'annulee', 'admise', 'sortie')),
    nb_places       integer NOT NULL CHECK (nb_places BETWEEN 1 AND 50),
    motif_refus     text CHECK (length(motif_refus) <= 100),
    commentaire     text CHECK (length(commentaire) <= 2000),
    arrivee_le      date,
    sortie_le       date,
    situation_sortie text CHECK (length(situation_sortie) <= 100),
    created_by      uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_by      uuid REFERENCES users (id),
    decided_at      timestamptz,
    version         integer NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (statut <> 'refusee' OR motif_refus IS NOT NULL),
    CHECK (statut NOT IN ('admise', 'sortie') OR arrivee_le IS NOT NULL),
    CHECK (statut <> 'sortie' OR (sortie_le IS NOT NULL AND situation_sortie IS NOT NULL AND sortie_le >= arrivee_le))
);
-- One live orientation per demande.
CREATE UNIQUE INDEX orientations_one_open ON orientations (demande_id) WHERE statut IN ('proposee', 'acceptee', 'admise');
CREATE INDEX orientations_dispositif ON orientations (dispositif_id, created_at DESC)
    WHERE statut IN ('proposee', 'acceptee', 'admise');
CREATE INDEX orientations_menage ON orientations (menage_id);
CREATE INDEX orientations_demande ON orientations (demande_id);

-- The place's holder. One column, so a place is never held by two orientations: an orientation takes free
-- places with `UPDATE ... WHERE orientation_id IS NULL` under their row locks; the loser of a race finds
-- them taken. A held place is not immobilised; `statut` says whether the ménage has arrived (occupee).
ALTER TABLE places ADD COLUMN orientation_id uuid REFERENCES orientations (id);
ALTER TABLE places ADD CONSTRAINT places_held_not_immobilised CHECK (orientation_id IS NULL OR statut <> 'immobilisee');
CREATE INDEX places_orientation ON places (orientation_id) WHERE orientation_id IS NOT NULL;
CREATE INDEX places_libres ON places (groupe_id) WHERE statut = 'libre' AND orientation_id IS NULL;

-- What links a ménage to a dispositif while it lasts: an open demande written from it, a live orientation
-- or prise en charge in it. The scope `Suivis` reads it (SQL here, Rust in `menage::repo::target_of`).
CREATE VIEW menage_liens AS
SELECT menage_id, prescripteur_dispositif_id AS dispositif_id
FROM demandes
WHERE prescripteur_dispositif_id IS NOT NULL AND statut NOT IN ('terminee', 'annulee')
UNION ALL
SELECT menage_id, dispositif_id
FROM orientations
WHERE statut IN ('proposee', 'acceptee', 'admise');

-- The scope rule of the ménages, second version: `suivis` is the ménages linked to one of the user's
-- dispositifs, and those he created that are not yet the subject of any demande. The linked ménages are an
-- array computed once per query (an InitPlan): the planner reads them by primary key.
CREATE OR REPLACE FUNCTION menage_in_scope(m menages, scope text, departements text[], user_id uuid, dispositifs uuid[])
    RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE scope
        WHEN 'all' THEN true
        WHEN 'departement' THEN m.departement_code = ANY (departements)
        WHEN 'siao' THEN m.departement_code = ANY (departements)
        WHEN 'suivis' THEN (m.created_by = user_id AND NOT EXISTS (SELECT 1 FROM demandes d WHERE d.menage_id = m.id))
            OR m.id = ANY (ARRAY(SELECT l.menage_id FROM menage_liens l WHERE l.dispositif_id = ANY (dispositifs)))
        WHEN 'own' THEN m.created_by = user_id
        ELSE false
    END $$;

-- In-app notifications (`/notifications`): what happened to a demande the user wrote, oriented or received.
-- No personal data in the text: the ménage's and the demande's numbers, the dispositif.
CREATE TABLE notifications (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id  uuid NOT NULL REFERENCES users (id),
    at       timestamptz NOT NULL DEFAULT now(),
    titre    text NOT NULL CHECK (length(titre) <= 300),
    corps    text NOT NULL CHECK (length(corps) <= 2000),
    lien     text NOT NULL CHECK (lien ~ '^/'),
    lue_at   timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, id DESC);

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('bienvenue', 'reinitialisation', 'notification'));
