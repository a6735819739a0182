-- Included by orient.sql and dui.sql: 60 000 ménages of one adult in Ille-et-Vilaine, each with a call to the
-- 115 taken by the demo écoutant, written as the application writes them (menage::repo,
-- demande::repo::insert_appel). psql variables: `ids` (a hex digit: ménages ...00<ids>1-<n>, personnes
-- ...00<ids>2-<n>, demandes ...00<ids>3-<n>), `cles` (the letter after M or P in the clés, then the number)
-- and `statut` (the demandes'). Leaves the temp table bench_passants for the caller.
CREATE TEMP TABLE bench_passants AS
SELECT n, ('00000000-0000-0000-00' || :'ids' || '1-' || lpad(to_hex(n), 12, '0'))::uuid AS menage_id,
       ('00000000-0000-0000-00' || :'ids' || '2-' || lpad(to_hex(n), 12, '0'))::uuid AS personne_id,
       ('00000000-0000-0000-00' || :'ids' || '3-' || lpad(to_hex(n), 12, '0'))::uuid AS demande_id,
       CASE WHEN n % 3 = 0 THEN 'FEMME' ELSE 'HOMME' END AS sexe,
       now() - make_interval(mins => n % 240) AS appel_at,
       (SELECT id FROM users WHERE email = 'ecoutant.115@demo.si-siao.fr') AS ecoutant
FROM generate_series(1, 60000) n;

INSERT INTO menages (id, cle, departement_code, situation_logement, created_by, updated_by, created_at, updated_at)
SELECT menage_id, 'M' || :'cles' || lpad(n::text, 15, '0'), '35', '20', ecoutant, ecoutant, appel_at, appel_at
FROM bench_passants;
INSERT INTO personnes (id, cle, nom_naissance, prenoms, date_naissance, sexe, created_by, updated_by)
SELECT personne_id, 'P' || :'cles' || lpad(n::text, 15, '0'), 'Passant',
       CASE sexe WHEN 'FEMME' THEN 'Marie' ELSE 'Jean' END, date '1970-01-01' + (n % 15000), sexe, ecoutant, ecoutant
FROM bench_passants;
INSERT INTO menage_membres (menage_id, personne_id, role, added_by)
SELECT menage_id, personne_id, 'demandeur_principal', ecoutant FROM bench_passants;
INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, appel_at, motif_appel,
                      composition_code, nb_adultes, nb_mineurs, en_attente_depuis, created_by, created_at, updated_at)
SELECT demande_id, 'urgence_115', menage_id, '35', ARRAY[personne_id], :'statut', appel_at, 'hebergement_nuit',
       CASE sexe WHEN 'FEMME' THEN '20' ELSE '10' END, 1, 0, appel_at, ecoutant, appel_at, appel_at
FROM bench_passants ORDER BY appel_at;
INSERT INTO demande_evenements (demande_id, at, by_user, evenement, vers, motif)
SELECT demande_id, appel_at, ecoutant, 'creer', 'en_attente', 'hebergement_nuit' FROM bench_passants ORDER BY appel_at;
