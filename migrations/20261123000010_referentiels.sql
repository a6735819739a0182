-- Référentiels: versioned value lists shared by every domain. A value has a code (stable: records keep it),
-- a label (may be relabelled), an order, an active flag and validity dates: a retired or expired code stays
-- readable on old records and is no longer offered in forms. `parent_code` links a value to one of another
-- list (a type de dispositif to its nature).
CREATE TABLE referentiels (
    code   text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
    label  text NOT NULL,
    -- 'siao': lists of this application (Offre); 'si_siao': codes of the national SI SIAO, exchanged with partners.
    source text NOT NULL CHECK (source IN ('siao', 'si_siao'))
);

CREATE TABLE referentiel_valeurs (
    referentiel text NOT NULL REFERENCES referentiels (code),
    code        text NOT NULL CHECK (code <> '' AND length(code) <= 100),
    label       text NOT NULL CHECK (label <> '' AND length(label) <= 300),
    position    integer NOT NULL,
    parent_code text,
    active      boolean NOT NULL DEFAULT true,
    valid_from  date,
    valid_to    date,
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (referentiel, code),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);

-- Offre lists. The nomenclature of dispositifs is one list over both versions of the national table: types of
-- the 2023 version only end on 2024-12-31, types new in 2025 start on 2025-01-01 (the dates are this
-- project's reading of "2023" and "2025"; an administrator can correct them).
INSERT INTO referentiels (code, label, source) VALUES ('nature_dispositif', 'Nature de dispositif', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, parent_code, valid_from, valid_to) VALUES
    ('nature_dispositif', 'logement_iml', 'Logement IML', 1, NULL, '2023-01-01', NULL),
    ('nature_dispositif', 'logement_rs', 'Logement Résidence sociale', 2, NULL, '2023-01-01', NULL),
    ('nature_dispositif', 'hebergement', 'Hébergement', 3, NULL, '2023-01-01', NULL),
    ('nature_dispositif', 'veille_sociale', 'Veille sociale', 4, NULL, '2023-01-01', NULL),
    ('nature_dispositif', 'accompagnement', 'Accompagnement', 5, NULL, '2023-01-01', NULL),
    ('nature_dispositif', 'premier_accueil', 'Premier accueil', 6, NULL, '2023-01-01', NULL);
INSERT INTO referentiels (code, label, source) VALUES ('type_dispositif', 'Type de dispositif (selon la nature)', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, parent_code, valid_from, valid_to) VALUES
    ('type_dispositif', 'logement_iml.location_sous_location', 'Location – sous-location', 1, 'logement_iml', '2023-01-01', NULL),
    ('type_dispositif', 'logement_iml.mandat_de_gestion', 'Mandat de gestion', 2, 'logement_iml', '2023-01-01', NULL),
    ('type_dispositif', 'logement_iml.un_chez_soi_d_abord', 'Un Chez Soi d''Abord', 3, 'logement_iml', '2023-01-01', NULL),
    ('type_dispositif', 'logement_rs.pension_de_famille', 'Pension de famille', 4, 'logement_rs', '2023-01-01', NULL),
    ('type_dispositif', 'logement_rs.residence_d_accueil', 'Résidence d''accueil', 5, 'logement_rs', '2023-01-01', NULL),
    ('type_dispositif', 'logement_rs.fjt', 'FJT', 6, 'logement_rs', '2023-01-01', NULL),
    ('type_dispositif', 'logement_rs.ftm', 'FTM', 7, 'logement_rs', '2023-01-01', NULL),
    ('type_dispositif', 'logement_rs.residence_sociale_classique', 'Résidence sociale classique', 8, 'logement_rs', '2023-01-01', NULL),
    ('type_dispositif', 'logement_rs.habitat_inclusif', 'Habitat inclusif', 9, 'logement_rs', '2023-01-01', NULL),
    ('type_dispositif', 'hebergement.chrs', 'CHRS', 10, 'hebergement', '2025-01-01', NULL),
    ('type_dispositif', 'hebergement.centre_d_hebergement_hors_chrs', 'Centre d''hébergement hors CHRS', 11, 'hebergement', '2025-01-01', NULL),
    ('type_dispositif', 'hebergement.hotel', 'Hôtel', 12, 'hebergement', '2025-01-01', NULL),
    ('type_dispositif', 'hebergement.rhvs', 'RHVS', 13, 'hebergement', '2025-01-01', NULL),
    ('type_dispositif', 'hebergement.chrs_insertion', 'CHRS insertion', 14, 'hebergement', '2023-01-01', '2024-12-31'),
    ('type_dispositif', 'hebergement.chrs_115', 'CHRS 115', 15, 'hebergement', '2023-01-01', '2024-12-31'),
    ('type_dispositif', 'hebergement.chrs_mixte_insertion_115', 'CHRS mixte insertion-115', 16, 'hebergement', '2023-01-01', '2024-12-31'),
    ('type_dispositif', 'hebergement.hebergement_hors_chrs', 'Hébergement hors CHRS', 17, 'hebergement', '2023-01-01', '2024-12-31'),
    ('type_dispositif', 'hebergement.hebergement_en_hotel_rhvs', 'Hébergement en hôtel – RHVS', 18, 'hebergement', '2023-01-01', '2024-12-31'),
    ('type_dispositif', 'hebergement.hebergement_en_hotel_hotel', 'Hébergement en hôtel – Hôtel', 19, 'hebergement', '2023-01-01', '2024-12-31'),
    ('type_dispositif', 'hebergement.hebergement_medico_social_lam_lhss_autre', 'Hébergement médico-social (LAM, LHSS, autre)', 20, 'hebergement', '2023-01-01', NULL),
    ('type_dispositif', 'hebergement.autres_gymnases_ecoles', 'Autres (gymnases, écoles...)', 21, 'hebergement', '2023-01-01', NULL),
    ('type_dispositif', 'veille_sociale.maraude', 'Maraude', 22, 'veille_sociale', '2023-01-01', NULL),
    ('type_dispositif', 'veille_sociale.accueil_de_jour', 'Accueil de jour', 23, 'veille_sociale', '2023-01-01', NULL),
    ('type_dispositif', 'veille_sociale.halte_de_nuit', 'Halte de nuit', 24, 'veille_sociale', '2023-01-01', NULL),
    ('type_dispositif', 'veille_sociale.sao', 'SAO', 25, 'veille_sociale', '2023-01-01', NULL),
    ('type_dispositif', 'veille_sociale.aide_alimentaire', 'Aide alimentaire', 26, 'veille_sociale', '2023-01-01', NULL),
    ('type_dispositif', 'accompagnement.avdl', 'AVDL', 27, 'accompagnement', '2023-01-01', NULL),
    ('type_dispositif', 'accompagnement.asll_fsl', 'ASLL (FSL)', 28, 'accompagnement', '2023-01-01', NULL),
    ('type_dispositif', 'accompagnement.pash', 'PASH', 29, 'accompagnement', '2023-01-01', NULL),
    ('type_dispositif', 'accompagnement.hlm_chrs', 'HLM (CHRS)', 30, 'accompagnement', '2023-01-01', NULL),
    ('type_dispositif', 'accompagnement.accompagnement_emploi_emile_phc_cvg_coach_aava', 'Accompagnement Emploi (Emile, PHC, CVG, Coach, AAVA)', 31, 'accompagnement', '2023-01-01', NULL),
    ('type_dispositif', 'accompagnement.pex', 'PEX', 32, 'accompagnement', '2023-01-01', NULL),
    ('type_dispositif', 'accompagnement.autre_lda', 'Autre (LDA)', 33, 'accompagnement', '2023-01-01', NULL),
    ('type_dispositif', 'premier_accueil.dna_agir', 'DNA / AGIR', 34, 'premier_accueil', '2023-01-01', NULL),
    ('type_dispositif', 'premier_accueil.pex', 'PEX', 35, 'premier_accueil', '2023-01-01', NULL),
    ('type_dispositif', 'premier_accueil.secteur_ccas_ou_departement', 'Secteur (CCAS ou Département)', 36, 'premier_accueil', '2023-01-01', NULL),
    ('type_dispositif', 'premier_accueil.sante', 'Santé', 37, 'premier_accueil', '2023-01-01', NULL),
    ('type_dispositif', 'premier_accueil.spip', 'SPIP', 38, 'premier_accueil', '2023-01-01', NULL),
    ('type_dispositif', 'premier_accueil.emploi_reseau_pour_l_emploi', 'Emploi (Réseau pour l''emploi)', 39, 'premier_accueil', '2023-01-01', NULL),
    ('type_dispositif', 'premier_accueil.autre_dont_benevoles', 'Autre (dont bénévoles)', 40, 'premier_accueil', '2023-01-01', NULL);
INSERT INTO referentiels (code, label, source) VALUES ('public_accueilli', 'Public accueilli', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, parent_code, valid_from, valid_to) VALUES
    ('public_accueilli', 'tout_public', 'Tout public', 1, NULL, NULL, NULL),
    ('public_accueilli', 'hommes_seuls', 'Hommes seuls', 2, NULL, NULL, NULL),
    ('public_accueilli', 'femmes_seules', 'Femmes seules', 3, NULL, NULL, NULL),
    ('public_accueilli', 'couples_sans_enfant', 'Couples sans enfant', 4, NULL, NULL, NULL),
    ('public_accueilli', 'familles', 'Familles', 5, NULL, NULL, NULL),
    ('public_accueilli', 'femmes_avec_enfant_s', 'Femmes avec enfant(s)', 6, NULL, NULL, NULL),
    ('public_accueilli', 'jeunes_de_18_a_25_ans', 'Jeunes de 18 à 25 ans', 7, NULL, NULL, NULL),
    ('public_accueilli', 'femmes_victimes_de_violences', 'Femmes victimes de violences', 8, NULL, NULL, NULL),
    ('public_accueilli', 'personnes_agees_ou_vieillissantes', 'Personnes âgées ou vieillissantes', 9, NULL, NULL, NULL),
    ('public_accueilli', 'personnes_en_situation_de_handicap', 'Personnes en situation de handicap', 10, NULL, NULL, NULL),
    ('public_accueilli', 'personnes_sortant_de_detention', 'Personnes sortant de détention', 11, NULL, NULL, NULL),
    ('public_accueilli', 'demandeurs_d_asile_et_refugies', 'Demandeurs d''asile et réfugiés', 12, NULL, NULL, NULL),
    ('public_accueilli', 'mineurs_non_accompagnes', 'Mineurs non accompagnés', 13, NULL, NULL, NULL),
    ('public_accueilli', 'personnes_avec_animaux', 'Personnes avec animaux', 14, NULL, NULL, NULL);
INSERT INTO referentiels (code, label, source) VALUES ('convention_collective', 'Type de convention collective', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, parent_code, valid_from, valid_to) VALUES
    ('convention_collective', 'ccn_1966', 'CCN du 15 mars 1966 (établissements pour personnes inadaptées et handicapées)', 1, NULL, NULL, NULL),
    ('convention_collective', 'ccn_1951', 'CCN du 31 octobre 1951 (FEHAP)', 2, NULL, NULL, NULL),
    ('convention_collective', 'accords_chrs', 'Accords collectifs CHRS', 3, NULL, NULL, NULL),
    ('convention_collective', 'alisfa', 'ALISFA (acteurs du lien social et familial)', 4, NULL, NULL, NULL),
    ('convention_collective', 'aucune', 'Aucune convention collective', 5, NULL, NULL, NULL),
    ('convention_collective', 'autre', 'Autre (préciser l''IDCC)', 6, NULL, NULL, NULL);
INSERT INTO referentiels (code, label, source) VALUES ('source_financement', 'Source de financement', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, parent_code, valid_from, valid_to) VALUES
    ('source_financement', 'p177', 'BOP 177 (État)', 1, NULL, NULL, NULL),
    ('source_financement', 'contingent_prefectoral', 'Contingent préfectoral', 2, NULL, NULL, NULL),
    ('source_financement', 'departement', 'Département', 3, NULL, NULL, NULL),
    ('source_financement', 'ars', 'ARS', 4, NULL, NULL, NULL),
    ('source_financement', 'autre', 'Autre', 5, NULL, NULL, NULL);
INSERT INTO referentiels (code, label, source) VALUES ('motif_immobilisation', 'Motif d''immobilisation', 'siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, parent_code, valid_from, valid_to) VALUES
    ('motif_immobilisation', 'travaux', 'Travaux', 1, NULL, NULL, NULL),
    ('motif_immobilisation', 'sinistre', 'Sinistre (dégât des eaux, incendie)', 2, NULL, NULL, NULL),
    ('motif_immobilisation', 'nuisibles', 'Nuisibles (punaises de lit...)', 3, NULL, NULL, NULL),
    ('motif_immobilisation', 'degradation', 'Dégradation', 4, NULL, NULL, NULL),
    ('motif_immobilisation', 'fermeture_administrative', 'Fermeture administrative', 5, NULL, NULL, NULL),
    ('motif_immobilisation', 'personnel', 'Manque de personnel', 6, NULL, NULL, NULL),
    ('motif_immobilisation', 'autre', 'Autre', 7, NULL, NULL, NULL);

-- Codes of the national SI SIAO (shared/domain/referentiels.md), for the fiche ménage, the demandes and the
-- DUI exchanges. Codes seen only in an earlier version of a list are kept, retired (active = false).
INSERT INTO referentiels (code, label, source) VALUES ('compositions', 'Composition du ménage', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('compositions', '10', 'Homme seul', 1, true),
    ('compositions', '20', 'Femme seule', 2, true),
    ('compositions', '30', 'Couple sans enfant', 3, true),
    ('compositions', '40', 'Femme seule avec enfant(s)', 4, true),
    ('compositions', '50', 'Homme seul avec enfant(s)', 5, true),
    ('compositions', '60', 'Groupe avec enfant(s)', 6, true),
    ('compositions', '70', 'Groupe d''adultes sans enfant', 7, true),
    ('compositions', '80', 'Enfant / Mineur isolé', 8, true),
    ('compositions', '90', 'Enfants / Mineurs en groupe', 9, true),
    ('compositions', '100', 'Couple avec enfant', 10, true),
    ('compositions', '120', 'Enfant / Mineur en famille', 11, true);
INSERT INTO referentiels (code, label, source) VALUES ('situation_personnes', 'Situation familiale', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('situation_personnes', '1', 'Non renseignée', 1, true),
    ('situation_personnes', '10', 'Célibataire', 2, true),
    ('situation_personnes', '20', 'Marié(e)', 3, true),
    ('situation_personnes', '30', 'Pacsé(e)', 4, true),
    ('situation_personnes', '40', 'Vie maritale', 5, true),
    ('situation_personnes', '50', 'Concubinage', 6, true),
    ('situation_personnes', '60', 'Séparé', 7, true),
    ('situation_personnes', '70', 'Divorcé', 8, true),
    ('situation_personnes', '80', 'Veuf', 9, true),
    ('situation_personnes', '90', 'Enfant / Mineur isolé', 10, true),
    ('situation_personnes', '100', 'Enfant / Mineur en famille', 11, true);
INSERT INTO referentiels (code, label, source) VALUES ('sexe', 'Sexe', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('sexe', 'FEMME', 'Femme', 1, true),
    ('sexe', 'HOMME', 'Homme', 2, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_hebergement_enfant', 'Mode d''hébergement de l''enfant', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_hebergement_enfant', '1', 'En permanence', 1, true),
    ('type_hebergement_enfant', '2', 'En garde alternée', 2, true),
    ('type_hebergement_enfant', '3', 'Uniquement WE et congés', 3, true),
    ('type_hebergement_enfant', '4', 'Journée uniquement', 4, true);
INSERT INTO referentiels (code, label, source) VALUES ('regroupement_familial', 'Regroupement familial', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('regroupement_familial', '1', 'Non renseigné', 1, true),
    ('regroupement_familial', '2', 'Non', 2, true),
    ('regroupement_familial', '3', 'Envisagé', 3, true),
    ('regroupement_familial', '4', 'En cours', 4, true),
    ('regroupement_familial', '5', 'Accepté', 5, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_de_grossesse', 'Type de grossesse', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_de_grossesse', 'SIMPLE', 'Simple', 1, true),
    ('type_de_grossesse', 'JUMEAUX', 'Jumeaux', 2, true),
    ('type_de_grossesse', 'MULTIPLE', 'Multiple', 3, true);
INSERT INTO referentiels (code, label, source) VALUES ('animaux', 'Animaux', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('animaux', '1', 'Autres', 1, true),
    ('animaux', '2', 'Chien', 2, true),
    ('animaux', '3', 'Chat', 3, true);
INSERT INTO referentiels (code, label, source) VALUES ('situation_demandes', 'Situation au regard du logement', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('situation_demandes', '20', 'À la rue', 1, true),
    ('situation_demandes', '21', 'AUDA', 2, true),
    ('situation_demandes', '22', 'CADA', 3, true),
    ('situation_demandes', '23', 'CHUDA', 4, true),
    ('situation_demandes', '24', 'Colocation', 5, true),
    ('situation_demandes', '25', 'Détention', 6, true),
    ('situation_demandes', '26', 'Dispositif hivernal', 7, true),
    ('situation_demandes', '27', 'Dispositif médical (LHSS / LAM, autre)', 8, true),
    ('situation_demandes', '28', 'Errance résidentielle', 9, true),
    ('situation_demandes', '29', 'Hébergé chez amis - autre', 10, true),
    ('situation_demandes', '30', 'Hébergé chez famille', 11, true),
    ('situation_demandes', '31', 'Hébergement d''insertion', 12, true),
    ('situation_demandes', '32', 'Hébergement d''urgence', 13, true),
    ('situation_demandes', '33', 'Hébergement de stabilisation', 14, true),
    ('situation_demandes', '34', 'Hôtel (hors 115)', 15, true),
    ('situation_demandes', '35', 'Hôtel 115', 16, true),
    ('situation_demandes', '36', 'Institutions publiques (hôpital, maison de retraite)', 17, true),
    ('situation_demandes', '37', 'Location parc privé', 18, true),
    ('situation_demandes', '38', 'Location parc public', 19, true),
    ('situation_demandes', '39', 'Logement accompagné', 20, true),
    ('situation_demandes', '40', 'Logement foyer', 21, true),
    ('situation_demandes', '41', 'Maison relais', 22, true),
    ('situation_demandes', '42', 'PEC-ASE', 23, true),
    ('situation_demandes', '43', 'Résidence Sociale', 24, true),
    ('situation_demandes', '44', 'Autre', 25, true),
    ('situation_demandes', '45', 'Expulsion locative du privé', 26, true),
    ('situation_demandes', '46', 'Expulsion locative du public', 27, true),
    ('situation_demandes', '47', 'Accueil de jour, service social, associations', 28, true),
    ('situation_demandes', '48', 'Service social', 29, true),
    ('situation_demandes', '49', 'Associations', 30, true),
    ('situation_demandes', '50', 'Propriétaire', 31, true),
    ('situation_demandes', '51', 'Intermédiation locative', 32, true),
    ('situation_demandes', '52', 'Expulsion squat', 33, true),
    ('situation_demandes', '53', 'MHL (mission hébergement logement)', 34, true),
    ('situation_demandes', '54', 'Evacuation de camp / bidonville', 35, true),
    ('situation_demandes', '55', 'Domicile conjugal', 36, true),
    ('situation_demandes', '56', 'HUDA', 37, true),
    ('situation_demandes', '57', 'Fin de prise en charge Mission hébergement logement (MHL)', 38, true);
INSERT INTO referentiels (code, label, source) VALUES ('motif_demandes', 'Motif de la demande', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('motif_demandes', '201', 'Absence de ressources', 1, true),
    ('motif_demandes', '202', 'Arrivée en France', 2, true),
    ('motif_demandes', '203', 'Dort dans la rue', 3, true),
    ('motif_demandes', '204', 'Expulsion locative', 4, true),
    ('motif_demandes', '205', 'Fin d''hébergement chez des tiers', 5, true),
    ('motif_demandes', '206', 'Fin d''hospitalisation', 6, true),
    ('motif_demandes', '207', 'Fin de prise en charge ASE', 7, true),
    ('motif_demandes', '208', 'Fin de prise en charge Conseil Général', 8, true),
    ('motif_demandes', '209', 'Inadaptation du logement', 9, true),
    ('motif_demandes', '210', 'Logement insalubre', 10, true),
    ('motif_demandes', '211', 'Logement repris par le propriétaire', 11, true),
    ('motif_demandes', '212', 'Rapprochement du lieu de travail', 12, true),
    ('motif_demandes', '213', 'Regroupement familial', 13, true),
    ('motif_demandes', '214', 'Risque d''expulsion locative', 14, true),
    ('motif_demandes', '215', 'Séparation ou rupture des liens familiaux', 15, true),
    ('motif_demandes', '216', 'Sortie dispositif asile', 16, true),
    ('motif_demandes', '217', 'Sortie d''hébergement', 17, true),
    ('motif_demandes', '218', 'Sortie de détention', 18, true),
    ('motif_demandes', '219', 'Sortie de Logement accompagné', 19, true),
    ('motif_demandes', '220', 'Violences familiales-conjugales', 20, true),
    ('motif_demandes', '221', 'Autre', 21, true),
    ('motif_demandes', '222', 'Départ du département initial', 22, true),
    ('motif_demandes', '223', 'Evacuation de camp/bidonville', 23, true),
    ('motif_demandes', '224', 'Fin de PEC MHL (mission hébergement logement)', 24, true),
    ('motif_demandes', '225', 'Expulsion SQUAT', 25, true);
INSERT INTO referentiels (code, label, source) VALUES ('duree_errances', 'Durée d''errance', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('duree_errances', '10', 'Jour même', 1, true),
    ('duree_errances', '20', 'Moins d’une semaine', 2, true),
    ('duree_errances', '30', '1 semaine - 1 mois', 3, true),
    ('duree_errances', '40', '1 mois - 6 mois', 4, true),
    ('duree_errances', '50', '6 mois - 1 an', 5, true),
    ('duree_errances', '60', '1 an - 2 ans', 6, true),
    ('duree_errances', '70', '2 ans - 5 ans', 7, true),
    ('duree_errances', '80', '5 ans – 10 ans', 8, true),
    ('duree_errances', '90', 'Plus de 10 ans', 9, true),
    ('duree_errances', '100', 'NSP', 10, true),
    ('duree_errances', '110', 'Non Renseigné', 11, true),
    ('duree_errances', '120', 'Refus de répondre', 12, true),
    ('duree_errances', '130', 'Prochainement en demande', 13, true);
INSERT INTO referentiels (code, label, source) VALUES ('situation_sortie_demande', 'Situation à la sortie', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('situation_sortie_demande', '1', 'Autre motif', 1, true),
    ('situation_sortie_demande', '2', 'Colocation', 2, true),
    ('situation_sortie_demande', '3', 'Dispositif d''asile', 3, true),
    ('situation_sortie_demande', '4', 'Dispositif hivernal', 4, true),
    ('situation_sortie_demande', '5', 'Sortie vers LAM (Lit Accueil Médicalisé)', 5, true),
    ('situation_sortie_demande', '6', 'Décédée', 6, true),
    ('situation_sortie_demande', '7', 'Hébergée par des tiers', 7, true),
    ('situation_sortie_demande', '8', 'Sortie vers hébergement d''insertion', 8, true),
    ('situation_sortie_demande', '9', 'Hébergement d''urgence', 9, true),
    ('situation_sortie_demande', '10', 'Sortie vers hébergement de stabilisation', 10, true),
    ('situation_sortie_demande', '11', 'Hôtel', 11, true),
    ('situation_sortie_demande', '12', 'Logement en intermédiation locative', 12, true),
    ('situation_sortie_demande', '13', 'Sortie vers Logement foyers (FJT - FTM)', 13, true),
    ('situation_sortie_demande', '14', 'Accès à un logement parc privé', 14, true),
    ('situation_sortie_demande', '15', 'Accès à un logement parc public', 15, true),
    ('situation_sortie_demande', '16', 'Sortie vers ALT', 16, true),
    ('situation_sortie_demande', '17', 'Sortie vers une maison relais', 17, true),
    ('situation_sortie_demande', '18', 'Départ volontaire de la personne', 18, true),
    ('situation_sortie_demande', '19', 'Exclusion de la structure', 19, true),
    ('situation_sortie_demande', '20', 'Retour au domicile conjugal ou personnel', 20, true),
    ('situation_sortie_demande', '21', 'Retour dans la famille', 21, true),
    ('situation_sortie_demande', '22', 'Rue/Abris de fortune (squat, camping, voiture)', 22, true),
    ('situation_sortie_demande', '23', 'Sortie vers résidence sociale', 23, true),
    ('situation_sortie_demande', '24', 'Résidence accueil', 24, true),
    ('situation_sortie_demande', '25', 'Retour dans le pays d''origine', 25, true),
    ('situation_sortie_demande', '26', 'Hospitalisation', 26, true),
    ('situation_sortie_demande', '27', 'Incarcération', 27, true),
    ('situation_sortie_demande', '28', 'Information non renseignée', 28, true),
    ('situation_sortie_demande', '29', 'Sortie vers une unité de lits halte soins santé', 29, true),
    ('situation_sortie_demande', '30', 'Sortie vers les ACT (Appartement de Coordination Thérapeutique)', 30, true),
    ('situation_sortie_demande', '31', 'La personne a trouvé une autre solution', 31, true),
    ('situation_sortie_demande', '32', 'Sortie vers pré-CADA', 32, true),
    ('situation_sortie_demande', '33', 'Sortie vers un CADA', 33, true),
    ('situation_sortie_demande', '34', 'Sortie vers un centre maternel', 34, true),
    ('situation_sortie_demande', '35', 'Sortie vers ILM mandat de gestion', 35, true),
    ('situation_sortie_demande', '36', 'Sortie vers IML location sous location', 36, true),
    ('situation_sortie_demande', '37', 'Sortie vers IML location sous location bail glissant', 37, true),
    ('situation_sortie_demande', '38', 'Sortie vers un CHRS', 38, true),
    ('situation_sortie_demande', '39', 'Abscence momentanée prévue', 39, true),
    ('situation_sortie_demande', '40', 'Fermeture structure hivernale', 40, true),
    ('situation_sortie_demande', '41', 'Fin de séjour', 41, true),
    ('situation_sortie_demande', '42', 'La personne n''a pas rappelé le 115', 42, true),
    ('situation_sortie_demande', '43', 'La personne ne s''est pas présentée', 43, true),
    ('situation_sortie_demande', '44', 'Prise en charge dans un autre département', 44, true),
    ('situation_sortie_demande', '45', 'Retour au domicile parental', 45, true),
    ('situation_sortie_demande', '46', 'Maison de retraite', 46, true),
    ('situation_sortie_demande', '47', 'Problème de mobilité (handicap)', 47, true),
    ('situation_sortie_demande', '48', 'Fermeture structure', 48, true),
    ('situation_sortie_demande', '49', 'Assignation à résidence', 49, true),
    ('situation_sortie_demande', '50', 'Sortie vers une structure d''urgence', 50, true),
    ('situation_sortie_demande', '51', 'Accès à un logement', 51, true),
    ('situation_sortie_demande', '52', 'Institutions publiques (hôpital, prison, maison de retraite...)', 52, true);
INSERT INTO referentiels (code, label, source) VALUES ('types_etablissement_un', 'Type d''établissement préconisé', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('types_etablissement_un', '100', 'Hôtels', 1, true),
    ('types_etablissement_un', '200', 'Résidence Hôtelière à Vocation Sociale (RHVS)', 2, true),
    ('types_etablissement_un', '300', 'Hors CHRS', 3, true),
    ('types_etablissement_un', '400', 'CHRS', 4, true),
    ('types_etablissement_un', '500', 'Structure en ALT (Hébergement)', 5, true),
    ('types_etablissement_un', '600', 'Hébergement spécialisé', 6, true),
    ('types_etablissement_un', '700', 'Dispositif national d''accueil', 7, true),
    ('types_etablissement_un', '800', 'Logement foyer', 8, true),
    ('types_etablissement_un', '900', 'Intermédiation locative', 9, true),
    ('types_etablissement_un', '1000', 'Logement de droit commun', 10, true),
    ('types_etablissement_un', '1100', 'Structure en ALT (Logement)', 11, true),
    ('types_etablissement_un', '2000', 'Non renseigné', 12, true),
    ('types_etablissement_un', '2001', 'Non renseigné (Hébergement)', 13, true),
    ('types_etablissement_un', '2002', 'Non renseigné (Logement)', 14, true);
INSERT INTO referentiels (code, label, source) VALUES ('dispositif', 'Famille de dispositif', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('dispositif', '0', 'Non renseigné', 1, true),
    ('dispositif', '1', 'Hébergement', 2, true),
    ('dispositif', '2', 'Logement', 3, true),
    ('dispositif', '5', 'Accompagnement', 4, true);
INSERT INTO referentiels (code, label, source) VALUES ('mesure_accompagnement', 'Mesure d''accompagnement', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('mesure_accompagnement', '1', 'AVDL', 1, true),
    ('mesure_accompagnement', '2', 'ASLL', 2, true),
    ('mesure_accompagnement', '3', 'ALJ', 3, true),
    ('mesure_accompagnement', '4', 'AHM', 4, true),
    ('mesure_accompagnement', '5', 'Autre', 5, true),
    ('mesure_accompagnement', '6', 'FSL', 6, true),
    ('mesure_accompagnement', '7', 'AEL', 7, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_places', 'Type de place', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_places', '1', 'Hôtel', 1, true),
    ('type_places', '10', 'Place en urgence', 2, true),
    ('type_places', '20', 'Hébergement urgence place hiver', 3, true),
    ('type_places', '30', 'Place d''insertion', 4, true),
    ('type_places', '40', 'Place de stabilisation', 5, true),
    ('type_places', '50', 'Lit halte santé', 6, true),
    ('type_places', '60', 'Femmes VV', 7, true),
    ('type_places', '70', 'Demandeur asile', 8, true),
    ('type_places', '80', 'Abris de nuit', 9, true),
    ('type_places', '90', 'Hébergement période de grand froid (Gymnase)', 10, true),
    ('type_places', '100', 'Logement', 11, true),
    ('type_places', '110', 'Information non renseignée', 12, true);
INSERT INTO referentiels (code, label, source) VALUES ('categorie_places', 'Catégorie de place', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('categorie_places', '1', 'Chambre individuelle', 1, true),
    ('categorie_places', '10', 'Chambre collective', 2, true),
    ('categorie_places', '20', 'Dortoir 5 et +', 3, true),
    ('categorie_places', '40', 'Chambre 2 places', 4, true),
    ('categorie_places', '50', 'Chambre 3 places', 5, true),
    ('categorie_places', '60', 'Chambre 4 places', 6, true),
    ('categorie_places', '70', 'Chambre 5 et +', 7, true),
    ('categorie_places', '80', 'Logement modulable', 8, true),
    ('categorie_places', '90', 'Logement T1', 9, true),
    ('categorie_places', '100', 'Logement T2', 10, true),
    ('categorie_places', '110', 'Logement T3', 11, true),
    ('categorie_places', '120', 'Logement T4', 12, true),
    ('categorie_places', '130', 'Logement T5', 13, true),
    ('categorie_places', '140', 'Logement T6', 14, true),
    ('categorie_places', '150', 'Logement T7', 15, true),
    ('categorie_places', '160', 'Logement T8', 16, true),
    ('categorie_places', '170', 'Logement T9', 17, true),
    ('categorie_places', '180', 'Chambre hôtel', 18, true),
    ('categorie_places', '190', 'Studio', 19, true),
    ('categorie_places', '200', 'Logement T1 bis', 20, true);
INSERT INTO referentiels (code, label, source) VALUES ('nationalite', 'Nationalité', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('nationalite', 'FRANCAISE', 'Française', 1, true),
    ('nationalite', 'UE', 'Union européenne', 2, true),
    ('nationalite', 'HORS_UE', 'Hors Union européenne', 3, true),
    ('nationalite', 'APATRIDE', 'Apatride', 4, true),
    ('nationalite', 'NR', 'Non renseignée', 5, true);
INSERT INTO referentiels (code, label, source) VALUES ('droit_sejours', 'Droit au séjour', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('droit_sejours', '10', 'Demandeur d''asile', 1, true),
    ('droit_sejours', '40', 'Carte de résident', 2, true),
    ('droit_sejours', '48', 'Récépissé de demande de titre de séjour (1ère demande + renouvellement)', 3, true),
    ('droit_sejours', '50', 'Non renseignée', 4, true),
    ('droit_sejours', '60', 'Carte de séjour temporaire', 5, true),
    ('droit_sejours', '81', 'Situation administrative non régularisée', 6, true),
    ('droit_sejours', '90', 'Français', 7, true),
    ('droit_sejours', '100', 'UE', 8, true),
    ('droit_sejours', '110', 'Autorisations provisoires de séjour', 9, true),
    ('droit_sejours', '120', 'Document de circulation pour mineur étranger', 10, true),
    ('droit_sejours', '20', 'Bénéficiaire protection internationale/réfugié', 11, false),
    ('droit_sejours', '30', 'Débouté du droit d''asile', 12, false),
    ('droit_sejours', '47', 'Récépissé renouvellement titre', 13, false),
    ('droit_sejours', '70', 'Autre', 14, false),
    ('droit_sejours', '80', 'Situation administrative régulière', 15, false);
INSERT INTO referentiels (code, label, source) VALUES ('statut_administratif_particulier', 'Statut administratif particulier', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('statut_administratif_particulier', 'DEMANDEUR_ASILE', 'Demandeur d''asile', 1, true),
    ('statut_administratif_particulier', 'BENEFICIAIRE_PROTECTION_INTERNATIONALE_REFUGIE', 'Bénéficiaire protection internationale/réfugié', 2, true),
    ('statut_administratif_particulier', 'NON', 'Non', 3, true);
INSERT INTO referentiels (code, label, source) VALUES ('papier_identites', 'Pièce d''identité', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('papier_identites', '10', 'CNI', 1, true),
    ('papier_identites', '20', 'Passeport', 2, true),
    ('papier_identites', '30', 'Récépissé Asile', 3, true),
    ('papier_identites', '40', 'Carte de séjour temporaire', 4, true),
    ('papier_identites', '50', 'Carte de résident', 5, true),
    ('papier_identites', '60', 'Récépissé de renouvellement de titre', 6, true),
    ('papier_identites', '70', 'Déclaration de perte', 7, true),
    ('papier_identites', '80', 'Papiers étrangers', 8, true),
    ('papier_identites', '90', 'Titulaire d''un titre de séjour', 9, true);
INSERT INTO referentiels (code, label, source) VALUES ('droit_ouvert_securite_sociales', 'Droits ouverts (sécurité sociale)', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('droit_ouvert_securite_sociales', '1', 'Non renseignée', 1, true),
    ('droit_ouvert_securite_sociales', '10', 'Aide médicale de l''Etat', 2, true),
    ('droit_ouvert_securite_sociales', '15', 'Aide Complémentaire Santé (ACS)', 3, true),
    ('droit_ouvert_securite_sociales', '20', 'CMU', 4, true),
    ('droit_ouvert_securite_sociales', '30', 'CMU complémentaire', 5, true),
    ('droit_ouvert_securite_sociales', '40', 'Mutuelle', 6, true),
    ('droit_ouvert_securite_sociales', '50', 'Régime général', 7, true),
    ('droit_ouvert_securite_sociales', '60', 'Régime agricole', 8, true),
    ('droit_ouvert_securite_sociales', '70', 'Couverture sociale européenne', 9, true),
    ('droit_ouvert_securite_sociales', '80', 'Sans couverture sociale', 10, true),
    ('droit_ouvert_securite_sociales', '90', 'Régime social des indépendants', 11, true),
    ('droit_ouvert_securite_sociales', '190', 'NSP', 12, true),
    ('droit_ouvert_securite_sociales', '200', 'Autre', 13, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_contrats', 'Type de contrat', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_contrats', '10', 'Non renseignée', 1, true),
    ('type_contrats', '20', 'CDI', 2, true),
    ('type_contrats', '30', 'CDD', 3, true),
    ('type_contrats', '40', 'Fonctionnaire', 4, true),
    ('type_contrats', '50', 'Contrat aidé', 5, true),
    ('type_contrats', '60', 'Intérim', 6, true),
    ('type_contrats', '70', 'Saisonnier', 7, true),
    ('type_contrats', '80', 'Apprenti', 8, true),
    ('type_contrats', '90', 'Stagiaire', 9, true),
    ('type_contrats', '100', 'Service Civique', 10, true),
    ('type_contrats', '110', 'Indépendant / autre', 11, true);
INSERT INTO referentiels (code, label, source) VALUES ('temps_de_travail', 'Temps de travail', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('temps_de_travail', 'FROM_80_TO_100', 'De 80 à 100 %', 1, true),
    ('temps_de_travail', 'FROM_50_TO_80', 'De 50 à 80 %', 2, true),
    ('temps_de_travail', 'INF_50', 'Moins de 50 %', 3, true);
INSERT INTO referentiels (code, label, source) VALUES ('statut_demandeur_d_emploi', 'Statut de demandeur d''emploi', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('statut_demandeur_d_emploi', 'INSCRIT_POLE_EMPLOI', 'Inscrit à Pôle Emploi', 1, true),
    ('statut_demandeur_d_emploi', 'NON_INSCRIT_POLE_EMPLOI', 'Non inscrit à Pôle Emploi', 2, true);
INSERT INTO referentiels (code, label, source) VALUES ('types_moyen_locomotion', 'Moyens de locomotion', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('types_moyen_locomotion', '10', 'Vélo', 1, true),
    ('types_moyen_locomotion', '20', 'Trottinette', 2, true),
    ('types_moyen_locomotion', '30', 'Transport en commun', 3, true),
    ('types_moyen_locomotion', '40', 'Scooter', 4, true),
    ('types_moyen_locomotion', '50', 'Moto', 5, true),
    ('types_moyen_locomotion', '60', 'Voiture', 6, true),
    ('types_moyen_locomotion', '70', 'Autre', 7, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_ressources', 'Type de ressource', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_ressources', '10', 'Ressources d''activité', 1, true),
    ('type_ressources', '20', 'Retraite', 2, true),
    ('type_ressources', '30', 'Allocations chômage', 3, true),
    ('type_ressources', '40', 'Formation', 4, true),
    ('type_ressources', '50', 'Prime d''activité', 5, true),
    ('type_ressources', '60', 'RSA Socle', 6, true),
    ('type_ressources', '70', 'RSA Majoré', 7, true),
    ('type_ressources', '80', 'AAH', 8, true),
    ('type_ressources', '90', 'ASS', 9, true),
    ('type_ressources', '100', 'Allocations familliales', 10, true),
    ('type_ressources', '110', 'Allocation temporaire d''attente', 11, true),
    ('type_ressources', '120', 'Garantie jeune', 12, true),
    ('type_ressources', '130', 'Allocation pour demandeur d''asile', 13, true),
    ('type_ressources', '140', 'En attente RSA', 14, true),
    ('type_ressources', '150', 'Non renseigné', 15, true),
    ('type_ressources', '160', 'Refus de répondre', 16, true),
    ('type_ressources', '170', 'Indemnités journalières', 17, true),
    ('type_ressources', '180', 'Bourses', 18, true),
    ('type_ressources', '190', 'RSA', 19, true),
    ('type_ressources', '200', 'Rémunération', 20, true),
    ('type_ressources', '1000', 'Autres ressources', 21, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_charges', 'Type de charge', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_charges', '10', 'Loyer', 1, true),
    ('type_charges', '20', 'EDF', 2, true),
    ('type_charges', '30', 'GDF', 3, true),
    ('type_charges', '40', 'Eau', 4, true),
    ('type_charges', '50', 'Assurance', 5, true),
    ('type_charges', '60', 'Mutuelle', 6, true),
    ('type_charges', '70', 'Impôts', 7, true),
    ('type_charges', '80', 'Transports', 8, true),
    ('type_charges', '90', 'Garde enfant(s)', 9, true),
    ('type_charges', '100', 'Pension alimentaire versée', 10, true),
    ('type_charges', '110', 'Téléphone', 11, true),
    ('type_charges', '120', 'Non renseigné', 12, true),
    ('type_charges', '130', 'Charges locatives', 13, true),
    ('type_charges', '140', 'Charges de vie courante', 14, true),
    ('type_charges', '150', 'Charges crédits et dettes', 15, true),
    ('type_charges', '1000', 'Autres charges', 16, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_dettes', 'Type de dette', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_dettes', '10', 'Dettes locatives', 1, true),
    ('type_dettes', '20', 'Dettes de crédits à la consommation', 2, true),
    ('type_dettes', '30', 'Dettes de crédits immobiliers', 3, true),
    ('type_dettes', '40', 'Pension alimentaire non réglée', 4, true),
    ('type_dettes', '50', 'Amendes', 5, true),
    ('type_dettes', '60', 'Retards d''impôts', 6, true),
    ('type_dettes', '70', 'Découverts bancaires', 7, true),
    ('type_dettes', '1000', 'Autres dettes', 8, true);
INSERT INTO referentiels (code, label, source) VALUES ('evolutions_budgetaires', 'Évolution budgétaire', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('evolutions_budgetaires', '1', 'Non renseignée', 1, true),
    ('evolutions_budgetaires', '2', 'Stable', 2, true),
    ('evolutions_budgetaires', '3', 'En augmentation', 3, true),
    ('evolutions_budgetaires', '4', 'En diminution', 4, true);
INSERT INTO referentiels (code, label, source) VALUES ('tri_state_answers', 'Réponse oui / non / ne sait pas', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('tri_state_answers', 'OUI', 'Oui', 1, true),
    ('tri_state_answers', 'NON', 'Non', 2, true),
    ('tri_state_answers', 'EN_COURS', 'En cours', 3, true),
    ('tri_state_answers', 'A_FAIRE', 'À faire', 4, true),
    ('tri_state_answers', 'NON_RENSEIGNE', 'Non renseigné', 5, true),
    ('tri_state_answers', 'NR', 'Non renseigné', 6, true);
INSERT INTO referentiels (code, label, source) VALUES ('suivi_ase', 'Suivi ASE', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('suivi_ase', 'ACTIVE', 'Suivi en cours', 1, true),
    ('suivi_ase', 'INACTIVE', 'Suivi terminé', 2, true);
INSERT INTO referentiels (code, label, source) VALUES ('syplo', 'Inscription SYPLO', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('syplo', 'INSCRIT', 'Inscrit', 1, true),
    ('syplo', 'NON_INSCRIT', 'Non inscrit', 2, true),
    ('syplo', 'NE_RELEVE_PAS', 'Ne relève pas', 3, true);
INSERT INTO referentiels (code, label, source) VALUES ('type_de_fiche', 'Type de fiche', 'si_siao');
INSERT INTO referentiel_valeurs (referentiel, code, label, position, active) VALUES
    ('type_de_fiche', 'Personne', 'Fiche personne', 1, true),
    ('type_de_fiche', 'Groupe', 'Fiche groupe (ménage)', 2, true);
