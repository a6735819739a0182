//! "Télécharger la fiche": the PDF of a ménage's fiche. A POST (a plain form in the fiche): the origin
//! check protects it as every server function, and no link or image elsewhere can make a browser export
//! a fiche. The matrix's `Exporter` cells decide the file and each of its blocks; the download is
//! journaled, and a sensitive block exported is journaled on its own.

use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Streaming};
use uuid::Uuid;

use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::pdf::{render, FicheDocument},
    super::repo,
    super::server::authorize_menage,
    super::situation_repo as situations,
    super::situation_server::SituationsView,
    crate::audit::model::Outcome,
    crate::handler::Guarded,
    crate::rights::{
        authorize::decide,
        model::{Action, Object},
    },
};

server_fns! {
    DownloadFiche => matrix(Menage, Exporter),
}

#[server(prefix = "/api/menages", endpoint = "fiche-pdf", output = Streaming)]
pub async fn download_fiche(id: Uuid) -> Result<ByteStream<AppError>, AppError> {
    DownloadFiche::run(async move |mut cx| {
        authorize_menage(&mut cx, id).await?;
        let fiche = repo::load(cx.db(), id).await?.ok_or(AppError::NotFound)?;
        let target = repo::target_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
        let may = |object: Object| decide(&cx.user, object, Action::Exporter, &target);
        let mut conn = cx.db().acquire().await?;
        let situations = match may(Object::Personne) {
            true => Some(SituationsView {
                situations: situations::situations(&mut conn, id).await?,
                budget: situations::budget(&mut conn, id).await?,
                options: vec![],
            }),
            false => None,
        };
        let sensibles = match may(Object::SituationMedicoSociale) {
            true => Some(repo::sensibles(&mut conn, id).await?),
            false => None,
        };
        drop(conn);
        let u = &cx.user;
        let by = format!("{} {} ({})", u.prenom, u.nom, u.profile.label());
        let doc = FicheDocument {
            fiche: &fiche,
            situations: situations.as_ref(),
            sensibles: sensibles.as_deref(),
            by,
            at: chrono::Utc::now(),
        };
        let bytes = render(&doc).map_err(|e| {
            tracing::error!(error = %e, "fiche pdf");
            AppError::Internal
        })?;
        cx.done(Action::Exporter.code()).await;
        if sensibles.is_some() {
            let entry = cx.entry(Action::Exporter.code(), Outcome::Succes);
            cx.journal(crate::audit::model::AuditEntry {
                object: Object::SituationMedicoSociale,
                nominative: true,
                ..entry
            })
            .await;
        }
        Ok(pdf_answer(&format!("fiche-menage-{}.pdf", fiche.numero), bytes))
    })
    .await
}

/// A PDF as the answer of a download function: a file to save, never cached.
#[cfg(feature = "ssr")]
pub(crate) fn pdf_answer(filename: &str, bytes: Vec<u8>) -> ByteStream<AppError> {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use http::{header, HeaderValue};
        if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
            response.insert_header(header::CONTENT_DISPOSITION, disposition);
        }
        response.insert_header(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        // A plain form posts here: Leptos would answer it with a redirect to the page; the file is
        // the answer.
        response.set_status(http::StatusCode::OK);
    }
    ByteStream::from(futures::stream::iter([bytes]))
}
