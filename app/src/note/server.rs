//! Server functions of the notes. The matrix decides on the ménage (territory, `Suivis`) for reading,
//! writing and closing an alerte, and on the note's author (`Own`) for a draft's edition, publication and
//! deletion; the note's state machine (`model::State`) then says whether the step is legal. Every call is
//! journaled; reading the notes is a nominative read.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{NoteForm, NoteView};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::model::Event,
    super::repo::{self, Stored},
    crate::error::FieldError,
    crate::handler::{Ctx, Guarded},
    crate::menage::repo as menages,
    crate::menage::server::authorize_menage,
};

server_fns! {
    ListNotes => matrix(Note, Consulter),
    CreateNote => matrix(Note, Creer),
    UpdateNote => matrix(Note, Modifier),
    PublishNote => matrix(Note, Valider),
    DeleteNote => matrix(Note, Supprimer),
    CloseAlerte => matrix(Note, Creer),
}

/// The notes of a ménage the user may read (published ones, his drafts), newest first.
#[server(prefix = "/api/notes", endpoint = "list")]
pub async fn list_notes(menage_id: Uuid) -> Result<Vec<NoteView>, AppError> {
    ListNotes::run(async move |mut cx| {
        authorize_menage(&mut cx, menage_id).await?;
        Ok(repo::list(cx.db(), menage_id, &cx.user).await?)
    })
    .await
}

/// Writes a note (a draft, or published at once); `complete`: the published note it completes. Its id.
#[server(prefix = "/api/notes", endpoint = "create")]
pub async fn create_note(
    menage_id: Uuid,
    #[server(default)] complete: Option<Uuid>,
    #[server(default)] form: NoteForm,
) -> Result<Uuid, AppError> {
    CreateNote::run(async move |mut cx| {
        authorize_menage(&mut cx, menage_id).await?;
        let mut note = parsed(&cx, menage_id, &form).await?;
        if let Some(original) = complete {
            let stored =
                readable(&cx, original).await?.filter(|s| s.menage_id == menage_id).ok_or(AppError::NotFound)?;
            stored.state.allows(Event::Completer).map_err(refused)?;
            // An amendment is at least as confidential as what it completes.
            note.confidentielle |= stored.confidentielle;
        }
        let id = Uuid::new_v4();
        let mut conn = cx.db().acquire().await?;
        repo::insert(&mut conn, id, menage_id, &note, complete, &cx.user).await?;
        cx.created(id);
        cx.done(if note.publier { "publier" } else { "creer" }).await;
        // The new note in the query too: a redirect that changed only the fragment would not reload the page.
        crate::url::redirect(&format!("/menages/{menage_id}?onglet=notes&note={id}#note-{id}"));
        Ok(id)
    })
    .await
}

/// Saves a draft (and publishes it if the form says so) if it is still at `version`; its new version.
#[server(prefix = "/api/notes", endpoint = "update")]
pub async fn update_note(id: Uuid, version: i32, #[server(default)] form: NoteForm) -> Result<i32, AppError> {
    UpdateNote::run(async move |mut cx| {
        let stored = authorize_author(&mut cx, id).await?;
        stored.state.allows(Event::Modifier).map_err(refused)?;
        let note = parsed(&cx, stored.menage_id, &form).await?;
        let mut conn = cx.db().acquire().await?;
        let new_version = repo::update_draft(&mut conn, id, version, &note).await?;
        let new_version = new_version.ok_or_else(|| stale(&stored))?;
        cx.done(if note.publier { "publier" } else { "modifier" }).await;
        Ok(new_version)
    })
    .await
}

/// Publishes a draft still at `version`: from now on it is read by the ménage's professionals, never edited.
#[server(prefix = "/api/notes", endpoint = "publish")]
pub async fn publish_note(id: Uuid, version: i32) -> Result<(), AppError> {
    PublishNote::run(async move |mut cx| {
        let stored = authorize_author(&mut cx, id).await?;
        stored.state.allows(Event::Publier).map_err(refused)?;
        if !repo::publish(cx.db(), id, version).await? {
            return Err(stale(&stored));
        }
        cx.done("publier").await;
        Ok(())
    })
    .await
}

/// Deletes a draft still at `version` (a published note is never deleted).
#[server(prefix = "/api/notes", endpoint = "delete")]
pub async fn delete_note(id: Uuid, version: i32) -> Result<(), AppError> {
    DeleteNote::run(async move |mut cx| {
        let stored = authorize_author(&mut cx, id).await?;
        stored.state.allows(Event::Supprimer).map_err(refused)?;
        if stored.version != version || !repo::delete_draft(cx.db(), id).await? {
            return Err(stale(&stored));
        }
        cx.done("supprimer").await;
        Ok(())
    })
    .await
}

/// Closes an open alerte, with the reason.
#[server(prefix = "/api/notes", endpoint = "close-alert")]
pub async fn close_alerte(id: Uuid, #[server(default)] motif: String) -> Result<(), AppError> {
    CloseAlerte::run(async move |mut cx| {
        let menage_id = repo::stored(cx.db(), id).await?.ok_or(AppError::NotFound)?.menage_id;
        authorize_menage(&mut cx, menage_id).await?;
        cx.created(id);
        let stored = readable(&cx, id).await?.ok_or(AppError::NotFound)?;
        stored.state.allows(Event::Clore).map_err(refused)?;
        let mut errors = vec![];
        let motif = crate::fields::text(&mut errors, "motif", &motif, 500);
        let Some(motif) = motif.filter(|_| errors.is_empty()) else {
            errors.push(FieldError::new("motif", "Indiquez pourquoi l'alerte est close."));
            return Err(errors.into());
        };
        if !repo::close_alerte(cx.db(), id, cx.user.user_id, &motif).await? {
            return Err(AppError::Refused("Cette alerte est déjà close.".into()));
        }
        cx.done("clore").await;
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
fn refused(reason: &'static str) -> AppError {
    AppError::Refused(reason.into())
}

/// A draft's version moved on (saved from another tab): the form takes the current one.
#[cfg(feature = "ssr")]
fn stale(stored: &Stored) -> AppError {
    AppError::Stale { current_version: stored.version, changes: vec![] }
}

/// The note, if the caller may read it.
#[cfg(feature = "ssr")]
async fn readable(cx: &Ctx, id: Uuid) -> Result<Option<Stored>, AppError> {
    Ok(repo::stored(cx.db(), id).await?.filter(|s| s.readable_by(&cx.user)))
}

/// The matrix decides on the note's author, within the ménage's territory (cells `Own`: "ses brouillons").
#[cfg(feature = "ssr")]
async fn authorize_author(cx: &mut Ctx, id: Uuid) -> Result<Stored, AppError> {
    let stored = repo::stored(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let mut target = menages::target_of(cx.db(), stored.menage_id).await?.ok_or(AppError::NotFound)?;
    target.owner = Some(stored.created_by);
    cx.authorize(target, Some(id)).await?;
    Ok(stored)
}

/// The form checked; the persons it names must be members of the ménage.
#[cfg(feature = "ssr")]
async fn parsed(cx: &Ctx, menage_id: Uuid, form: &NoteForm) -> Result<super::model::NoteInput, AppError> {
    let note = form.parse(chrono::Utc::now().date_naive())?;
    let members = repo::members_among(cx.db(), menage_id, &note.personnes).await?;
    if members.len() != note.personnes.len() {
        return Err(vec![FieldError::new("personnes", "Choisissez des personnes du ménage.")].into());
    }
    Ok(note)
}
