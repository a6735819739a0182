//! The steps of the validation circuit, checked the same way for entités and dispositifs.

use uuid::Uuid;

use crate::error::AppError;
use crate::handler::Ctx;
use crate::history::{repo as history, Tracked};
use crate::offre::lifecycle::{Statut, Transition};
use crate::rights::model::Object;

/// The status after `transition` from `from` and the reason given, if the user's profile takes this
/// step (otherwise a journaled 403), the step applies from there (otherwise 422) and, for a send-back,
/// a reason is given.
pub async fn check_step(
    cx: &Ctx,
    what: &str,
    from: Statut,
    transition: Transition,
    motif: Option<String>,
) -> Result<(Statut, Option<String>), AppError> {
    if !Transition::taken_by(cx.user.profile).contains(&transition) {
        return Err(cx.refuse(Some(format!("étape « {} » réservée à un autre profil", transition.label()))).await);
    }
    let Some(statut) = transition.apply(from) else {
        return Err(AppError::Refused(format!(
            "Impossible de « {} » {what} au statut « {} ».",
            transition.label().to_lowercase(),
            from.label()
        )));
    };
    let motif = motif.map(|m| m.trim().to_string()).filter(|m| !m.is_empty());
    if transition == Transition::Renvoyer && motif.is_none() {
        return Err(AppError::invalid("motif", "Indiquez le motif du renvoi : il guide la correction."));
    }
    if motif.as_ref().is_some_and(|m| m.chars().count() > 2000) {
        return Err(AppError::invalid("motif", "2 000 caractères au plus."));
    }
    Ok((statut, motif))
}

/// Writes the history line of a save (`after` against `before`) in the save's transaction, and commits:
/// the change and its history land together.
#[allow(clippy::too_many_arguments)]
pub async fn commit_with_history<T: Tracked>(
    cx: &Ctx,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    object: Object,
    id: Uuid,
    version: i32,
    action: &str,
    changes: (Option<&T>, &T),
    comment: Option<&str>,
) -> Result<(), AppError> {
    history::write(&mut tx, object, id, version, action, cx.user.user_id, changes, comment).await?;
    tx.commit().await?;
    Ok(())
}
