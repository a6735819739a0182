-- The DUI API benchmark: 60 000 ménages of one adult in Ille-et-Vilaine (passants.sql), each with its 115
-- demande oriented (proposée) to the demo's CHRS Horizon ("Chambres familles"), so that each is in the scope
-- of the demo partner SoliDUI, habilitated on that dispositif; its rate limit is lifted for the run.
-- Ids: ménages ...00c1-<n>, personnes ...00c2-<n>, demandes ...00c3-<n>, orientations ...00c4-<n>; clés
-- "MD" and "PD" then the number.
UPDATE partenaires SET limite_minute = 1000000 WHERE id = '00000000-0000-0000-0000-000000356000';

\set ids c
\set cles D
\set statut orientee
\ir passants.sql

INSERT INTO orientations (id, demande_id, menage_id, groupe_id, dispositif_id, statut, nb_places, created_by,
                          created_at, updated_at)
SELECT ('00000000-0000-0000-00c4-' || lpad(to_hex(n), 12, '0'))::uuid, demande_id, menage_id,
       '00000000-0000-0000-0000-000000350301', '00000000-0000-0000-0000-000000350201', 'proposee', 1, ecoutant,
       appel_at, appel_at
FROM bench_passants ORDER BY appel_at;

VACUUM (ANALYZE) menages, personnes, menage_membres, demandes, demande_evenements, orientations, partenaires;
