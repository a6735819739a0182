-- Demandes, second part: admissions directes by a dispositif (outside the SIAO's process, recorded and
-- counted), and the commission sessions of the SIAO (agenda, one decision per demande presented).

-- Where a demande comes from: the SIAO's process, or a dispositif that admitted the ménage directly (the
-- demande is born "admise" with its orientation and its places occupied).
ALTER TABLE demandes ADD COLUMN origine text NOT NULL DEFAULT 'siao'
    CHECK (origine IN ('siao', 'admission_directe'));
CREATE INDEX demandes_admissions_directes ON demandes (departement_code, created_at)
    WHERE origine = 'admission_directe';

-- A commission session of a SIAO's territory (one département): its date, its agenda, its decisions.
CREATE TABLE commissions (
    id               uuid PRIMARY KEY,
    departement_code text NOT NULL REFERENCES departements (code),
    date_seance      date NOT NULL,
    intitule         text NOT NULL CHECK (length(intitule) BETWEEN 1 AND 200),
    lieu             text CHECK (length(lieu) <= 200),
    created_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commissions_departement ON commissions (departement_code, date_seance DESC);

-- The agenda: the demandes presented at a session, in the order they were put on it, and the decision:
-- avis favorable (the SIAO orients it), ajournée or maintenue sur la liste (back on the waiting list).
CREATE TABLE commission_demandes (
    commission_id uuid NOT NULL REFERENCES commissions (id),
    demande_id    uuid NOT NULL REFERENCES demandes (id),
    rang          integer NOT NULL,
    decision      text CHECK (decision IN ('avis_favorable', 'ajournee', 'maintien_liste')),
    commentaire   text CHECK (length(commentaire) <= 2000),
    decided_by    uuid REFERENCES users (id),
    decided_at    timestamptz,
    PRIMARY KEY (commission_id, demande_id),
    CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX commission_demandes_demande ON commission_demandes (demande_id);
