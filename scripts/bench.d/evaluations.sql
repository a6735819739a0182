-- A ménage followed for ten years: 20 final évaluations approfondies (one every six months, the demo's content)
-- and 200 published notes of a realistic length, on the demo's first ménage (created by the demo TS).
INSERT INTO evaluations (id, menage_id, statut, contenu, sante, created_by, created_at, finalisee_at)
SELECT gen_random_uuid(), m.id, 'finale', e.contenu, '[]', m.created_by,
       now() - make_interval(months => 6 * g), now() - make_interval(months => 6 * g)
FROM menages m, generate_series(1, 20) g,
     (SELECT contenu FROM evaluations WHERE id = '00000000-0000-0000-0000-000000355000') e
WHERE m.id = '00000000-0000-0000-0000-000000351000';

INSERT INTO notes (id, menage_id, nature, titre, corps, statut, created_by, created_at, publiee_at)
SELECT gen_random_uuid(), m.id, CASE WHEN g % 3 = 0 THEN 'note_sociale' ELSE 'note' END,
       'Suivi n° ' || g,
       repeat('Madame a été reçue au service ; les démarches avancent, la prochaine étape est fixée. ', 6)
         || E'\n\n' || repeat('Point budget et logement fait avec elle ; rendez-vous pris. ', 4),
       'publiee', m.created_by, now() - make_interval(days => 18 * g), now() - make_interval(days => 18 * g)
FROM menages m, generate_series(1, 200) g
WHERE m.id = '00000000-0000-0000-0000-000000351000';
