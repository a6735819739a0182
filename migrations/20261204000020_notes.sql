-- Notes of a ménage: notes, notes sociales, entretiens and alertes (one object, `app/src/note`).
-- A note is a draft (brouillon) read and edited by its author only, then published; a published note is never
-- edited nor deleted (the triggers below refuse it whatever the caller): an amendment is a new note that
-- points at it (`complete_note_id`). An alerte shows in the fiche header until someone closes it.
CREATE TABLE notes (
    id               uuid PRIMARY KEY,
    menage_id        uuid NOT NULL REFERENCES menages (id),
    nature           text NOT NULL CHECK (nature IN ('note', 'note_sociale', 'entretien', 'alerte')),
    titre            text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    -- Plain text; paragraphs are separated by blank lines. Never HTML.
    corps            text NOT NULL CHECK (length(corps) BETWEEN 1 AND 20000),
    date_entretien   date CHECK (nature = 'entretien' OR date_entretien IS NULL),
    -- The persons of the ménage the note is about (empty: the whole ménage).
    personne_ids     uuid[] NOT NULL DEFAULT '{}',
    -- A confidential note is read by its author and, besides, only by the users of the author's SIAO (a SIAO
    -- profile) or of the author's dispositifs (a Responsable or a TS), as they were when it was written.
    confidentielle   boolean NOT NULL DEFAULT false,
    lecteurs_siao    uuid,
    lecteurs_dispositifs uuid[] NOT NULL DEFAULT '{}',
    complete_note_id uuid REFERENCES notes (id),
    statut           text NOT NULL CHECK (statut IN ('brouillon', 'publiee')),
    version          integer NOT NULL DEFAULT 1,
    created_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    publiee_at       timestamptz,
    alerte_close_at  timestamptz,
    alerte_close_by  uuid REFERENCES users (id),
    alerte_motif     text CHECK (length(alerte_motif) BETWEEN 1 AND 500),
    CHECK ((statut = 'publiee') = (publiee_at IS NOT NULL)),
    CHECK (alerte_close_at IS NULL OR (nature = 'alerte' AND statut = 'publiee')),
    CHECK ((alerte_close_at IS NULL) = (alerte_close_by IS NULL) AND (alerte_close_at IS NULL) = (alerte_motif IS NULL))
);
CREATE INDEX notes_menage ON notes (menage_id, created_at DESC);
CREATE INDEX notes_complete ON notes (complete_note_id) WHERE complete_note_id IS NOT NULL;
CREATE INDEX notes_alertes_ouvertes ON notes (menage_id)
    WHERE nature = 'alerte' AND statut = 'publiee' AND alerte_close_at IS NULL;

-- A published note keeps its content: only the closing of an alerte may still be written on it.
CREATE FUNCTION notes_published_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.statut = 'publiee' THEN
            RAISE EXCEPTION 'a published note is never deleted' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'notes_published_immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.statut = 'publiee' AND (
        (NEW.menage_id, NEW.nature, NEW.titre, NEW.corps, NEW.date_entretien, NEW.personne_ids, NEW.confidentielle,
         NEW.complete_note_id, NEW.statut, NEW.created_by, NEW.publiee_at)
        IS DISTINCT FROM
        (OLD.menage_id, OLD.nature, OLD.titre, OLD.corps, OLD.date_entretien, OLD.personne_ids, OLD.confidentielle,
         OLD.complete_note_id, OLD.statut, OLD.created_by, OLD.publiee_at)
        OR OLD.alerte_close_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'a published note is never edited' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'notes_published_immutable';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER notes_published_are_immutable BEFORE UPDATE OR DELETE ON notes
    FOR EACH ROW EXECUTE FUNCTION notes_published_are_immutable();
