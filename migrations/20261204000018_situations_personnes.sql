-- Fiche ménage, second part: the situations of each person (administrative, droits sociaux, familiale,
-- professionnelle) and the budget lines (resources, charges, debts) from which the reste à vivre is computed.

-- The situations of a person: one JSON object of référentiel codes, dates and short texts, keyed by the
-- fields of the Rust table `menage::situation::CHAMPS` (which checks every value before it is written). Its
-- saves bump the person's version: identity and situations are edited as one person.
CREATE TABLE situations_personnes (
    personne_id uuid PRIMARY KEY REFERENCES personnes (id),
    data        jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    updated_by  uuid REFERENCES users (id),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One line of a person's budget. Amounts in cents (monthly for resources and charges, the amount owed for a
-- debt). A removed line is kept, marked removed (who, when): the history shows it.
CREATE TABLE budget_lignes (
    id          uuid PRIMARY KEY,
    personne_id uuid NOT NULL REFERENCES personnes (id),
    nature      text NOT NULL CHECK (nature IN ('ressource', 'charge', 'dette')),
    type_code   text NOT NULL CHECK (length(type_code) <= 100),
    montant_centimes bigint NOT NULL CHECK (montant_centimes >= 0 AND montant_centimes < 10000000000),
    fin         date,
    commentaire text CHECK (length(commentaire) <= 200),
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    removed_by  uuid REFERENCES users (id),
    removed_at  timestamptz
);
CREATE INDEX budget_lignes_personne ON budget_lignes (personne_id) WHERE removed_at IS NULL;
