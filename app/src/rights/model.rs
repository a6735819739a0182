//! Vocabulary of the rights matrix: profiles, objects, actions, scopes and cells.
//!
//! Pure data types with stable `snake_case` codes (used in the database and the API)
//! and French labels (shown on the "Matrice des droits" screen). The matrix itself
//! lives in `super::matrix`; see `docs/rights.md` for how to read it.

use serde::{Deserialize, Serialize};

/// Territorial attachment of an account of a given profile.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// Whole country (Administrateur national, Analyste).
    National,
    /// One département (Administrateur départemental).
    Departement,
    /// One SIAO, covering one or more départements.
    Siao,
    /// One entité gestionnaire, possibly present in several départements.
    Entite,
    /// One or more dispositifs of an entité.
    Dispositifs,
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

/// The 10 user profiles. One account has exactly one profile.
/// The declaration order is the column order of the matrix.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    AdminNational,
    AdminDepartemental,
    Analyste,
    AdminSiao,
    OperateurSiao,
    #[serde(rename = "ecoutant_115")]
    Ecoutant115,
    GestionnaireEntite,
    Assistant,
    ResponsableDispositif,
    TravailleurSocial,
}

impl Profile {
    pub const ALL: [Profile; 10] = [
        Profile::AdminNational,
        Profile::AdminDepartemental,
        Profile::Analyste,
        Profile::AdminSiao,
        Profile::OperateurSiao,
        Profile::Ecoutant115,
        Profile::GestionnaireEntite,
        Profile::Assistant,
        Profile::ResponsableDispositif,
        Profile::TravailleurSocial,
    ];

    /// Position in `ALL`, i.e. the column of this profile in a matrix row.
    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn code(&self) -> &'static str {
        match self {
            Profile::AdminNational => "admin_national",
            Profile::AdminDepartemental => "admin_departemental",
            Profile::Analyste => "analyste",
            Profile::AdminSiao => "admin_siao",
            Profile::OperateurSiao => "operateur_siao",
            Profile::Ecoutant115 => "ecoutant_115",
            Profile::GestionnaireEntite => "gestionnaire_entite",
            Profile::Assistant => "assistant",
            Profile::ResponsableDispositif => "responsable_dispositif",
            Profile::TravailleurSocial => "travailleur_social",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub const fn label(&self) -> &'static str {
        match self {
            Profile::AdminNational => "Administrateur national",
            Profile::AdminDepartemental => "Administrateur départemental",
            Profile::Analyste => "Analyste",
            Profile::AdminSiao => "Administrateur SIAO",
            Profile::OperateurSiao => "Opérateur SIAO",
            Profile::Ecoutant115 => "Écoutant 115",
            Profile::GestionnaireEntite => "Gestionnaire d'entité",
            Profile::Assistant => "Assistant",
            Profile::ResponsableDispositif => "Responsable de dispositif",
            Profile::TravailleurSocial => "Travailleur social",
        }
    }

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

/// Business objects covered by the matrix. The declaration order is the row order.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    Utilisateur,
    Entite,
    Dispositif,
    GroupePlaces,
    Financement,
    ImportOffre,
    Menage,
    Personne,
    SituationMedicoSociale,
    Note,
    EvaluationApprofondie,
    DemandeInsertion,
    #[serde(rename = "demande_urgence_115")]
    DemandeUrgence115,
    /// Orientation of a demande towards a dispositif, the dispositif's decision
    /// and the resulting prise en charge (arrivée, départ, fin).
    Orientation,
    ListeAttente,
    PartenaireDui,
    TicketSupport,
    Statistiques,
    DonneesAnonymisees,
    MatriceDroits,
    JournalAudit,
}

impl Object {
    pub const ALL: [Object; 21] = [
        Object::Utilisateur,
        Object::Entite,
        Object::Dispositif,
        Object::GroupePlaces,
        Object::Financement,
        Object::ImportOffre,
        Object::Menage,
        Object::Personne,
        Object::SituationMedicoSociale,
        Object::Note,
        Object::EvaluationApprofondie,
        Object::DemandeInsertion,
        Object::DemandeUrgence115,
        Object::Orientation,
        Object::ListeAttente,
        Object::PartenaireDui,
        Object::TicketSupport,
        Object::Statistiques,
        Object::DonneesAnonymisees,
        Object::MatriceDroits,
        Object::JournalAudit,
    ];

    /// Objects that carry personal data about ménages and persons (RGPD).
    pub const NOMINATIVE: [Object; 9] = [
        Object::Menage,
        Object::Personne,
        Object::SituationMedicoSociale,
        Object::Note,
        Object::EvaluationApprofondie,
        Object::DemandeInsertion,
        Object::DemandeUrgence115,
        Object::Orientation,
        Object::ListeAttente,
    ];

    pub const fn index(self) -> usize {
        self as usize
    }

    pub fn is_nominative(self) -> bool {
        Self::NOMINATIVE.contains(&self)
    }

    pub const fn code(&self) -> &'static str {
        match self {
            Object::Utilisateur => "utilisateur",
            Object::Entite => "entite",
            Object::Dispositif => "dispositif",
            Object::GroupePlaces => "groupe_places",
            Object::Financement => "financement",
            Object::ImportOffre => "import_offre",
            Object::Menage => "menage",
            Object::Personne => "personne",
            Object::SituationMedicoSociale => "situation_medico_sociale",
            Object::Note => "note",
            Object::EvaluationApprofondie => "evaluation_approfondie",
            Object::DemandeInsertion => "demande_insertion",
            Object::DemandeUrgence115 => "demande_urgence_115",
            Object::Orientation => "orientation",
            Object::ListeAttente => "liste_attente",
            Object::PartenaireDui => "partenaire_dui",
            Object::TicketSupport => "ticket_support",
            Object::Statistiques => "statistiques",
            Object::DonneesAnonymisees => "donnees_anonymisees",
            Object::MatriceDroits => "matrice_droits",
            Object::JournalAudit => "journal_audit",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    pub const fn label(&self) -> &'static str {
        match self {
            Object::Utilisateur => "Compte utilisateur",
            Object::Entite => "Entité gestionnaire",
            Object::Dispositif => "Dispositif",
            Object::GroupePlaces => "Groupe de places",
            Object::Financement => "Financement",
            Object::ImportOffre => "Import de l'offre (fichier)",
            Object::Menage => "Ménage",
            Object::Personne => "Personne",
            Object::SituationMedicoSociale => "Situation médico-sociale",
            Object::Note => "Note (note sociale, alerte, entretien)",
            Object::EvaluationApprofondie => "Évaluation approfondie",
            Object::DemandeInsertion => "Demande d'insertion",
            Object::DemandeUrgence115 => "Demande d'hébergement d'urgence (115)",
            Object::Orientation => "Orientation et décision",
            Object::ListeAttente => "Liste d'attente",
            Object::PartenaireDui => "Partenaire DUI (interconnexion)",
            Object::TicketSupport => "Demande de support",
            Object::Statistiques => "Statistiques agrégées",
            Object::DonneesAnonymisees => "Données anonymisées",
            Object::MatriceDroits => "Matrice des droits",
            Object::JournalAudit => "Journal d'audit",
        }
    }
}

/// What a user does to an object.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Consulter,
    Creer,
    Modifier,
    /// Valider or pré-valider (the cell note says which).
    Valider,
    /// Supprimer or désactiver (the cell note says which).
    Supprimer,
    Exporter,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Consulter,
        Action::Creer,
        Action::Modifier,
        Action::Valider,
        Action::Supprimer,
        Action::Exporter,
    ];

    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn code(&self) -> &'static str {
        match self {
            Action::Consulter => "consulter",
            Action::Creer => "creer",
            Action::Modifier => "modifier",
            Action::Valider => "valider",
            Action::Supprimer => "supprimer",
            Action::Exporter => "exporter",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    pub const fn label(&self) -> &'static str {
        match self {
            Action::Consulter => "Consulter",
            Action::Creer => "Créer",
            Action::Modifier => "Modifier",
            Action::Valider => "Valider / pré-valider",
            Action::Supprimer => "Supprimer / désactiver",
            Action::Exporter => "Exporter",
        }
    }
}

/// Scope rule of a cell: which objects of that kind the user may act on,
/// relative to his own attachment. Declared from widest to narrowest.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every object in France.
    All,
    /// Objects attached to the user's département.
    Departement,
    /// Objects attached to the département(s) covered by the user's SIAO.
    Siao,
    /// Objects attached to the user's entité (and its dispositifs).
    Entite,
    /// Objects attached to the user's dispositifs (for an entité: the entité
    /// that owns them).
    Dispositifs,
    /// Ménages the user follows, and the objects hanging off them: ménages with
    /// an open demande, orientation or prise en charge on one of the user's
    /// dispositifs, or created by the user and not yet the subject of a demande.
    Suivis,
    /// Only objects the user created himself (his drafts, his tickets) or, for
    /// an account, his own account.
    Own,
    /// Refused.
    None,
}

impl Scope {
    pub const ALL: [Scope; 8] = [
        Scope::All,
        Scope::Departement,
        Scope::Siao,
        Scope::Entite,
        Scope::Dispositifs,
        Scope::Suivis,
        Scope::Own,
        Scope::None,
    ];

    pub const fn code(&self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Departement => "departement",
            Scope::Siao => "siao",
            Scope::Entite => "entite",
            Scope::Dispositifs => "dispositifs",
            Scope::Suivis => "suivis",
            Scope::Own => "own",
            Scope::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Short French label for a table cell.
    pub const fn label(&self) -> &'static str {
        match self {
            Scope::All => "Toute la France",
            Scope::Departement => "Son département",
            Scope::Siao => "Son SIAO",
            Scope::Entite => "Son entité",
            Scope::Dispositifs => "Ses dispositifs",
            Scope::Suivis => "Ménages suivis",
            Scope::Own => "Les siens",
            Scope::None => "Refusé",
        }
    }

    pub const fn is_allowed(&self) -> bool {
        !matches!(self, Scope::None)
    }

    /// Width rank: 0 for `None` up to 7 for `All`. It is a total order used to
    /// compare the cells of profiles sharing one attachment chain (e.g. the
    /// three SIAO profiles); `Departement` and `Siao` are not nested sets in
    /// general (a SIAO may cover several départements).
    pub const fn width(&self) -> u8 {
        match self {
            Scope::All => 7,
            Scope::Departement => 6,
            Scope::Siao => 5,
            Scope::Entite => 4,
            Scope::Dispositifs => 3,
            Scope::Suivis => 2,
            Scope::Own => 1,
            Scope::None => 0,
        }
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
    pub const NONE: Cell = Cell {
        scope: Scope::None,
        note: None,
    };

    pub const fn new(scope: Scope, note: Option<&'static str>) -> Self {
        Cell { scope, note }
    }

    pub const fn is_allowed(&self) -> bool {
        self.scope.is_allowed()
    }
}
