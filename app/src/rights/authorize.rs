//! The one authorization decision: may this principal do this action on this object, here?
//!
//! `decide` is pure: the matrix cell, then the scope rule applied to the target. Server functions
//! reach it through their context (`crate::handler::Ctx`), which also journals denials; lists use
//! `scope_of` and filter their SQL by the scope.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::matrix;
use super::model::{Action, Object, Profile, Scope};

/// The authenticated user and their attachment, loaded from the database at each request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub user_id: Uuid,
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub profile: Profile,
    /// The user's territory: the département of an Administrateur départemental, the départements of
    /// the SIAO of a SIAO profile, the départements of the entité of an entité profile; empty for
    /// national profiles.
    pub departements: Vec<String>,
    pub siao_id: Option<Uuid>,
    pub entite_id: Option<Uuid>,
    /// Dispositifs the user is assigned to (Responsable de dispositif, Travailleur social).
    pub dispositifs: Vec<Uuid>,
    /// The second factor (TOTP) is set up.
    pub second_factor: bool,
}

/// Where an object lives, as far as scope rules are concerned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    pub departements: Vec<String>,
    pub entite_id: Option<Uuid>,
    pub dispositifs: Vec<Uuid>,
    /// The user who created the object (for an account: the account itself).
    pub owner: Option<Uuid>,
}

fn intersects<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// Does `scope`, held by `principal`, reach `target`?
pub fn scope_reaches(scope: Scope, principal: &Principal, target: &Target) -> bool {
    let own = target.owner == Some(principal.user_id);
    match scope {
        Scope::All => true,
        Scope::Departement | Scope::Siao => intersects(&principal.departements, &target.departements),
        Scope::Entite => principal.entite_id.is_some() && target.entite_id == principal.entite_id,
        Scope::Dispositifs => intersects(&principal.dispositifs, &target.dispositifs),
        Scope::Suivis => own || intersects(&principal.dispositifs, &target.dispositifs),
        Scope::Own => own,
        Scope::None => false,
    }
}

/// The matrix's decision for this principal, object, action and target.
pub fn decide(principal: &Principal, object: Object, action: Action, target: &Target) -> bool {
    let cell = matrix::cell(principal.profile, object, action);
    scope_reaches(cell.scope, principal, target)
}

/// The scope this profile holds for (object, action), if any: for lists, whose SQL then keeps only
/// the rows inside that scope.
pub fn scope_of(profile: Profile, object: Object, action: Action) -> Option<Scope> {
    let scope = matrix::cell(profile, object, action).scope;
    scope.is_allowed().then_some(scope)
}

#[cfg(test)]
mod tests {
    //! Table-driven from the matrix itself: every profile × object × action, on a target inside the
    //! user's scope and on one outside, is decided exactly as the cell says.
    use super::*;
    use crate::rights::matrix::MATRIX;

    const HERE: &str = "35";
    const ELSEWHERE: &str = "13";

    fn principal(profile: Profile) -> Principal {
        use crate::rights::model::ScopeKind::*;
        let (departements, siao_id, entite_id, dispositifs) = match profile.scope_kind() {
            National => (vec![], None, None, vec![]),
            Departement => (vec![HERE.into()], None, None, vec![]),
            Siao => (vec![HERE.into()], Some(Uuid::from_u128(1)), None, vec![]),
            Entite | Dispositifs => (
                vec![HERE.into()],
                None,
                Some(Uuid::from_u128(2)),
                if profile.scope_kind() == Dispositifs { vec![Uuid::from_u128(3)] } else { vec![] },
            ),
        };
        Principal {
            user_id: Uuid::from_u128(100),
            email: "agent@example.org".into(),
            prenom: "A".into(),
            nom: "B".into(),
            profile,
            departements,
            siao_id,
            entite_id,
            dispositifs,
            second_factor: false,
        }
    }

    /// A target inside whatever the scope means for this principal.
    fn inside(p: &Principal) -> Target {
        Target {
            departements: vec![HERE.into()],
            entite_id: p.entite_id,
            dispositifs: p.dispositifs.clone(),
            owner: Some(p.user_id),
        }
    }

    /// A target outside every scope but All.
    fn outside() -> Target {
        Target {
            departements: vec![ELSEWHERE.into()],
            entite_id: Some(Uuid::from_u128(20)),
            dispositifs: vec![Uuid::from_u128(30)],
            owner: Some(Uuid::from_u128(999)),
        }
    }

    #[test]
    fn every_cell_is_enforced_inside_and_outside_its_scope() {
        let mut checked = 0;
        for row in MATRIX {
            for profile in Profile::ALL {
                let p = principal(profile);
                let scope = row.cell(profile).scope;
                assert_eq!(
                    decide(&p, row.object, row.action, &inside(&p)),
                    scope.is_allowed(),
                    "{profile:?} {:?} {:?} inside {scope:?}",
                    row.object,
                    row.action
                );
                assert_eq!(
                    decide(&p, row.object, row.action, &outside()),
                    scope == Scope::All,
                    "{profile:?} {:?} {:?} outside {scope:?}",
                    row.object,
                    row.action
                );
                checked += 1;
            }
        }
        assert_eq!(checked, Object::ALL.len() * Action::ALL.len() * Profile::ALL.len());
    }

    #[test]
    fn scope_rules_look_at_the_right_attachment() {
        let ts = principal(Profile::TravailleurSocial);
        let same_dep_other_dispositif =
            Target { departements: vec![HERE.into()], dispositifs: vec![Uuid::from_u128(77)], ..Default::default() };
        assert!(!scope_reaches(Scope::Dispositifs, &ts, &same_dep_other_dispositif));
        assert!(scope_reaches(Scope::Departement, &ts, &same_dep_other_dispositif));
        let created_by_ts = Target { owner: Some(ts.user_id), ..Default::default() };
        assert!(scope_reaches(Scope::Suivis, &ts, &created_by_ts));
        assert!(!scope_reaches(Scope::Dispositifs, &ts, &created_by_ts));
        // National profiles have no territory: only `All` reaches anything for them.
        let national = principal(Profile::AdminNational);
        assert!(!scope_reaches(Scope::Departement, &national, &inside(&national)));
        assert!(scope_reaches(Scope::All, &national, &outside()));
        assert!(!scope_reaches(Scope::None, &national, &inside(&national)));
    }
}
