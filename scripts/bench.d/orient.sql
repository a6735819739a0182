-- The orientation benchmark's night in Ille-et-Vilaine: one big emergency groupe of 60 000 free places (the
-- demo's CHRS Horizon, whose responsable is notified of each orientation) and 60 000 calls to the 115 on hold,
-- each from a ménage of one adult created by the demo écoutant (passants.sql), so that every request of the
-- benchmark orients another demande. Ids: ménages ...00b1-<n>, personnes ...00b2-<n>, demandes ...00b3-<n>;
-- the groupe ...00b0-000000000001.
INSERT INTO groupes_places (id, dispositif_id, nom, canal, publics)
VALUES ('00000000-0000-0000-00b0-000000000001', '00000000-0000-0000-0000-000000350201', 'Gymnase du plan grand froid',
        'urgence_115', '{tout_public}');
INSERT INTO places (groupe_id, numero)
SELECT '00000000-0000-0000-00b0-000000000001', n FROM generate_series(1, 60000) n;

\set ids b
\set cles B
\set statut en_attente
\ir passants.sql

VACUUM (ANALYZE) groupes_places, places, menages, personnes, menage_membres, demandes, demande_evenements;
