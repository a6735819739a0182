//! The validation circuit of the entités and dispositifs (matrix, Offre rows): the Administrateur
//! départemental creates directly validated objects (for dispositifs: the P177-financed ones); the
//! Administrateur SIAO creates drafts and pre-validates them; the Administrateur départemental
//! validates the pre-validated ones or sends them back with a reason; the Administrateur national
//! may stand in for both.

use crate::codes::code_enum;
use crate::rights::model::Profile;

code_enum! {
    /// Where an entité or a dispositif stands in the validation circuit.
    pub enum Statut {
        Brouillon = "brouillon" => "Brouillon (à pré-valider)",
        Prevalide = "prevalide" => "Pré-validé (à valider)",
        Valide = "valide" => "Validé",
        Renvoye = "renvoye" => "Renvoyé pour correction",
    }
}

code_enum! {
    /// A step of the circuit.
    pub enum Transition {
        Prevalider = "prevalider" => "Pré-valider",
        Valider = "valider" => "Valider",
        Renvoyer = "renvoyer" => "Renvoyer pour correction",
    }
}

impl Statut {
    /// The status of a new object created by `profile`: the département's and the national
    /// administrators' objects are valid at once, the SIAO's are drafts.
    pub fn at_creation(profile: Profile) -> Statut {
        match profile {
            Profile::AdminDepartemental | Profile::AdminNational => Statut::Valide,
            _ => Statut::Brouillon,
        }
    }

    /// The statuses of the objects waiting for a step of `profile` (its work queue).
    pub fn waiting_for(profile: Profile) -> Vec<&'static str> {
        Statut::ALL.iter().filter(|s| !Transition::open(profile, **s).is_empty()).map(|s| s.code()).collect()
    }

    /// Whether the object may still be edited by a SIAO (before departmental validation).
    pub fn before_validation(self) -> bool {
        self != Statut::Valide
    }
}

impl Transition {
    /// The steps `profile` takes (its matrix cell says where).
    pub fn taken_by(profile: Profile) -> &'static [Transition] {
        match profile {
            Profile::AdminNational => &Transition::ALL,
            Profile::AdminDepartemental => &[Transition::Valider, Transition::Renvoyer],
            Profile::AdminSiao => &[Transition::Prevalider],
            _ => &[],
        }
    }

    /// The status after this step from `from`; `None`: not from there.
    pub fn apply(self, from: Statut) -> Option<Statut> {
        match (self, from) {
            (Transition::Prevalider, Statut::Brouillon | Statut::Renvoye) => Some(Statut::Prevalide),
            (Transition::Valider, Statut::Prevalide) => Some(Statut::Valide),
            (Transition::Renvoyer, Statut::Prevalide) => Some(Statut::Renvoye),
            _ => None,
        }
    }

    /// The steps open to `profile` on an object in `from`.
    pub fn open(profile: Profile, from: Statut) -> Vec<Transition> {
        Transition::taken_by(profile).iter().copied().filter(|t| t.apply(from).is_some()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Statut::*;
    use Transition::*;

    #[test]
    fn legal_transitions() {
        assert_eq!(Prevalider.apply(Brouillon), Some(Prevalide));
        assert_eq!(Prevalider.apply(Renvoye), Some(Prevalide));
        assert_eq!(Valider.apply(Prevalide), Some(Valide));
        assert_eq!(Renvoyer.apply(Prevalide), Some(Renvoye));
    }

    #[test]
    fn illegal_transitions() {
        for (t, from) in [
            (Valider, Brouillon),
            (Valider, Valide),
            (Valider, Renvoye),
            (Renvoyer, Brouillon),
            (Renvoyer, Valide),
            (Prevalider, Prevalide),
            (Prevalider, Valide),
        ] {
            assert_eq!(t.apply(from), None, "{t:?} from {from:?}");
        }
    }

    #[test]
    fn each_administrator_takes_its_own_steps() {
        assert_eq!(Transition::open(Profile::AdminSiao, Brouillon), [Prevalider]);
        assert!(Transition::open(Profile::AdminSiao, Prevalide).is_empty(), "a SIAO does not validate");
        assert_eq!(Transition::open(Profile::AdminDepartemental, Prevalide), [Valider, Renvoyer]);
        assert!(Transition::open(Profile::AdminDepartemental, Brouillon).is_empty(), "pre-validation first");
        assert_eq!(Transition::open(Profile::AdminNational, Prevalide), [Valider, Renvoyer]);
        assert!(Transition::open(Profile::GestionnaireEntite, Prevalide).is_empty());
        assert_eq!(Statut::at_creation(Profile::AdminDepartemental), Valide);
        assert_eq!(Statut::at_creation(Profile::AdminSiao), Brouillon);
        assert_eq!(Statut::waiting_for(Profile::AdminSiao), ["brouillon", "renvoye"]);
        assert_eq!(Statut::waiting_for(Profile::AdminDepartemental), ["prevalide"]);
        assert!(Statut::waiting_for(Profile::TravailleurSocial).is_empty());
    }
}
