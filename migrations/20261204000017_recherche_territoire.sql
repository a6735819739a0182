-- The name search and the duplicate check, territory first. Nationally a frequent name matches tens of
-- thousands of persons, and one trigram index over 2.5 million persons reads all of them before it can
-- keep the few of a SIAO's département (60 ms a search at national volume, seconds under load). A SIAO
-- searches one or a few départements: the names are therefore also kept in a search table partitioned
-- by département, each partition with its own small trigram index, and the planner reads only the
-- partitions of the user's départements.

-- The département of the person's current ménage; NULL once detached from every ménage.
ALTER TABLE personnes ADD COLUMN departement_code text REFERENCES departements (code);

UPDATE personnes p SET departement_code = m.departement_code
FROM menage_membres mm JOIN menages m ON m.id = mm.menage_id
WHERE mm.personne_id = p.id AND mm.jusqu_au IS NULL;

-- Kept by the database itself, whoever writes the memberships (the application, a merge, a bulk load):
-- statement triggers over the rows a statement added or changed, touching only the persons whose
-- département differs (a bulk load that writes it directly costs one join per statement).
CREATE FUNCTION personnes_follow_menage() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE personnes p SET departement_code = m.departement_code
    FROM changed c JOIN menages m ON m.id = c.menage_id
    WHERE p.id = c.personne_id AND c.jusqu_au IS NULL
      AND p.departement_code IS DISTINCT FROM m.departement_code;
    UPDATE personnes p SET departement_code = NULL
    FROM changed c
    WHERE p.id = c.personne_id AND c.jusqu_au IS NOT NULL AND p.departement_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM menage_membres o WHERE o.personne_id = p.id AND o.jusqu_au IS NULL);
    RETURN NULL;
END $$;
CREATE TRIGGER menage_membres_added AFTER INSERT ON menage_membres
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION personnes_follow_menage();
CREATE TRIGGER menage_membres_changed AFTER UPDATE ON menage_membres
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION personnes_follow_menage();

-- A ménage that changes département takes its current members along.
CREATE FUNCTION menages_move_personnes() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE personnes p SET departement_code = NEW.departement_code
    FROM menage_membres mm
    WHERE mm.menage_id = NEW.id AND mm.jusqu_au IS NULL AND p.id = mm.personne_id;
    RETURN NULL;
END $$;
CREATE TRIGGER menages_departement_changed AFTER UPDATE OF departement_code ON menages
    FOR EACH ROW WHEN (OLD.departement_code IS DISTINCT FROM NEW.departement_code)
    EXECUTE FUNCTION menages_move_personnes();

-- The search table: the normalised names and birth date of every person of a current ménage, by département.
CREATE TABLE recherche_personnes (
    departement_code text NOT NULL,
    personne_id      uuid NOT NULL,
    noms             text NOT NULL,
    date_naissance   date,
    PRIMARY KEY (departement_code, personne_id)
) PARTITION BY LIST (departement_code);
DO $$
DECLARE d record;
BEGIN
    FOR d IN SELECT code FROM departements LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF recherche_personnes FOR VALUES IN (%L)',
                       'recherche_personnes_' || lower(d.code), d.code);
    END LOOP;
END $$;
CREATE TABLE recherche_personnes_autres PARTITION OF recherche_personnes DEFAULT;
INSERT INTO recherche_personnes
    SELECT departement_code, id, noms_recherche, date_naissance FROM personnes WHERE departement_code IS NOT NULL;
CREATE INDEX recherche_personnes_noms ON recherche_personnes USING gin (noms gin_trgm_ops);
DROP INDEX personnes_noms_trgm;

-- Kept from personnes by the database: a person enters the table with a département, leaves it detached,
-- and follows a change of name, birth date or département (statement triggers, one join per statement).
CREATE FUNCTION recherche_personnes_added() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO recherche_personnes
        SELECT departement_code, id, noms_recherche, date_naissance FROM added WHERE departement_code IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER personnes_added AFTER INSERT ON personnes
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION recherche_personnes_added();

CREATE FUNCTION recherche_personnes_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM recherche_personnes r USING before_rows o JOIN after_rows n ON n.id = o.id
        WHERE r.departement_code = o.departement_code AND r.personne_id = o.id
          AND (o.departement_code, o.noms_recherche, o.date_naissance)
              IS DISTINCT FROM (n.departement_code, n.noms_recherche, n.date_naissance);
    INSERT INTO recherche_personnes
        SELECT n.departement_code, n.id, n.noms_recherche, n.date_naissance
        FROM after_rows n JOIN before_rows o ON o.id = n.id
        WHERE n.departement_code IS NOT NULL
          AND (o.departement_code, o.noms_recherche, o.date_naissance)
              IS DISTINCT FROM (n.departement_code, n.noms_recherche, n.date_naissance);
    RETURN NULL;
END $$;
CREATE TRIGGER personnes_changed AFTER UPDATE ON personnes
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION recherche_personnes_changed();

-- Which scopes are territories (a list of départements, or the nation): their searches go through the
-- search table. The others (the ménages one created or follows, later those of one's dispositifs) are a
-- few hundred ménages, read first.
CREATE FUNCTION scope_is_territorial(scope text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT scope IN ('all', 'departement', 'siao') $$;

-- The persons in scope whose names resemble `wanted` (already normalised; pg_trgm's word similarity, with the
-- threshold of the caller's transaction), with their score and birth date. An SQL function of one query:
-- with custom plans (the repository sets plan_cache_mode) the planner inlines it, drops the branch that
-- does not apply and reads only the partitions of the user's départements. menage_in_scope stays the rule:
-- the callers apply it to what they show.
CREATE FUNCTION personnes_like(wanted text, scope text, departements text[], user_id uuid, dispositifs uuid[])
    RETURNS TABLE (personne_id uuid, score real, date_naissance date)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT r.personne_id, word_similarity(wanted, r.noms), r.date_naissance
    FROM recherche_personnes r
    WHERE scope_is_territorial(scope)
      AND (scope = 'all' OR r.departement_code = ANY (departements))
      AND wanted <% r.noms
    UNION ALL
    SELECT p.id, word_similarity(wanted, p.noms_recherche), p.date_naissance
    FROM menages m
    JOIN menage_membres mm ON mm.menage_id = m.id AND mm.jusqu_au IS NULL
    JOIN personnes p ON p.id = mm.personne_id
    WHERE NOT scope_is_territorial(scope)
      AND menage_in_scope(m, scope, departements, user_id, dispositifs)
      AND wanted <% p.noms_recherche
    $$;
