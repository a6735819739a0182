-- Fiche ménage, second part: the sensitive situation of a person (health in broad categories, violence,
-- justice). Its own table, read only by its own server function after the matrix's SituationMedicoSociale
-- cell: a profile refused by the cell never receives it, and every read is journaled. No diagnosis field
-- anywhere: category flags and a short comment.
CREATE TABLE situations_sensibles (
    personne_id uuid PRIMARY KEY REFERENCES personnes (id),
    -- {"probleme_sante": "oui", "sante_psychique": "oui", "justice_statut": "sortie_detention", ...}
    data        jsonb NOT NULL DEFAULT '{}',
    version     integer NOT NULL DEFAULT 1,
    updated_by  uuid REFERENCES users (id),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The judicial situation of a person (no SI SIAO list: this application's).
INSERT INTO referentiels (code, label, source) VALUES ('statut_justice', 'Situation judiciaire', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position) VALUES
    ('statut_justice', 'aucune', 'Aucune mesure en cours', 1),
    ('statut_justice', 'controle_judiciaire', 'Contrôle judiciaire', 2),
    ('statut_justice', 'detention', 'Détention', 3),
    ('statut_justice', 'sortie_detention', 'Sortie de détention (moins de 6 mois)', 4),
    ('statut_justice', 'liberation_conditionnelle', 'Libération conditionnelle', 5),
    ('statut_justice', 'placement_exterieur', 'Placement extérieur', 6),
    ('statut_justice', 'semi_liberte', 'Semi-liberté', 7),
    ('statut_justice', 'sursis_probatoire', 'Sursis probatoire', 8),
    ('statut_justice', 'tig', 'Travail d''intérêt général', 9),
    ('statut_justice', 'bracelet', 'Détention à domicile sous surveillance électronique', 10);
