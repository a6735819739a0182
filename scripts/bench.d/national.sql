-- National-scale data: one SIAO per département, 80 entités per département (8 080, one in ten waiting for
-- validation), 2 or 3 dispositifs per entité (about 20 000), and 40 000 accounts spread over the 101
-- départements and the 10 profiles.
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
INSERT INTO dispositifs (entite_id, nom, departement_code, finance_p177)
SELECT e.id, 'Dispositif ' || e.nom || '-' || n, ed.departement_code, n = 1
FROM entites e JOIN entite_departements ed ON ed.entite_id = e.id, generate_series(1, 3) n
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
ANALYZE;
