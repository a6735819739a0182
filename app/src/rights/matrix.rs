//! The rights matrix: one row per (object, action), one cell per profile.
//!
//! This table is the single source of truth: the server reads it to authorise
//! every request, and the "Matrice des droits" screen displays it as is.
//! It changes only through code review. Rationale: `docs/rights.md`.

use super::model::*;
use serde::Serialize;

use Action::*;
use Object::*;

/// One line of the matrix. `cells` follow `Profile::ALL` order:
/// AN, AD, Analyste, Admin SIAO, Opérateur, Écoutant 115, Gestionnaire, Assistant,
/// Responsable de dispositif, Travailleur social.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub object: Object,
    pub action: Action,
    pub cells: [Cell; 10],
}

impl Row {
    pub const fn cell(&self, profile: Profile) -> Cell {
        self.cells[profile.index()]
    }
}

/// Cell with a note.
const fn c(scope: Scope, note: &'static str) -> Cell {
    Cell::new(scope, Some(note))
}
const fn all(note: &'static str) -> Cell {
    c(Scope::All, note)
}
const fn dep(note: &'static str) -> Cell {
    c(Scope::Departement, note)
}
const fn siao(note: &'static str) -> Cell {
    c(Scope::Siao, note)
}
const fn ent(note: &'static str) -> Cell {
    c(Scope::Entite, note)
}
const fn disp(note: &'static str) -> Cell {
    c(Scope::Dispositifs, note)
}
const fn suiv(note: &'static str) -> Cell {
    c(Scope::Suivis, note)
}
const fn own(note: &'static str) -> Cell {
    c(Scope::Own, note)
}
const fn r(object: Object, action: Action, cells: [Cell; 10]) -> Row {
    Row { object, action, cells }
}

// Plain cells.
const N: Cell = Cell::NONE;
const ALL: Cell = Cell::new(Scope::All, None);
const DEP: Cell = Cell::new(Scope::Departement, None);
const SIAO: Cell = Cell::new(Scope::Siao, None);
const ENT: Cell = Cell::new(Scope::Entite, None);
const DISP: Cell = Cell::new(Scope::Dispositifs, None);
const SUIV: Cell = Cell::new(Scope::Suivis, None);
const OWN: Cell = Cell::new(Scope::Own, None);

// Cells with a note, named so that each row stays on one line.
// Comptes utilisateurs
const MY_ACCOUNT: Cell = own("son propre compte");
const U_AN: Cell = all("tous les profils");
const U_AD: Cell = dep("admins départementaux et SIAO, gestionnaires d'entité");
const U_AS: Cell = siao("opérateurs, écoutants 115, profils d'entité");
const U_GE: Cell = ent("assistants, responsables, travailleurs sociaux");
const U_AST: Cell = ent("responsables, travailleurs sociaux");
const U_RD: Cell = disp("affectation des travailleurs sociaux");
const U_TEAM: Cell = disp("son équipe");
// Offre
const STAND_IN: Cell = all("supplée l'admin. départemental");
const DEACT_ALL: Cell = all("désactivation");
const DEACT_DEP: Cell = dep("désactivation");
const DEACT_ENT: Cell = ent("désactivation");
const ENT_GENERAL: Cell = ent("informations générales");
const ENT_PART: Cell = ent("une partie des données");
const OF_MY_DISP: Cell = disp("entité de ses dispositifs");
const AS_DRAFT: Cell = siao("à pré-valider");
const AS_EDIT: Cell = siao("avant validation départementale");
const VALIDATION: Cell = dep("validation des pré-validées");
const PREVAL: Cell = siao("pré-validation");
const AD_P177: Cell = dep("dispositifs financés P177");
const AS_NOT_P177: Cell = siao("non financés P177, à pré-valider");
const AS_EDIT_NOT_P177: Cell = siao("non financés P177");
const PREVAL_NOT_P177: Cell = siao("pré-validation, non financés P177");
const GP_CREATE: Cell = ent("dans les dispositifs de son entité");
const GP_CREATE_AST: Cell = ent("pour le gestionnaire d'entité");
const GP_EDIT: Cell = ent("activation, immobilisation, places éphémères");
const GP_EDIT_RD: Cell = disp("immobilisation / libération de places");
const FIN_AD: Cell = dep("P177 et contingent préfectoral");
const FIN_AS: Cell = siao("financements hors P177");
const IMPORT_AD: Cell = dep("un fichier complet par département");
const IMPORT_AS: Cell = siao("un fichier complet par département");
// Ménages et personnes
const GE_MENAGE: Cell = ent("identité et composition");
const GE_PERSONNE: Cell = ent("état civil");
const RD_DIRECT: Cell = suiv("admission directe, pseudo-demande");
const CALL_INFO: Cell = siao("informations recueillies à l'appel");
const MERGE: Cell = siao("fusion de doublons, effacement RGPD");
const FICHE_SIAO: Cell = siao("téléchargement de la fiche");
const FICHE_SUIV: Cell = suiv("téléchargement de la fiche");
const SMS_OS: Cell = siao("pour orienter vers un dispositif adapté");
// Notes et évaluations
const NOTE_SIAO: Cell = siao("publiées ; brouillon : auteur seul");
const NOTE_SUIV: Cell = suiv("publiées ; brouillon : auteur seul");
const NOTE_NEW_SIAO: Cell = siao("y compris clore une alerte");
const NOTE_NEW_SUIV: Cell = suiv("y compris clore une alerte");
const DRAFTS: Cell = own("ses brouillons");
const PUBLISH: Cell = own("publication de ses notes");
const EA_SIAO: Cell = siao("EA finalisées");
const EA_SUIV: Cell = suiv("EA finalisées");
const EA_TS: Cell = suiv("finalisées ; brouillon : auteur seul");
const DRAFT_ONLY: Cell = own("brouillon uniquement");
const FINALISE: Cell = own("finalisation (statut final)");
// Demandes, orientations, liste d'attente
const DI_STATUS: Cell = siao("à compléter, à mettre à jour, réactivation");
const COMPLETENESS: Cell = siao("contrôle de complétude");
const TRANSMIT: Cell = suiv("transmission au SIAO");
const CANCEL_SIAO: Cell = siao("annulation motivée");
const CANCEL_SUIV: Cell = suiv("annulation motivée");
const RD_PSEUDO: Cell = own("ses pseudo-demandes");
const CALL_MOTIF: Cell = siao("motif d'appel obligatoire");
const ON_HOLD: Cell = siao("mise en attente, mise à jour");
const DELETE_MOTIF: Cell = siao("suppression motivée");
const GE_ORIENT: Cell = ent("vers les dispositifs de son entité");
const RD_ORIENT: Cell = disp("vers ses dispositifs");
const OS_ORIENT: Cell = siao("insertion et urgence");
const E115_ORIENT: Cell = siao("vers une place d'urgence (115)");
const E115_ORIENT_EDIT: Cell = siao("orientations 115");
const E115_ORIENT_CANCEL: Cell = siao("annulation, orientations 115");
const PEC: Cell = disp("arrivée, changement de place, départ, fin de prise en charge");
const DECISION: Cell = disp("admission ou refus motivé");
const LA_TS: Cell = suiv("position des ménages suivis");
const LA_ADD: Cell = siao("inscription");
const LA_EDIT: Cell = siao("priorisation");
const LA_COMMISSION: Cell = siao("arbitrage en commission");
const LA_REMOVE: Cell = siao("radiation motivée");
const LA_EXPORT: Cell = siao("liste pour la commission");
const PRESTA_NEW: Cell = siao("signalement à une maraude, demande d'aide");
const PRESTA_DO: Cell = suiv("par l'équipe du dispositif sollicité");
const PRESTA_CANCEL_SIAO: Cell = siao("annulation motivée, avant prise en charge");
const PRESTA_CANCEL: Cell = suiv("par le demandeur, avant prise en charge");
// Interconnexion et support
const DUI_HAB: Cell = all("habilitation");
const DUI_REVOKE: Cell = all("retrait d'habilitation");
const DUI_AS: Cell = siao("partenaires de son territoire");
const DUI_GE: Cell = ent("logiciels de son entité");
const T_L2: Cell = all("niveau 2 et escalades");
const T_L1: Cell = siao("niveau 1 : référent SI local");
const T_AN_NEW: Cell = all("saisie d'appel, ticket technique");
const T_AS_NEW: Cell = siao("saisie des appels reçus");
const T_MORE: Cell = own("compléments");
const T_AN_EDIT: Cell = all("traitement, réponse");
const T_AS_EDIT: Cell = siao("réponse type, escalade");
const T_AN_EXP: Cell = all("indicateurs nationaux");
const T_AS_EXP: Cell = siao("journal des appels, indicateurs");
// Pilotage et RGPD
const ANON: Cell = all("données anonymisées");
const GE_REPORT: Cell = ent("reporting de l'entité");
const AST_STOCK: Cell = ent("occupation du parc");
const RD_REPORT: Cell = disp("reporting du dispositif");
const AUDIT_AD: Cell = dep("événements non nominatifs");
const AUDIT_AS: Cell = siao("dont accès aux dossiers");
const OUTBOX: Cell = all("état de la file d'envoi");
const OUTBOX_RETRY: Cell = all("nouvel envoi des courriels en échec");
const REF_ADD: Cell = all("ajout d'un code");
const REF_EDIT: Cell = all("libellé, ordre, dates de validité");
const REF_RETIRE: Cell = all("retrait : le code reste lisible sur les dossiers");

/// The matrix: 24 objects × 6 actions = 144 rows, in `Object::ALL` then
/// `Action::ALL` order. Refused combinations are explicit rows of `N`.
#[rustfmt::skip]
pub static MATRIX: &[Row] = &[
    //                                    AdmNat      AdmDep      Analyste    AdmSIAO           OpSIAO         Écout115            Gest.ent     Assistant      Resp.disp   Trav.soc
    r(Utilisateur, Consulter,            [ALL,        DEP,        MY_ACCOUNT, SIAO,             MY_ACCOUNT,    MY_ACCOUNT,         ENT,         ENT,           U_TEAM,     MY_ACCOUNT]),
    r(Utilisateur, Creer,                [U_AN,       U_AD,       N,          U_AS,             N,             N,                  U_GE,        U_AST,         N,          N]),
    r(Utilisateur, Modifier,             [U_AN,       U_AD,       N,          U_AS,             N,             N,                  U_GE,        U_AST,         U_RD,       N]),
    r(Utilisateur, Valider,              [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Utilisateur, Supprimer,            [U_AN,       U_AD,       N,          U_AS,             N,             N,                  U_GE,        U_AST,         N,          N]),
    r(Utilisateur, Exporter,             [ALL,        DEP,        N,          SIAO,             N,             N,                  ENT,         N,             N,          N]),

    r(Entite, Consulter,                 [ALL,        DEP,        N,          SIAO,             SIAO,          SIAO,               ENT_GENERAL, ENT_GENERAL,   OF_MY_DISP, OF_MY_DISP]),
    r(Entite, Creer,                     [STAND_IN,   DEP,        N,          AS_DRAFT,         N,             N,                  N,           N,             N,          N]),
    r(Entite, Modifier,                  [STAND_IN,   DEP,        N,          AS_EDIT,          N,             N,                  ENT_PART,    N,             N,          N]),
    r(Entite, Valider,                   [STAND_IN,   VALIDATION, N,          PREVAL,           N,             N,                  N,           N,             N,          N]),
    r(Entite, Supprimer,                 [DEACT_ALL,  DEACT_DEP,  N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Entite, Exporter,                  [ALL,        DEP,        N,          SIAO,             N,             N,                  ENT,         N,             N,          N]),

    r(Dispositif, Consulter,             [ALL,        DEP,        N,          SIAO,             SIAO,          SIAO,               ENT,         ENT,           DISP,       DISP]),
    r(Dispositif, Creer,                 [STAND_IN,   AD_P177,    N,          AS_NOT_P177,      N,             N,                  N,           N,             N,          N]),
    r(Dispositif, Modifier,              [STAND_IN,   DEP,        N,          AS_EDIT_NOT_P177, N,             N,                  ENT_PART,    N,             N,          N]),
    r(Dispositif, Valider,               [STAND_IN,   VALIDATION, N,          PREVAL_NOT_P177,  N,             N,                  N,           N,             N,          N]),
    r(Dispositif, Supprimer,             [DEACT_ALL,  DEACT_DEP,  N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Dispositif, Exporter,              [ALL,        DEP,        N,          SIAO,             N,             N,                  ENT,         N,             N,          N]),

    r(GroupePlaces, Consulter,           [ALL,        DEP,        N,          SIAO,             SIAO,          SIAO,               ENT,         ENT,           DISP,       DISP]),
    r(GroupePlaces, Creer,               [N,          N,          N,          N,                N,             N,                  GP_CREATE,   GP_CREATE_AST, N,          N]),
    r(GroupePlaces, Modifier,            [N,          N,          N,          N,                N,             N,                  GP_EDIT,     GP_EDIT,       GP_EDIT_RD, N]),
    r(GroupePlaces, Valider,             [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(GroupePlaces, Supprimer,           [N,          N,          N,          N,                N,             N,                  DEACT_ENT,   DEACT_ENT,     N,          N]),
    r(GroupePlaces, Exporter,            [ALL,        DEP,        N,          SIAO,             N,             N,                  ENT,         ENT,           DISP,       N]),

    r(Financement, Consulter,            [ALL,        DEP,        N,          SIAO,             N,             N,                  ENT,         N,             N,          N]),
    r(Financement, Creer,                [STAND_IN,   FIN_AD,     N,          FIN_AS,           N,             N,                  N,           N,             N,          N]),
    r(Financement, Modifier,             [STAND_IN,   FIN_AD,     N,          FIN_AS,           N,             N,                  N,           N,             N,          N]),
    r(Financement, Valider,              [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Financement, Supprimer,            [DEACT_ALL,  DEACT_DEP,  N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Financement, Exporter,             [ALL,        DEP,        N,          SIAO,             N,             N,                  ENT,         N,             N,          N]),

    r(ImportOffre, Consulter,            [ALL,        DEP,        N,          SIAO,             N,             N,                  N,           N,             N,          N]),
    r(ImportOffre, Creer,                [STAND_IN,   IMPORT_AD,  N,          IMPORT_AS,        N,             N,                  N,           N,             N,          N]),
    r(ImportOffre, Modifier,             [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(ImportOffre, Valider,              [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(ImportOffre, Supprimer,            [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(ImportOffre, Exporter,             [ALL,        DEP,        N,          SIAO,             N,             N,                  N,           N,             N,          N]),

    r(Menage, Consulter,                 [N,          N,          N,          SIAO,             SIAO,          SIAO,               GE_MENAGE,   N,             SUIV,       SUIV]),
    r(Menage, Creer,                     [N,          N,          N,          SIAO,             SIAO,          SIAO,               N,           N,             RD_DIRECT,  SUIV]),
    r(Menage, Modifier,                  [N,          N,          N,          SIAO,             SIAO,          CALL_INFO,          N,           N,             SUIV,       SUIV]),
    r(Menage, Valider,                   [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Menage, Supprimer,                 [N,          N,          N,          MERGE,            N,             N,                  N,           N,             N,          N]),
    r(Menage, Exporter,                  [N,          N,          N,          FICHE_SIAO,       FICHE_SIAO,    N,                  N,           N,             FICHE_SUIV, FICHE_SUIV]),

    r(Personne, Consulter,               [N,          N,          N,          SIAO,             SIAO,          SIAO,               GE_PERSONNE, N,             SUIV,       SUIV]),
    r(Personne, Creer,                   [N,          N,          N,          SIAO,             SIAO,          SIAO,               N,           N,             SUIV,       SUIV]),
    r(Personne, Modifier,                [N,          N,          N,          SIAO,             SIAO,          CALL_INFO,          N,           N,             SUIV,       SUIV]),
    r(Personne, Valider,                 [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Personne, Supprimer,               [N,          N,          N,          MERGE,            N,             N,                  N,           N,             N,          N]),
    r(Personne, Exporter,                [N,          N,          N,          FICHE_SIAO,       FICHE_SIAO,    N,                  N,           N,             FICHE_SUIV, FICHE_SUIV]),

    r(SituationMedicoSociale, Consulter, [N,          N,          N,          SMS_OS,           SMS_OS,        N,                  N,           N,             SUIV,       SUIV]),
    r(SituationMedicoSociale, Creer,     [N,          N,          N,          N,                N,             N,                  N,           N,             N,          SUIV]),
    r(SituationMedicoSociale, Modifier,  [N,          N,          N,          N,                N,             N,                  N,           N,             N,          SUIV]),
    r(SituationMedicoSociale, Valider,   [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(SituationMedicoSociale, Supprimer, [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(SituationMedicoSociale, Exporter,  [N,          N,          N,          N,                N,             N,                  N,           N,             N,          FICHE_SUIV]),

    r(Note, Consulter,                   [N,          N,          N,          NOTE_SIAO,        NOTE_SIAO,     NOTE_SIAO,          N,           N,             NOTE_SUIV,  NOTE_SUIV]),
    r(Note, Creer,                       [N,          N,          N,          NOTE_NEW_SIAO,    NOTE_NEW_SIAO, NOTE_NEW_SIAO,      N,           N,             NOTE_NEW_SUIV, NOTE_NEW_SUIV]),
    r(Note, Modifier,                    [N,          N,          N,          DRAFTS,           DRAFTS,        DRAFTS,             N,           N,             DRAFTS,     DRAFTS]),
    r(Note, Valider,                     [N,          N,          N,          PUBLISH,          PUBLISH,       PUBLISH,            N,           N,             PUBLISH,    PUBLISH]),
    r(Note, Supprimer,                   [N,          N,          N,          DRAFTS,           DRAFTS,        DRAFTS,             N,           N,             DRAFTS,     DRAFTS]),
    r(Note, Exporter,                    [N,          N,          N,          FICHE_SIAO,       FICHE_SIAO,    N,                  N,           N,             FICHE_SUIV, FICHE_SUIV]),

    r(EvaluationApprofondie, Consulter,  [N,          N,          N,          EA_SIAO,          EA_SIAO,       N,                  N,           N,             EA_SUIV,    EA_TS]),
    r(EvaluationApprofondie, Creer,      [N,          N,          N,          N,                N,             N,                  N,           N,             N,          SUIV]),
    r(EvaluationApprofondie, Modifier,   [N,          N,          N,          N,                N,             N,                  N,           N,             N,          DRAFT_ONLY]),
    r(EvaluationApprofondie, Valider,    [N,          N,          N,          N,                N,             N,                  N,           N,             N,          FINALISE]),
    r(EvaluationApprofondie, Supprimer,  [N,          N,          N,          N,                N,             N,                  N,           N,             N,          DRAFT_ONLY]),
    r(EvaluationApprofondie, Exporter,   [N,          N,          N,          N,                N,             N,                  N,           N,             N,          FICHE_SUIV]),

    r(DemandeInsertion, Consulter,       [N,          N,          N,          SIAO,             SIAO,          N,                  N,           N,             SUIV,       SUIV]),
    r(DemandeInsertion, Creer,           [N,          N,          N,          N,                N,             N,                  N,           N,             RD_DIRECT,  SUIV]),
    r(DemandeInsertion, Modifier,        [N,          N,          N,          DI_STATUS,        DI_STATUS,     N,                  N,           N,             SUIV,       SUIV]),
    r(DemandeInsertion, Valider,         [N,          N,          N,          COMPLETENESS,     COMPLETENESS,  N,                  N,           N,             N,          TRANSMIT]),
    r(DemandeInsertion, Supprimer,       [N,          N,          N,          CANCEL_SIAO,      CANCEL_SIAO,   N,                  N,           N,             RD_PSEUDO,  CANCEL_SUIV]),
    r(DemandeInsertion, Exporter,        [N,          N,          N,          SIAO,             SIAO,          N,                  N,           N,             SUIV,       SUIV]),

    r(DemandeUrgence115, Consulter,      [N,          N,          N,          SIAO,             SIAO,          SIAO,               N,           N,             SUIV,       SUIV]),
    r(DemandeUrgence115, Creer,          [N,          N,          N,          CALL_MOTIF,       CALL_MOTIF,    CALL_MOTIF,         N,           N,             N,          N]),
    r(DemandeUrgence115, Modifier,       [N,          N,          N,          ON_HOLD,          ON_HOLD,       ON_HOLD,            N,           N,             N,          N]),
    r(DemandeUrgence115, Valider,        [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(DemandeUrgence115, Supprimer,      [N,          N,          N,          DELETE_MOTIF,     DELETE_MOTIF,  DELETE_MOTIF,       N,           N,             N,          N]),
    r(DemandeUrgence115, Exporter,       [N,          N,          N,          SIAO,             SIAO,          N,                  N,           N,             N,          N]),

    r(Orientation, Consulter,            [N,          N,          N,          SIAO,             SIAO,          SIAO,               GE_ORIENT,   N,             RD_ORIENT,  SUIV]),
    r(Orientation, Creer,                [N,          N,          N,          OS_ORIENT,        OS_ORIENT,     E115_ORIENT,        N,           N,             N,          N]),
    r(Orientation, Modifier,             [N,          N,          N,          SIAO,             SIAO,          E115_ORIENT_EDIT,   N,           N,             PEC,        N]),
    r(Orientation, Valider,              [N,          N,          N,          N,                N,             N,                  N,           N,             DECISION,   N]),
    r(Orientation, Supprimer,            [N,          N,          N,          CANCEL_SIAO,      CANCEL_SIAO,   E115_ORIENT_CANCEL, N,           N,             N,          N]),
    r(Orientation, Exporter,             [N,          N,          N,          SIAO,             SIAO,          N,                  N,           N,             RD_ORIENT,  N]),

    r(ListeAttente, Consulter,           [N,          N,          N,          SIAO,             SIAO,          N,                  N,           N,             N,          LA_TS]),
    r(ListeAttente, Creer,               [N,          N,          N,          LA_ADD,           LA_ADD,        N,                  N,           N,             N,          N]),
    r(ListeAttente, Modifier,            [N,          N,          N,          LA_EDIT,          LA_EDIT,       N,                  N,           N,             N,          N]),
    r(ListeAttente, Valider,             [N,          N,          N,          LA_COMMISSION,    LA_COMMISSION, N,                  N,           N,             N,          N]),
    r(ListeAttente, Supprimer,           [N,          N,          N,          LA_REMOVE,        LA_REMOVE,     N,                  N,           N,             N,          N]),
    r(ListeAttente, Exporter,            [N,          N,          N,          LA_EXPORT,        LA_EXPORT,     N,                  N,           N,             N,          N]),

    r(Prestation, Consulter,             [N,          N,          N,          SIAO,             SIAO,          SIAO,               N,           N,             SUIV,       SUIV]),
    r(Prestation, Creer,                 [N,          N,          N,          PRESTA_NEW,       PRESTA_NEW,    PRESTA_NEW,         N,           N,             SUIV,       SUIV]),
    r(Prestation, Modifier,              [N,          N,          N,          N,                N,             N,                  N,           N,             PRESTA_DO,  PRESTA_DO]),
    r(Prestation, Valider,               [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Prestation, Supprimer,             [N,          N,          N,          PRESTA_CANCEL_SIAO, PRESTA_CANCEL_SIAO, PRESTA_CANCEL_SIAO, N,     N,             PRESTA_CANCEL, PRESTA_CANCEL]),
    r(Prestation, Exporter,              [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),

    r(PartenaireDui, Consulter,          [ALL,        N,          N,          DUI_AS,           N,             N,                  DUI_GE,      N,             N,          N]),
    r(PartenaireDui, Creer,              [DUI_HAB,    N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(PartenaireDui, Modifier,           [ALL,        N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(PartenaireDui, Valider,            [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(PartenaireDui, Supprimer,          [DUI_REVOKE, N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(PartenaireDui, Exporter,           [ALL,        N,          N,          N,                N,             N,                  N,           N,             N,          N]),

    r(TicketSupport, Consulter,          [T_L2,       OWN,        N,          T_L1,             OWN,           OWN,                OWN,         OWN,           OWN,        OWN]),
    r(TicketSupport, Creer,              [T_AN_NEW,   OWN,        N,          T_AS_NEW,         OWN,           OWN,                OWN,         OWN,           OWN,        OWN]),
    r(TicketSupport, Modifier,           [T_AN_EDIT,  T_MORE,     N,          T_AS_EDIT,        T_MORE,        T_MORE,             T_MORE,      T_MORE,        T_MORE,     T_MORE]),
    r(TicketSupport, Valider,            [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(TicketSupport, Supprimer,          [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(TicketSupport, Exporter,           [T_AN_EXP,   N,          N,          T_AS_EXP,         N,             N,                  N,           N,             N,          N]),

    r(Statistiques, Consulter,           [ALL,        DEP,        ANON,       SIAO,             N,             N,                  GE_REPORT,   AST_STOCK,     RD_REPORT,  N]),
    r(Statistiques, Creer,               [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Statistiques, Modifier,            [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Statistiques, Valider,             [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Statistiques, Supprimer,           [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Statistiques, Exporter,            [ALL,        DEP,        ANON,       SIAO,             N,             N,                  GE_REPORT,   N,             RD_REPORT,  N]),

    r(DonneesAnonymisees, Consulter,     [N,          N,          ALL,        N,                N,             N,                  N,           N,             N,          N]),
    r(DonneesAnonymisees, Creer,         [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(DonneesAnonymisees, Modifier,      [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(DonneesAnonymisees, Valider,       [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(DonneesAnonymisees, Supprimer,     [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(DonneesAnonymisees, Exporter,      [N,          N,          ALL,        N,                N,             N,                  N,           N,             N,          N]),

    r(MatriceDroits, Consulter,          [ALL,        ALL,        ALL,        ALL,              ALL,           ALL,                ALL,         ALL,           ALL,        ALL]),
    r(MatriceDroits, Creer,              [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(MatriceDroits, Modifier,           [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(MatriceDroits, Valider,            [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(MatriceDroits, Supprimer,          [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(MatriceDroits, Exporter,           [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),

    r(JournalAudit, Consulter,           [ALL,        AUDIT_AD,   N,          AUDIT_AS,         N,             N,                  N,           N,             N,          N]),
    r(JournalAudit, Creer,               [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(JournalAudit, Modifier,            [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(JournalAudit, Valider,             [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(JournalAudit, Supprimer,           [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(JournalAudit, Exporter,            [ALL,        AUDIT_AD,   N,          AUDIT_AS,         N,             N,                  N,           N,             N,          N]),

    r(CourrielSortant, Consulter,        [OUTBOX,     N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(CourrielSortant, Creer,            [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(CourrielSortant, Modifier,         [OUTBOX_RETRY, N,        N,          N,                N,             N,                  N,           N,             N,          N]),
    r(CourrielSortant, Valider,          [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(CourrielSortant, Supprimer,        [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(CourrielSortant, Exporter,         [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),

    r(Referentiel, Consulter,            [ALL,        ALL,        ALL,        ALL,              ALL,           ALL,                ALL,         ALL,           ALL,        ALL]),
    r(Referentiel, Creer,                [REF_ADD,    N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Referentiel, Modifier,             [REF_EDIT,   N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Referentiel, Valider,              [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Referentiel, Supprimer,            [REF_RETIRE, N,          N,          N,                N,             N,                  N,           N,             N,          N]),
    r(Referentiel, Exporter,             [N,          N,          N,          N,                N,             N,                  N,           N,             N,          N]),
];

/// The cell for `profile` doing `action` on `object`. Fails closed: a pair
/// missing from the matrix is refused (the tests guarantee none is missing).
pub fn cell(profile: Profile, object: Object, action: Action) -> Cell {
    MATRIX.iter().find(|row| row.object == object && row.action == action).map_or(Cell::NONE, |row| row.cell(profile))
}

/// The rows of one object, in `Action::ALL` order.
pub fn rows_for(object: Object) -> impl Iterator<Item = &'static Row> {
    MATRIX.iter().filter(move |row| row.object == object)
}

/// Profiles whose accounts `actor` may create, modify or deactivate, within
/// the scope of his `Utilisateur` cells. Empty when he manages no account.
/// (The Responsable de dispositif only changes the affectation of the
/// travailleurs sociaux of his dispositifs.)
pub const fn manageable_profiles(actor: Profile) -> &'static [Profile] {
    use Profile as P;
    match actor {
        P::AdminNational => &P::ALL,
        P::AdminDepartemental => &[P::AdminDepartemental, P::AdminSiao, P::GestionnaireEntite],
        P::AdminSiao => &[
            P::OperateurSiao,
            P::Ecoutant115,
            P::GestionnaireEntite,
            P::Assistant,
            P::ResponsableDispositif,
            P::TravailleurSocial,
        ],
        P::GestionnaireEntite => &[P::Assistant, P::ResponsableDispositif, P::TravailleurSocial],
        P::Assistant => &[P::ResponsableDispositif, P::TravailleurSocial],
        P::ResponsableDispositif => &[P::TravailleurSocial],
        P::Analyste | P::OperateurSiao | P::Ecoutant115 | P::TravailleurSocial => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    use Profile::{
        AdminDepartemental as AD, AdminNational as AN, AdminSiao as AS, Analyste as AY, Assistant as AST,
        Ecoutant115 as E115, GestionnaireEntite as GE, OperateurSiao as OS, ResponsableDispositif as RD,
        TravailleurSocial as TS,
    };

    fn row(object: Object, action: Action) -> &'static Row {
        MATRIX
            .iter()
            .find(|r| r.object == object && r.action == action)
            .unwrap_or_else(|| panic!("missing row {object:?}/{action:?}"))
    }

    fn allowed(p: Profile, o: Object, a: Action) -> bool {
        cell(p, o, a).is_allowed()
    }

    #[test]
    fn every_object_action_pair_appears_exactly_once_in_canonical_order() {
        assert_eq!(MATRIX.len(), Object::ALL.len() * Action::ALL.len());
        assert_eq!(MATRIX.len(), 144);
        let mut seen = HashSet::new();
        for r in MATRIX {
            assert!(seen.insert((r.object, r.action)), "duplicate row {:?}/{:?}", r.object, r.action);
        }
        for (i, (o, a)) in Object::ALL.iter().flat_map(|o| Action::ALL.iter().map(move |a| (*o, *a))).enumerate() {
            assert_eq!((MATRIX[i].object, MATRIX[i].action), (o, a), "row {i} out of order");
        }
    }

    #[test]
    fn enums_all_follow_declaration_order() {
        for (i, p) in Profile::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
        }
        for (i, o) in Object::ALL.iter().enumerate() {
            assert_eq!(o.index(), i);
        }
        for (i, a) in Action::ALL.iter().enumerate() {
            assert_eq!(a.index(), i);
        }
        let widths: Vec<u8> = Scope::ALL.iter().map(Scope::width).collect();
        assert!(widths.windows(2).all(|w| w[0] > w[1]), "Scope::ALL must go from widest to narrowest");
    }

    #[test]
    fn codes_round_trip_and_labels_are_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: fn(&T) -> &'static str,
            from: fn(&str) -> Option<T>,
            label: fn(&T) -> &'static str,
        ) {
            let codes: HashSet<_> = all.iter().map(code).collect();
            let labels: HashSet<_> = all.iter().map(label).collect();
            assert_eq!(codes.len(), all.len(), "duplicate code");
            assert_eq!(labels.len(), all.len(), "duplicate label");
            for v in all {
                let c = code(v);
                assert!(
                    !c.is_empty() && c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                    "{c}"
                );
                assert_eq!(from(c), Some(*v));
                assert!(!label(v).is_empty());
            }
            assert_eq!(from("nope"), None);
        }
        check(&Profile::ALL, Profile::code, Profile::from_code, Profile::label);
        check(&Object::ALL, Object::code, Object::from_code, Object::label);
        check(&Action::ALL, Action::code, Action::from_code, Action::label);
        check(&Scope::ALL, Scope::code, Scope::from_code, Scope::label);
    }

    #[test]
    fn notes_are_short_and_non_empty() {
        for r in MATRIX {
            for c in &r.cells {
                if let Some(n) = c.note {
                    assert!(!n.trim().is_empty() && n.chars().count() <= 60, "{:?}/{:?}: {n:?}", r.object, r.action);
                }
            }
        }
    }

    #[test]
    fn cell_and_rows_for_read_the_matrix() {
        for r in MATRIX {
            for p in Profile::ALL {
                assert_eq!(cell(p, r.object, r.action), r.cells[p.index()]);
            }
        }
        for o in Object::ALL {
            let actions: Vec<Action> = rows_for(o).map(|r| r.action).collect();
            assert_eq!(actions, Action::ALL.to_vec());
        }
        assert_eq!(cell(AD, Dispositif, Creer).note, Some("dispositifs financés P177"));
    }

    #[test]
    fn siao_hierarchy_admin_covers_operateur_covers_ecoutant() {
        for r in MATRIX {
            let (a, o, e) = (r.cell(AS).scope, r.cell(OS).scope, r.cell(E115).scope);
            assert!(a.covers(o), "{:?}/{:?}: Admin SIAO {a:?} < Opérateur {o:?}", r.object, r.action);
            assert!(o.covers(e), "{:?}/{:?}: Opérateur {o:?} < Écoutant {e:?}", r.object, r.action);
        }
    }

    #[test]
    fn no_cell_is_wider_than_the_profile_attachment() {
        for r in MATRIX {
            // The matrix and the référentiels are reference data, identical for everyone.
            if matches!(r.object, MatriceDroits | Referentiel) {
                continue;
            }
            for p in Profile::ALL {
                let widest = p.scope_kind().widest_scope();
                assert!(widest.covers(r.cell(p).scope), "{p:?} {:?}/{:?} wider than {widest:?}", r.object, r.action);
            }
        }
    }

    #[test]
    fn acting_or_exporting_implies_consulting_as_widely() {
        for r in MATRIX.iter().filter(|r| r.action != Consulter) {
            let read = row(r.object, Consulter);
            for p in Profile::ALL {
                let (seen, done) = (read.cell(p).scope, r.cell(p).scope);
                assert!(
                    seen.covers(done),
                    "{p:?} may {:?} {:?} ({done:?}) but only consult {seen:?}",
                    r.action,
                    r.object
                );
            }
        }
    }

    #[test]
    fn state_profiles_have_no_access_to_nominative_objects() {
        for o in Object::NOMINATIVE {
            assert!(o.is_nominative());
            for a in Action::ALL {
                for p in [AN, AD, AY] {
                    assert_eq!(cell(p, o, a), Cell::NONE, "{p:?} {a:?} {o:?}");
                }
            }
        }
    }

    #[test]
    fn analyste_sees_only_anonymised_data() {
        let expected: HashSet<(Object, Action)> = [
            (DonneesAnonymisees, Consulter),
            (DonneesAnonymisees, Exporter),
            (Statistiques, Consulter),
            (Statistiques, Exporter),
            (MatriceDroits, Consulter),
            // Value lists: reference data, no personal data.
            (Referentiel, Consulter),
            (Utilisateur, Consulter),
        ]
        .into_iter()
        .collect();
        let actual: HashSet<(Object, Action)> =
            MATRIX.iter().filter(|r| r.cell(AY).is_allowed()).map(|r| (r.object, r.action)).collect();
        assert_eq!(actual, expected);
        assert_eq!(cell(AY, Utilisateur, Consulter).scope, Scope::Own);
        // Nobody else reads the row-level anonymised base.
        for p in Profile::ALL.into_iter().filter(|p| *p != AY) {
            for a in Action::ALL {
                assert!(!allowed(p, DonneesAnonymisees, a), "{p:?} {a:?}");
            }
        }
    }

    #[test]
    fn situation_medico_sociale_is_narrower_than_menage() {
        let sees =
            |o: Object| -> Vec<Profile> { Profile::ALL.into_iter().filter(|p| allowed(*p, o, Consulter)).collect() };
        let (sms, menage) = (sees(SituationMedicoSociale), sees(Menage));
        assert!(sms.len() < menage.len(), "{sms:?} vs {menage:?}");
        for p in &sms {
            assert!(menage.contains(p), "{p:?} sees the SMS but not the ménage");
            assert!(cell(*p, Menage, Consulter).scope.covers(cell(*p, SituationMedicoSociale, Consulter).scope));
        }
        for p in [E115, GE, AST] {
            for a in Action::ALL {
                assert!(!allowed(p, SituationMedicoSociale, a), "{p:?} {a:?}");
            }
        }
        // Only the accompanying travailleur social writes it.
        for a in [Creer, Modifier, Exporter] {
            let writers: Vec<Profile> =
                Profile::ALL.into_iter().filter(|p| allowed(*p, SituationMedicoSociale, a)).collect();
            assert_eq!(writers, vec![TS], "{a:?}");
        }
    }

    #[test]
    fn everyone_consults_the_matrix_and_nobody_edits_it() {
        for p in Profile::ALL {
            assert!(allowed(p, MatriceDroits, Consulter), "{p:?}");
            for a in [Creer, Modifier, Valider, Supprimer] {
                assert!(!allowed(p, MatriceDroits, a), "{p:?} {a:?}");
            }
        }
    }

    #[test]
    fn audit_journal_is_read_only_and_restricted() {
        for p in Profile::ALL {
            let expected = match p {
                AN => Scope::All,
                AD => Scope::Departement,
                AS => Scope::Siao,
                _ => Scope::None,
            };
            assert_eq!(cell(p, JournalAudit, Consulter).scope, expected, "{p:?}");
            for a in [Creer, Modifier, Valider, Supprimer] {
                assert!(!allowed(p, JournalAudit, a), "{p:?} {a:?}: the journal is append-only");
            }
        }
        assert!(cell(AD, JournalAudit, Consulter).note.is_some_and(|n| n.contains("non nominatifs")));
    }

    #[test]
    fn admin_national_stands_in_for_admin_departemental_on_offre() {
        for o in [Entite, Dispositif, GroupePlaces, Financement, ImportOffre] {
            for a in Action::ALL {
                if allowed(AD, o, a) {
                    assert_eq!(cell(AN, o, a).scope, Scope::All, "{o:?} {a:?}");
                }
            }
        }
    }

    #[test]
    fn offre_matches_the_simplified_matrix_of_the_seeds() {
        for o in [Entite, Dispositif, GroupePlaces] {
            assert_eq!(cell(AN, o, Consulter).scope, Scope::All);
            assert_eq!(cell(AD, o, Consulter).scope, Scope::Departement);
            assert_eq!(cell(AS, o, Consulter).scope, Scope::Siao);
            assert_eq!(cell(GE, o, Consulter).scope, Scope::Entite);
        }
        // Creation and validation of entités and dispositifs.
        for o in [Entite, Dispositif] {
            assert_eq!(cell(AD, o, Creer).scope, Scope::Departement);
            assert_eq!(cell(AD, o, Valider).scope, Scope::Departement);
            assert_eq!(cell(AS, o, Valider).scope, Scope::Siao);
            assert!(cell(AS, o, Valider).note.is_some_and(|n| n.contains("pré-validation")));
            assert_eq!(cell(GE, o, Modifier).scope, Scope::Entite);
            for p in [OS, E115, GE, AST, RD, TS, AY] {
                assert!(!allowed(p, o, Creer) && !allowed(p, o, Valider), "{p:?} {o:?}");
            }
        }
        assert!(cell(AD, Dispositif, Creer).note.is_some_and(|n| n.contains("P177")));
        assert!(cell(AS, Dispositif, Creer).note.is_some_and(|n| n.contains("non financés P177")));
        // Groupes de places are created by the entité only; the others read them.
        let creators: Vec<Profile> = Profile::ALL.into_iter().filter(|p| allowed(*p, GroupePlaces, Creer)).collect();
        assert_eq!(creators, vec![GE, AST]);
    }

    #[test]
    fn demande_workflow_matches_the_domain() {
        // The travailleur social builds the file of the ménages he follows.
        for o in [Menage, Personne, DemandeInsertion, EvaluationApprofondie, Note] {
            assert_eq!(cell(TS, o, Creer).scope, Scope::Suivis, "{o:?}");
        }
        // Only the travailleur social writes évaluations approfondies.
        let ea: Vec<Profile> = Profile::ALL.into_iter().filter(|p| allowed(*p, EvaluationApprofondie, Creer)).collect();
        assert_eq!(ea, vec![TS]);
        // The SIAO orients and manages the waiting list.
        for a in [Creer, Modifier, Supprimer] {
            assert_eq!(cell(OS, ListeAttente, a).scope, Scope::Siao);
        }
        assert_eq!(cell(OS, Orientation, Creer).scope, Scope::Siao);
        assert_eq!(cell(OS, DemandeInsertion, Valider).scope, Scope::Siao);
        // The 115 creates ménages and emergency demandes and orients to emergency places.
        for o in [Menage, DemandeUrgence115, Orientation] {
            assert_eq!(cell(E115, o, Creer).scope, Scope::Siao, "{o:?}");
        }
        // The dispositif decides; it creates pseudo-demandes and admissions directes.
        let deciders: Vec<Profile> = Profile::ALL.into_iter().filter(|p| allowed(*p, Orientation, Valider)).collect();
        assert_eq!(deciders, vec![RD]);
        assert_eq!(cell(RD, DemandeInsertion, Creer).scope, Scope::Suivis);
        // Entité managers see no social content.
        for o in [Note, EvaluationApprofondie, DemandeInsertion, ListeAttente] {
            for p in [GE, AST] {
                assert!(!allowed(p, o, Consulter), "{p:?} {o:?}");
            }
        }
    }

    #[test]
    fn user_management_lists_match_the_matrix() {
        for p in Profile::ALL {
            let managed = manageable_profiles(p);
            assert_eq!(!managed.is_empty(), allowed(p, Utilisateur, Modifier), "{p:?}");
            if allowed(p, Utilisateur, Creer) || allowed(p, Utilisateur, Supprimer) {
                assert!(!managed.is_empty(), "{p:?}");
            }
            assert!(allowed(p, Utilisateur, Consulter), "{p:?} must see his own account");
            if p != AN {
                assert!(!managed.contains(&AN) && !managed.contains(&AY), "{p:?} manages a national profile");
                for m in managed {
                    assert!(
                        p.scope_kind().widest_scope().covers(m.scope_kind().widest_scope()),
                        "{p:?} manages the wider profile {m:?}"
                    );
                }
            }
        }
        assert_eq!(manageable_profiles(AN).len(), Profile::ALL.len());
    }
}
