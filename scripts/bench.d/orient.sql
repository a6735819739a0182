-- The orientation benchmark's night in Ille-et-Vilaine: one big emergency groupe of 60 000 free places (the
-- demo's CHRS Horizon, whose responsable is notified of each orientation) and 60 000 calls to the 115 on hold,
-- each from a ménage of one adult created by the demo écoutant, so that every request of the benchmark
-- orients another demande. Written as the application writes them (menage::repo, demande::repo::insert_appel).
-- Ids: ménages ...00b1-<n>, personnes ...00b2-<n>, demandes ...00b3-<n>; the groupe ...00b0-000000000001.
INSERT INTO groupes_places (id, dispositif_id, nom, canal, publics)
VALUES ('00000000-0000-0000-00b0-000000000001', '00000000-0000-0000-0000-000000350201', 'Gymnase du plan grand froid',
        'urgence_115', '{tout_public}');
INSERT INTO places (groupe_id, numero)
SELECT '00000000-0000-0000-00b0-000000000001', n FROM generate_series(1, 60000) n;

CREATE TEMP TABLE bench_appels AS
SELECT n, ('00000000-0000-0000-00b1-' || lpad(to_hex(n), 12, '0'))::uuid AS menage_id,
       ('00000000-0000-0000-00b2-' || lpad(to_hex(n), 12, '0'))::uuid AS personne_id,
       ('00000000-0000-0000-00b3-' || lpad(to_hex(n), 12, '0'))::uuid AS demande_id,
       CASE WHEN n % 3 = 0 THEN 'FEMME' ELSE 'HOMME' END AS sexe,
       now() - make_interval(mins => n % 240) AS appel_at,
       (SELECT id FROM users WHERE email = 'ecoutant.115@demo.si-siao.fr') AS ecoutant
FROM generate_series(1, 60000) n;

INSERT INTO menages (id, cle, departement_code, situation_logement, created_by, updated_by, created_at, updated_at)
SELECT menage_id, 'MB' || lpad(n::text, 15, '0'), '35', '20', ecoutant, ecoutant, appel_at, appel_at FROM bench_appels;
INSERT INTO personnes (id, cle, nom_naissance, prenoms, date_naissance, sexe, created_by, updated_by)
SELECT personne_id, 'PB' || lpad(n::text, 15, '0'), 'Passant', CASE sexe WHEN 'FEMME' THEN 'Marie' ELSE 'Jean' END,
       date '1970-01-01' + (n % 15000), sexe, ecoutant, ecoutant
FROM bench_appels;
INSERT INTO menage_membres (menage_id, personne_id, role, added_by)
SELECT menage_id, personne_id, 'demandeur_principal', ecoutant FROM bench_appels;
INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, appel_at, motif_appel,
                      composition_code, nb_adultes, nb_mineurs, en_attente_depuis, created_by, created_at, updated_at)
SELECT demande_id, 'urgence_115', menage_id, '35', ARRAY[personne_id], 'en_attente', appel_at, 'hebergement_nuit',
       CASE sexe WHEN 'FEMME' THEN '20' ELSE '10' END, 1, 0, appel_at, ecoutant, appel_at, appel_at
FROM bench_appels ORDER BY appel_at;
INSERT INTO demande_evenements (demande_id, at, by_user, evenement, vers, motif)
SELECT demande_id, appel_at, ecoutant, 'creer', 'en_attente', 'hebergement_nuit' FROM bench_appels ORDER BY appel_at;

VACUUM (ANALYZE) groupes_places, places, menages, personnes, menage_membres, demandes, demande_evenements;
