//! Vocabulary of the rights matrix: profiles, objects, actions, scopes and cells.
//!
//! Pure data types with stable `snake_case` codes (used in the database and the API)
//! and French labels (shown on the "Matrice des droits" screen). The matrix itself
//! lives in `super::matrix`; see `docs/rights.md` for how to read it.

use serde::Serialize;

use crate::codes::code_enum;

code_enum! {
    /// Territorial attachment of an account of a given profile.
    pub enum ScopeKind {
        /// Whole country (Administrateur national, Analyste).
        National = "national" => "National",
        /// One département (Administrateur départemental).
        Departement = "departement" => "Département",
        /// One SIAO, covering one or more départements.
        Siao = "siao" => "SIAO",
        /// One entité gestionnaire, possibly present in several départements.
        Entite = "entite" => "Entité gestionnaire",
        /// One or more dispositifs of an entité.
        Dispositifs = "dispositifs" => "Dispositifs",
    }
}

impl ScopeKind {
    /// The widest cell scope an account with this attachment can hold.
    pub const fn widest_scope(self) -> Scope {
        match self {
            ScopeKind::National => Scope::All,
            ScopeKind::Departement => Scope::Departement,
            ScopeKind::Siao => Scope::Siao,
            ScopeKind::Entite => Scope::Entite,
            ScopeKind::Dispositifs => Scope::Dispositifs,
        }
    }
}

code_enum! {
    /// The 10 user profiles. One account has exactly one profile.
    /// The declaration order is the column order of the matrix.
    pub enum Profile {
        AdminNational = "admin_national" => "Administrateur national",
        AdminDepartemental = "admin_departemental" => "Administrateur départemental",
        Analyste = "analyste" => "Analyste",
        AdminSiao = "admin_siao" => "Administrateur SIAO",
        OperateurSiao = "operateur_siao" => "Opérateur SIAO",
        Ecoutant115 = "ecoutant_115" => "Écoutant 115",
        GestionnaireEntite = "gestionnaire_entite" => "Gestionnaire d'entité",
        Assistant = "assistant" => "Assistant",
        ResponsableDispositif = "responsable_dispositif" => "Responsable de dispositif",
        TravailleurSocial = "travailleur_social" => "Travailleur social",
    }
}

impl Profile {
    /// Family of the profile, as grouped on the matrix screen.
    pub const fn family_label(&self) -> &'static str {
        match self {
            Profile::AdminNational | Profile::AdminDepartemental => "État",
            Profile::Analyste => "Observation sociale",
            Profile::AdminSiao | Profile::OperateurSiao | Profile::Ecoutant115 => "SIAO",
            Profile::GestionnaireEntite
            | Profile::Assistant
            | Profile::ResponsableDispositif
            | Profile::TravailleurSocial => "Entité gestionnaire",
        }
    }

    /// What territorial attachment an account of this profile has.
    pub const fn scope_kind(&self) -> ScopeKind {
        match self {
            Profile::AdminNational | Profile::Analyste => ScopeKind::National,
            Profile::AdminDepartemental => ScopeKind::Departement,
            Profile::AdminSiao | Profile::OperateurSiao | Profile::Ecoutant115 => ScopeKind::Siao,
            Profile::GestionnaireEntite | Profile::Assistant => ScopeKind::Entite,
            Profile::ResponsableDispositif | Profile::TravailleurSocial => ScopeKind::Dispositifs,
        }
    }
}

code_enum! {
    /// Business objects covered by the matrix. The declaration order is the row order.
    pub enum Object {
        Utilisateur = "utilisateur" => "Compte utilisateur",
        Entite = "entite" => "Entité gestionnaire",
        Dispositif = "dispositif" => "Dispositif",
        GroupePlaces = "groupe_places" => "Groupe de places",
        Financement = "financement" => "Financement",
        ImportOffre = "import_offre" => "Import de l'offre (fichier)",
        Menage = "menage" => "Ménage",
        Personne = "personne" => "Personne",
        /// Health in broad categories, violence suffered, judicial situation: the sensitive block of a person.
        SituationMedicoSociale = "situation_medico_sociale" => "Situation médico-sociale et judiciaire",
        Note = "note" => "Note (note sociale, alerte, entretien)",
        EvaluationApprofondie = "evaluation_approfondie" => "Évaluation approfondie",
        DemandeInsertion = "demande_insertion" => "Demande d'insertion",
        DemandeUrgence115 = "demande_urgence_115" => "Demande d'hébergement d'urgence (115)",
        /// Orientation of a demande towards a dispositif, the dispositif's decision
        /// and the resulting prise en charge (arrivée, départ, fin).
        Orientation = "orientation" => "Orientation et décision",
        ListeAttente = "liste_attente" => "Liste d'attente",
        /// A short request (a maraude's visit, an aid) addressed to a dispositif for a ménage.
        Prestation = "prestation" => "Demande de prestation (maraude, aide)",
        PartenaireDui = "partenaire_dui" => "Partenaire DUI (interconnexion)",
        TicketSupport = "ticket_support" => "Demande de support",
        Statistiques = "statistiques" => "Statistiques agrégées",
        DonneesAnonymisees = "donnees_anonymisees" => "Données anonymisées",
        MatriceDroits = "matrice_droits" => "Matrice des droits",
        JournalAudit = "journal_audit" => "Journal d'audit",
        /// The outbox of the mails the application sends (links, notifications).
        CourrielSortant = "courriel_sortant" => "Courriels sortants (file d'envoi)",
        /// The value lists shared by every domain (nomenclature of dispositifs, SI SIAO codes...).
        Referentiel = "referentiel" => "Référentiels (listes de valeurs)",
    }
}

impl Object {
    /// Objects that carry personal data about ménages and persons (RGPD).
    pub const NOMINATIVE: [Object; 10] = [
        Object::Menage,
        Object::Personne,
        Object::SituationMedicoSociale,
        Object::Note,
        Object::EvaluationApprofondie,
        Object::DemandeInsertion,
        Object::DemandeUrgence115,
        Object::Orientation,
        Object::ListeAttente,
        Object::Prestation,
    ];

    pub fn is_nominative(self) -> bool {
        Self::NOMINATIVE.contains(&self)
    }
}

code_enum! {
    /// What a user does to an object.
    pub enum Action {
        Consulter = "consulter" => "Consulter",
        Creer = "creer" => "Créer",
        Modifier = "modifier" => "Modifier",
        /// Valider or pré-valider (the cell note says which).
        Valider = "valider" => "Valider / pré-valider",
        /// Supprimer or désactiver (the cell note says which).
        Supprimer = "supprimer" => "Supprimer / désactiver",
        Exporter = "exporter" => "Exporter",
    }
}

code_enum! {
    /// Scope rule of a cell: which objects of that kind the user may act on,
    /// relative to his own attachment. Declared from widest to narrowest.
    pub enum Scope {
        /// Every object in France.
        All = "all" => "Toute la France",
        /// Objects attached to the user's département.
        Departement = "departement" => "Son département",
        /// Objects attached to the département(s) covered by the user's SIAO.
        Siao = "siao" => "Son SIAO",
        /// Objects attached to the user's entité (and its dispositifs).
        Entite = "entite" => "Son entité",
        /// Objects attached to the user's dispositifs (for an entité: the entité
        /// that owns them).
        Dispositifs = "dispositifs" => "Ses dispositifs",
        /// Ménages the user follows, and the objects hanging off them: ménages with
        /// an open demande, orientation or prise en charge on one of the user's
        /// dispositifs, or created by the user and not yet the subject of a demande.
        Suivis = "suivis" => "Ménages suivis",
        /// Only objects the user created himself (his drafts, his tickets) or, for
        /// an account, his own account.
        Own = "own" => "Les siens",
        /// Refused.
        None = "none" => "Refusé",
    }
}

impl Scope {
    pub const fn is_allowed(&self) -> bool {
        !matches!(self, Scope::None)
    }

    /// Width rank: 0 for `None` up to 7 for `All`. It is a total order used to
    /// compare the cells of profiles sharing one attachment chain (e.g. the
    /// three SIAO profiles); `Departement` and `Siao` are not nested sets in
    /// general (a SIAO may cover several départements).
    pub const fn width(&self) -> u8 {
        (Scope::ALL.len() - 1 - self.index()) as u8
    }

    /// True when `self` is at least as wide as `other` (so every allowed
    /// `other` is allowed by `self`).
    pub const fn covers(&self, other: Scope) -> bool {
        self.width() >= other.width()
    }
}

/// One cell of the matrix: a scope rule plus an optional French precision
/// shown on the screen (e.g. "dispositifs financés P177", "pré-validation").
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cell {
    pub scope: Scope,
    pub note: Option<&'static str>,
}

impl Cell {
    pub const NONE: Cell = Cell { scope: Scope::None, note: None };

    pub const fn new(scope: Scope, note: Option<&'static str>) -> Self {
        Cell { scope, note }
    }

    pub const fn is_allowed(&self) -> bool {
        self.scope.is_allowed()
    }
}
