-- National-scale data: one SIAO per département, 80 entités per département (8 080, one in ten waiting for
-- validation), 2 or 3 dispositifs per entité (about 20 000, each of a type of the nomenclature in force), and
-- 40 000 accounts spread over the 101 départements and the 10 profiles. The national offer: 1 to 7 groupes
-- de places (about 60 000) and 1 to 9 places per groupe (about 300 000) for every dispositif but the
-- premier accueil ones, and one or two financing lines of the current year per such dispositif.
INSERT INTO siaos (nom) SELECT 'SIAO ' || nom FROM departements WHERE code <> '35';
INSERT INTO siao_departements (siao_id, departement_code)
SELECT s.id, d.code FROM siaos s JOIN departements d ON s.nom = 'SIAO ' || d.nom;
INSERT INTO entites (nom, siren, departement_code, statut, telephone)
SELECT 'Entité ' || d.code || '-' || n, lpad((row_number() OVER ())::text, 9, '0'), d.code,
       CASE WHEN n % 10 = 0 THEN 'prevalide' ELSE 'valide' END, '0299000000'
FROM departements d, generate_series(1, 80) n
WHERE d.code <> '35' OR n > 2;
INSERT INTO entite_departements (entite_id, departement_code)
SELECT id, split_part(split_part(nom, ' ', 2), '-', 1) FROM entites WHERE nom LIKE 'Entité %';
WITH t AS (
    SELECT array_agg(code ORDER BY position) AS codes, array_agg(parent_code ORDER BY position) AS natures
    FROM referentiel_valeurs
    WHERE referentiel = 'type_dispositif' AND active AND coalesce(valid_from, current_date) <= current_date
      AND coalesce(valid_to, current_date) >= current_date
)
INSERT INTO dispositifs (entite_id, nom, departement_code, finance_p177, nature_code, type_code)
SELECT e.id, 'Dispositif ' || e.nom || '-' || n, ed.departement_code, n = 1, t.natures[k], t.codes[k]
FROM entites e JOIN entite_departements ed ON ed.entite_id = e.id, generate_series(1, 3) n, t,
     LATERAL (SELECT 1 + (hashtext(e.nom || '/' || n) & 2147483647) % cardinality(t.codes) AS k) x
WHERE e.nom LIKE 'Entité %' AND n <= 2 + (hashtext(e.nom) & 1);

WITH p AS (
    SELECT i, (ARRAY['admin_departemental', 'admin_siao', 'operateur_siao', 'ecoutant_115', 'gestionnaire_entite',
                     'assistant', 'responsable_dispositif', 'travailleur_social', 'travailleur_social',
                     'travailleur_social'])[1 + i % 10] AS profile,
           (SELECT array_agg(code ORDER BY code) FROM departements)[1 + i % 101] AS dep
    FROM generate_series(1, 40000) i
)
INSERT INTO users (email, prenom, nom, profile, departement_code, siao_id, entite_id, password_hash)
SELECT 'agent' || p.i || '@bench.si-siao.fr', 'Prénom' || p.i, 'Nom' || p.i, p.profile,
       CASE WHEN p.profile = 'admin_departemental' THEN p.dep END,
       CASE WHEN p.profile IN ('admin_siao', 'operateur_siao', 'ecoutant_115')
            THEN (SELECT siao_id FROM siao_departements WHERE departement_code = p.dep) END,
       CASE WHEN p.profile IN ('gestionnaire_entite', 'assistant', 'responsable_dispositif', 'travailleur_social')
            THEN (SELECT entite_id FROM entite_departements WHERE departement_code = p.dep LIMIT 1) END,
       NULL
FROM p;

INSERT INTO user_dispositifs (user_id, dispositif_id)
SELECT u.id, (SELECT d.id FROM dispositifs d WHERE d.entite_id = u.entite_id LIMIT 1)
FROM users u WHERE u.profile IN ('responsable_dispositif', 'travailleur_social') AND u.email LIKE '%@bench.si-siao.fr';

-- The offer. h: a stable hash in [0, 2^31) of a name, so that every run generates the same volumes.
-- Groupes: half insertion, 30 % urgence_115, 20 % mixte; one in 50 éphémère, with a period around today
-- (most include it, a few have ended or not begun); one in 100 deactivated.
INSERT INTO groupes_places (dispositif_id, nom, canal, ephemere, date_debut, date_fin, actif)
SELECT d.id, 'Groupe ' || n,
       CASE WHEN h % 10 < 5 THEN 'insertion' WHEN h % 10 < 8 THEN 'urgence_115' ELSE 'mixte' END,
       h % 50 = 0,
       CASE WHEN h % 50 = 0 THEN current_date - 90 + h % 120 END,
       CASE WHEN h % 50 = 0 THEN current_date - 90 + h % 120 + 60 + h % 90 END,
       h % 100 <> 1
FROM dispositifs d, generate_series(1, 7) n,
     LATERAL (SELECT hashtext(d.nom || '/' || n) & 2147483647 AS h, hashtext(d.nom) & 2147483647 AS hd) x
WHERE d.nom LIKE 'Dispositif Entité %' AND d.nature_code IS DISTINCT FROM 'premier_accueil'
  AND n <= 1 + hd % 6 + (hd % 4 = 0)::int;
-- Places: 70 % occupee, 27 % libre, 3 % immobilisee for works begun in the last weeks (a third with an end).
INSERT INTO places (groupe_id, numero, statut, motif_immobilisation, immobilisee_du, immobilisee_au)
SELECT g.id, n,
       CASE WHEN r < 3 THEN 'immobilisee' WHEN r < 73 THEN 'occupee' ELSE 'libre' END,
       CASE WHEN r < 3 THEN 'travaux' END,
       CASE WHEN r < 3 THEN current_date - 7 * (1 + r) END,
       CASE WHEN r = 0 THEN current_date + 30 END
FROM groupes_places g JOIN dispositifs d ON d.id = g.dispositif_id,
     generate_series(1, 9) n,
     LATERAL (SELECT (hashtext(d.nom || g.nom || '/' || n) & 2147483647) % 100 AS r) x
WHERE d.nom LIKE 'Dispositif Entité %' AND n <= 1 + (hashtext(d.nom || g.nom) & 2147483647) % 9;
-- Financements of the current year: the P177 for the P177-financed dispositifs, the département or the
-- ARS for the others; half of them add the contingent préfectoral (then 70 % of the places on the first
-- line). Financed places: the dispositif's places, give or take two; 12 000 to 20 000 euros a place.
WITH c AS (
    SELECT d.id, d.finance_p177, hashtext(d.nom) & 2147483647 AS h, count(p.id) AS installees
    FROM dispositifs d JOIN groupes_places g ON g.dispositif_id = d.id JOIN places p ON p.groupe_id = g.id
    WHERE d.nom LIKE 'Dispositif Entité %'
    GROUP BY d.id
), t AS (
    SELECT id, finance_p177, h, greatest(installees - 2 + h % 5, 1)::int AS financees, h % 2 = 0 AS deux FROM c
)
INSERT INTO financements (dispositif_id, source_code, annee, places_financees, montant_centimes)
SELECT t.id, l.source, extract(year FROM current_date)::int, l.places, l.places * (12000 + t.h % 8000) * 100::bigint
FROM t, LATERAL (
    SELECT CASE WHEN t.finance_p177 THEN 'p177' WHEN t.h % 3 = 0 THEN 'ars' ELSE 'departement' END AS source,
           CASE WHEN t.deux THEN ceil(t.financees * 0.7)::int ELSE t.financees END AS places
    UNION ALL
    SELECT 'contingent_prefectoral', t.financees - ceil(t.financees * 0.7)::int WHERE t.deux
) l;
-- Vacuumed as well as analysed: no autovacuum of the fresh tables in the middle of a figure.
VACUUM (ANALYZE);
