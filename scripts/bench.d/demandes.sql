-- National volume of demandes: 5 000 000 over the generated ménages (siao-fake-menages: no author), 4 or 5
-- per ménage, written as the application writes them (demande::repo: insert_insertion, insert_appel,
-- transition). Every ménage's older demandes are closed (terminee 60 %, annulee 40 %; 55 % of them 115
-- calls); its latest is, per mille: 250 en_attente and 50 en_commission (the waiting list: about 30 % of a
-- département's ménages, some 3 000 in Ille-et-Vilaine), 20 transmise, 15 brouillon, 10 a_completer,
-- 10 a_mettre_a_jour, 30 115 calls on hold, 315 terminee, 300 annulee (half of them 115). 4 % of the
-- demandes that went through the waiting list are prioritaires. Not generated: orientations (no demande is
-- orientee, acceptee or admise: the places of national.sql are held by none) and the history of the closed
-- demandes (the open ones have theirs).
-- h(g, s): a stable hash in [0, 2^31) of the row and a seed, so that every run generates the same volumes.
SET work_mem = '256MB';

-- The generated ménages, numbered from 0: their current persons (demandeur principal first) and their
-- composition as `Composition::of` derives it (an adult: 18 or more, or of unknown age and not an enfant).
CREATE TEMP TABLE bench_menages AS
WITH p AS (
    SELECT mm.menage_id, mm.role, p.id, p.sexe, p.date_naissance,
           coalesce(p.date_naissance <= current_date - interval '18 years', mm.role <> 'enfant') AS adulte
    FROM menage_membres mm JOIN personnes p ON p.id = mm.personne_id
    WHERE mm.jusqu_au IS NULL
), c AS (
    SELECT menage_id,
           array_agg(id ORDER BY role <> 'demandeur_principal', date_naissance NULLS LAST, id) AS personnes,
           count(*) FILTER (WHERE adulte) AS adultes,
           count(*) FILTER (WHERE NOT adulte) AS mineurs,
           bool_or(adulte AND role = 'demandeur_principal') AND bool_or(adulte AND role = 'conjoint') AS couple,
           (array_agg(sexe ORDER BY role <> 'demandeur_principal', date_naissance NULLS LAST, id)
                FILTER (WHERE adulte))[1] AS sexe
    FROM p GROUP BY menage_id
)
SELECT row_number() OVER (ORDER BY m.numero) - 1 AS k, m.id, m.departement_code, m.situation_logement,
       m.motif_demande, c.personnes, c.adultes::int AS adultes, c.mineurs::int AS mineurs,
       CASE WHEN c.adultes = 0 AND c.mineurs = 1 THEN '80'
            WHEN c.adultes = 0 THEN '90'
            WHEN c.adultes = 1 AND c.mineurs = 0 THEN CASE c.sexe WHEN 'FEMME' THEN '20' WHEN 'HOMME' THEN '10' END
            WHEN c.adultes = 1 THEN CASE c.sexe WHEN 'FEMME' THEN '40' WHEN 'HOMME' THEN '50' END
            WHEN c.adultes = 2 AND c.couple AND c.mineurs = 0 THEN '30'
            WHEN c.adultes = 2 AND c.couple THEN '100'
            WHEN c.mineurs = 0 THEN '70'
            ELSE '60' END AS composition
FROM menages m JOIN c ON c.menage_id = m.id
WHERE m.created_by IS NULL;
CREATE UNIQUE INDEX ON bench_menages (k);
ANALYZE bench_menages;

-- Who writes them, per département: a travailleur social of the national data and his dispositif (the
-- prescripteur of the demandes d'insertion), an écoutant 115 (the calls), an opérateur SIAO (the steps of
-- the SIAO's side).
CREATE TEMP TABLE bench_auteurs AS
SELECT d.code AS departement_code, ts.user_id AS ts, ts.dispositif_id,
       (SELECT u.id FROM users u JOIN siao_departements s ON s.siao_id = u.siao_id
        WHERE s.departement_code = d.code AND u.profile = 'ecoutant_115' AND u.email LIKE '%@bench.si-siao.fr'
        ORDER BY u.email LIMIT 1) AS ecoutant,
       (SELECT u.id FROM users u JOIN siao_departements s ON s.siao_id = u.siao_id
        WHERE s.departement_code = d.code AND u.profile = 'operateur_siao' AND u.email LIKE '%@bench.si-siao.fr'
        ORDER BY u.email LIMIT 1) AS operateur
FROM departements d,
     LATERAL (SELECT u.id AS user_id, x.id AS dispositif_id
              FROM users u JOIN user_dispositifs ud ON ud.user_id = u.id JOIN dispositifs x ON x.id = ud.dispositif_id
              WHERE u.profile = 'travailleur_social' AND x.departement_code = d.code
                AND u.email LIKE '%@bench.si-siao.fr'
              ORDER BY u.email LIMIT 1) ts;

-- g: the demande, 0 to 4 999 999; its ménage k = g mod n, its rank r = g div n among the ménage's demandes
-- (the last one, r = last, may be open). Numbered (demandes_numero_seq) in the order of creation.
INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, situation_demande,
                      motif_demande, preconisations, appel_at, motif_appel, composition_code, nb_adultes,
                      nb_mineurs, priorite, prescripteur_dispositif_id, transmise_initiale_at, transmise_at,
                      en_attente_depuis, motif_fin, version, created_by, created_at, updated_at)
SELECT gen_random_uuid(), s.nature, m.id, m.departement_code, m.personnes, s.statut,
       CASE WHEN i THEN m.situation_logement END, CASE WHEN i THEN m.motif_demande END,
       -- One or two préconisations (TYPES_ETABLISSEMENT_UN), CHRS and logement first; a draft may have none.
       CASE WHEN NOT i OR (s.statut = 'brouillon' AND x.h4 % 2 = 0) THEN '{}'::text[]
            ELSE ARRAY[(ARRAY['400', '400', '1000', '900', '800', '300', '100', '600', '2001', '1100'])[1 + x.h4 % 10]]
                 || CASE WHEN x.h4 / 10 % 10 < 3
                         THEN ARRAY[(ARRAY['1000', '900', '900', '1000', '1000', '400', '300', '1000', '900', '1000'])[1 + x.h4 % 10]]
                         ELSE '{}'::text[] END END,
       CASE WHEN NOT i THEN t.created_at END,
       CASE WHEN NOT i THEN (ARRAY['hebergement_nuit', 'hebergement_nuit', 'hebergement_nuit', 'renouvellement',
                                   'renouvellement', 'signalement', 'sante', 'violences', 'hebergement_nuit',
                                   'information'])[1 + x.h4 % 10] END,
       m.composition, m.adultes, m.mineurs,
       i AND s.statut IN ('en_attente', 'en_commission', 'a_mettre_a_jour', 'terminee') AND x.h5 % 100 < 4,
       CASE WHEN i THEN a.dispositif_id END,
       CASE WHEN i AND s.statut <> 'brouillon' THEN t.created_at + interval '1 day' END,
       CASE WHEN i AND s.statut <> 'brouillon' THEN t.created_at + interval '1 day' END,
       CASE WHEN NOT i THEN t.created_at
            WHEN s.statut IN ('en_attente', 'en_commission', 'a_mettre_a_jour', 'terminee', 'annulee')
            THEN t.created_at + interval '2 days' END,
       CASE WHEN s.statut = 'annulee' AND i
            THEN (ARRAY['solution_trouvee', 'renonce', 'sans_nouvelles', 'doublon', 'solution_trouvee'])[1 + x.h5 % 5]
            WHEN s.statut = 'annulee'
            THEN (ARRAY['pas_rappele', 'solution_trouvee', 'renonce', 'pas_rappele'])[1 + x.h5 % 4] END,
       -- The version counts the steps: créer, transmettre, inscrire, ... (a 115 call: créer, orienter, ...).
       CASE WHEN i THEN CASE s.statut WHEN 'brouillon' THEN 1 WHEN 'transmise' THEN 2 WHEN 'a_completer' THEN 3
                                      WHEN 'en_attente' THEN 3 WHEN 'en_commission' THEN 4 WHEN 'a_mettre_a_jour' THEN 4
                                      WHEN 'terminee' THEN 7 ELSE 4 END
            ELSE CASE s.statut WHEN 'en_attente' THEN 1 WHEN 'terminee' THEN 4 ELSE 2 END END,
       CASE WHEN i THEN a.ts ELSE a.ecoutant END,
       t.created_at,
       CASE WHEN s.statut IN ('terminee', 'annulee') THEN least(now(), t.created_at + make_interval(days => (20 + x.h5 % 200)::int))
            WHEN s.statut = 'brouillon' OR NOT i THEN t.created_at
            WHEN s.statut = 'transmise' THEN t.created_at + interval '1 day'
            WHEN s.statut IN ('en_commission', 'a_mettre_a_jour') THEN t.created_at + interval '2 days 1 hour'
            ELSE t.created_at + interval '2 days' END
FROM (SELECT count(*) AS n FROM bench_menages) c,
     generate_series(0, 4999999) g
     JOIN bench_menages m ON m.k = g % (SELECT count(*) FROM bench_menages)
     JOIN bench_auteurs a ON a.departement_code = m.departement_code,
     LATERAL (SELECT g / c.n AS r, (4999999 - g % c.n) / c.n AS last,
                     hashint8extended(g, 1) & 2147483647 AS h1, hashint8extended(g, 2) & 2147483647 AS h2,
                     hashint8extended(g, 3) & 2147483647 AS h3, hashint8extended(g, 4) & 2147483647 AS h4,
                     hashint8extended(g, 5) & 2147483647 AS h5) x,
     LATERAL (SELECT CASE WHEN x.r < x.last THEN CASE WHEN x.h2 % 100 < 55 THEN 'urgence_115' ELSE 'insertion' END
                          WHEN x.h1 % 1000 < 355 THEN 'insertion'
                          WHEN x.h1 % 1000 < 385 THEN 'urgence_115'
                          WHEN x.h2 % 2 = 0 THEN 'insertion' ELSE 'urgence_115' END AS nature,
                     CASE WHEN x.r < x.last THEN CASE WHEN x.h3 % 10 < 6 THEN 'terminee' ELSE 'annulee' END
                          WHEN x.h1 % 1000 < 250 THEN 'en_attente'
                          WHEN x.h1 % 1000 < 300 THEN 'en_commission'
                          WHEN x.h1 % 1000 < 320 THEN 'transmise'
                          WHEN x.h1 % 1000 < 335 THEN 'brouillon'
                          WHEN x.h1 % 1000 < 345 THEN 'a_completer'
                          WHEN x.h1 % 1000 < 355 THEN 'a_mettre_a_jour'
                          WHEN x.h1 % 1000 < 385 THEN 'en_attente'
                          WHEN x.h1 % 1000 < 700 THEN 'terminee'
                          ELSE 'annulee' END AS statut) s,
     LATERAL (SELECT s.nature = 'insertion' AS i) n(i),
     -- When it was written: the open ones in the last two years (a 115 call on hold in the last three days),
     -- the older ones about ten months apart before.
     LATERAL (SELECT now() - CASE WHEN s.nature = 'urgence_115' AND s.statut = 'en_attente'
                                  THEN make_interval(mins => (x.h4 % 4320)::int)
                                  ELSE make_interval(days => (3 + (x.last - x.r) * 300 + x.h4 % 720)::int,
                                                     secs => x.h5 % 86400) END AS created_at) t
ORDER BY t.created_at;

-- The history of the open demandes: the steps that brought them where they are.
INSERT INTO demande_evenements (demande_id, at, by_user, evenement, de, vers, motif, commentaire)
SELECT d.id, e.at, e.by_user, e.evenement, e.de, e.vers, e.motif, e.commentaire
FROM demandes d JOIN bench_auteurs a ON a.departement_code = d.departement_code,
     LATERAL (VALUES
         (1, true, d.created_at, d.created_by, 'creer', NULL,
          CASE d.nature WHEN 'insertion' THEN 'brouillon' ELSE 'en_attente' END, d.motif_appel, NULL),
         (2, d.nature = 'insertion' AND d.statut <> 'brouillon', d.transmise_initiale_at, d.created_by,
          'transmettre', 'brouillon', 'transmise', NULL, NULL),
         (3, d.statut = 'a_completer', d.updated_at, a.operateur, 'renvoyer_a_completer', 'transmise',
          'a_completer', NULL, 'Merci de préciser les ressources du ménage.'),
         (3, d.nature = 'insertion' AND d.statut IN ('en_attente', 'en_commission', 'a_mettre_a_jour'),
          d.en_attente_depuis, a.operateur, 'inscrire', 'transmise', 'en_attente', NULL, NULL),
         (4, d.statut = 'en_commission', d.en_attente_depuis + interval '1 hour', a.operateur,
          'presenter_commission', 'en_attente', 'en_commission', NULL, NULL),
         (4, d.statut = 'a_mettre_a_jour', d.en_attente_depuis + interval '1 hour', a.operateur,
          'demander_mise_a_jour', 'en_attente', 'a_mettre_a_jour', NULL, 'La situation a-t-elle changé ?')
     ) e(n, applies, at, by_user, evenement, de, vers, motif, commentaire)
WHERE d.statut NOT IN ('terminee', 'annulee') AND e.applies
ORDER BY e.at, e.n;

-- Vacuumed as well as analysed: no autovacuum of the fresh tables in the middle of a figure.
VACUUM (ANALYZE) demandes, demande_evenements;
