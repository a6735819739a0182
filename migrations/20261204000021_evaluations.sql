-- Évaluations approfondies (EA) of a ménage: a series, never overwritten. A draft (brouillon) is its author's
-- only, saved step by step; finalising makes it immutable (trigger below), writes what it changed into the
-- fiche's situations and publishes its note sociale, in one transaction (`app/src/evaluation`).
CREATE TABLE evaluations (
    id            uuid PRIMARY KEY,
    menage_id     uuid NOT NULL REFERENCES menages (id),
    statut        text NOT NULL CHECK (statut IN ('brouillon', 'finale')),
    -- The assessment but its health part: persons' situations, the ménage's situation, wishes, needs,
    -- recommended orientation, synthesis (`evaluation::model::Contenu`).
    contenu       jsonb NOT NULL,
    -- The health part (broad categories, per person), read only by the profiles of the matrix's
    -- Situation médico-sociale / Consulter cell: kept apart so that it is never loaded for the others.
    sante         jsonb NOT NULL DEFAULT '[]',
    version       integer NOT NULL DEFAULT 1,
    created_by    uuid NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    finalisee_at  timestamptz,
    note_id       uuid REFERENCES notes (id),
    CHECK ((statut = 'finale') = (finalisee_at IS NOT NULL))
);
CREATE INDEX evaluations_menage ON evaluations (menage_id, created_at DESC);
-- One draft per author and ménage: he resumes it rather than starting another.
CREATE UNIQUE INDEX evaluations_one_draft ON evaluations (menage_id, created_by) WHERE statut = 'brouillon';

CREATE FUNCTION evaluations_final_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.statut = 'finale' THEN
        RAISE EXCEPTION 'a final évaluation is never changed' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'evaluations_final_immutable';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER evaluations_final_are_immutable BEFORE UPDATE OR DELETE ON evaluations
    FOR EACH ROW EXECUTE FUNCTION evaluations_final_are_immutable();

-- The needs an évaluation names (no SI SIAO référentiel exists for them: a local one, national, editable by
-- the national administrator like the others).
INSERT INTO referentiels (code, label, source) VALUES ('besoins_accompagnement', 'Besoin d''accompagnement', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('besoins_accompagnement', 'acces_droits', 'Accès aux droits', 1, true),
    ('besoins_accompagnement', 'administratif', 'Démarches administratives, titre de séjour', 2, true),
    ('besoins_accompagnement', 'budget', 'Gestion du budget, dettes', 3, true),
    ('besoins_accompagnement', 'sante', 'Accès aux soins', 4, true),
    ('besoins_accompagnement', 'emploi', 'Emploi, formation', 5, true),
    ('besoins_accompagnement', 'parentalite', 'Soutien à la parentalité', 6, true),
    ('besoins_accompagnement', 'logement', 'Accès au logement, savoir habiter', 7, true),
    ('besoins_accompagnement', 'mobilite', 'Mobilité', 8, true),
    ('besoins_accompagnement', 'lien_social', 'Lien social, isolement', 9, true),
    ('besoins_accompagnement', 'violences', 'Protection, violences subies', 10, true);
