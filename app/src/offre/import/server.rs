//! Server functions of the Temps 1 import. The matrix row *Import de l'offre* decides on the file's
//! département; the file is read off the async executor with a time limit, checked in full, then
//! committed in one transaction (or only reported: a dry run).

use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, MultipartData, MultipartFormData, Streaming};

use super::model::{ImportLine, ImportReport};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::{model::Counts, repo, rules, template, workbook},
    crate::error::{ConstraintErrors, OnConstraint},
    crate::fields::departement_code,
    crate::handler::Guarded,
    crate::offre::lifecycle::Statut,
    crate::rights::{authorize::Target, model::Profile},
    uuid::Uuid,
};

server_fns! {
    ImportTemplate => matrix(ImportOffre, Consulter),
    ImportDepartements => matrix(ImportOffre, Consulter),
    ListImports => matrix(ImportOffre, Consulter),
    ImportOffreFile => matrix(ImportOffre, Creer),
}

/// The paths of the functions that take a multipart body (the server checks its encoding first).
pub const MULTIPART_PATHS: [&str; 1] = [<ImportOffreFile as leptos::server_fn::ServerFn>::PATH];

/// The template, as an xlsx download (a plain form posts here).
#[server(prefix = "/api/offre/import", endpoint = "modele", output = Streaming)]
pub async fn import_template() -> Result<ByteStream<AppError>, AppError> {
    ImportTemplate::run(async |cx| {
        let today = chrono::Utc::now().date_naive();
        let lookups = repo::lookups(&mut *cx.db().acquire().await?, "", today).await?;
        let bytes = template::write(&lookups, &[]).map_err(|e| {
            tracing::error!(error = %e, "template");
            AppError::Internal
        })?;
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            use http::{header, HeaderValue};
            let disposition = HeaderValue::from_static("attachment; filename=\"modele-temps1-offre.xlsx\"");
            response.insert_header(header::CONTENT_DISPOSITION, disposition);
            // A plain form posts here: Leptos would answer it with a redirect to the page; the file is
            // the answer.
            response.set_status(http::StatusCode::OK);
        }
        Ok(ByteStream::from(futures::stream::iter([bytes])))
    })
    .await
}

/// The départements the user imports for.
#[server(prefix = "/api/offre/import", endpoint = "departements")]
pub async fn import_departements() -> Result<Vec<(String, String)>, AppError> {
    ImportDepartements::run(async |cx| Ok(repo::departements(cx.db(), &cx.user, cx.scope()).await?)).await
}

#[server(prefix = "/api/offre/import", endpoint = "historique")]
pub async fn list_imports() -> Result<Vec<ImportLine>, AppError> {
    ListImports::run(async |cx| Ok(repo::list(cx.db(), &cx.user, cx.scope()).await?)).await
}

/// A file for a département: fields `departement`, `mode` (`importer` to commit; otherwise a dry run)
/// and `fichier`. The report lists every error, or what is (or would be) created and replaced.
#[server(prefix = "/api/offre/import", endpoint = "fichier", input = MultipartFormData)]
pub async fn import_offre_file(data: MultipartData) -> Result<ImportReport, AppError> {
    ImportOffreFile::run(async move |mut cx| {
        let upload = read_upload(data).await?;
        let departement = departement_code(&upload.departement)
            .ok_or_else(|| AppError::invalid("departement", "Choisissez le département du fichier."))?;
        let target = Target { departements: vec![departement.clone()], ..Default::default() };
        cx.authorize(target, None::<Uuid>).await?;
        if upload.bytes.is_empty() {
            return Err(AppError::invalid("fichier", "Choisissez un fichier xlsx ou ods."));
        }
        let mut report =
            ImportReport { fichier: upload.name.clone(), departement: departement.clone(), ..Default::default() };
        let bytes = upload.bytes;
        let read = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            tokio::task::spawn_blocking(move || workbook::read(&bytes)),
        )
        .await
        .map_err(|_| AppError::Refused("La lecture du fichier a dépassé 20 secondes : il n'est pas accepté.".into()))?
        .map_err(|e| {
            tracing::error!(error = %e, "import: the reader stopped");
            AppError::Refused("Ce fichier n'a pas pu être lu : enregistrez-le de nouveau depuis le tableur.".into())
        })?;
        let book = match read {
            Ok(book) => book,
            Err(issues) => return Ok(ImportReport { issues, ..report }),
        };
        let mut tx = cx.db().begin().await?;
        // One import at a time per département.
        sqlx::query!("SELECT pg_advisory_xact_lock(hashtext('import_offre:' || $1))", departement)
            .execute(&mut *tx)
            .await?;
        let today = chrono::Utc::now().date_naive();
        let lookups = repo::lookups(&mut tx, &departement, today).await?;
        let plan = match rules::check(&book, &departement, &lookups) {
            Ok(plan) => plan,
            Err(issues) => return Ok(ImportReport { issues, ..report }),
        };
        let replaced = repo::replaceable(&mut tx, &departement).await?;
        report.created = Counts {
            entites: plan.entites.len() as i32,
            dispositifs: plan.dispositifs.len() as i32,
            financements: plan.financements.len() as i32,
        };
        report.replaced = replaced.counts();
        if upload.mode != "importer" {
            cx.done("verifier").await;
            return Ok(report);
        }
        let statut = match cx.user.profile {
            Profile::AdminSiao => Statut::Prevalide,
            _ => Statut::Valide,
        };
        let author = repo::Author { user_id: cx.user.user_id, statut };
        let id = repo::commit(&mut tx, &departement, &report.fichier, &author, &plan, &replaced)
            .await
            .on_constraints(RACES)?;
        tx.commit().await?;
        report.applied = true;
        cx.created(id);
        cx.done("creer").await;
        Ok(report)
    })
    .await
}

#[cfg(feature = "ssr")]
struct Upload {
    departement: String,
    mode: String,
    name: String,
    bytes: Vec<u8>,
}

/// The fields of the multipart body (its size is bounded by the request's limit).
#[cfg(feature = "ssr")]
async fn read_upload(data: MultipartData) -> Result<Upload, AppError> {
    let mut data = data.into_inner().ok_or(AppError::BadRequest)?;
    let mut upload = Upload { departement: String::new(), mode: String::new(), name: String::new(), bytes: vec![] };
    while let Some(field) = data.next_field().await.map_err(|_| AppError::BadRequest)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|_| AppError::BadRequest)?;
        match name.as_str() {
            "departement" => upload.departement = String::from_utf8_lossy(&bytes).trim().to_string(),
            "mode" => upload.mode = String::from_utf8_lossy(&bytes).trim().to_string(),
            "fichier" => {
                let file_name = file_name.unwrap_or_default();
                let file_name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
                upload.name = if file_name.trim().is_empty() { "fichier".into() } else { file_name };
                upload.bytes = bytes.to_vec();
            }
            _ => {}
        }
    }
    Ok(upload)
}

#[cfg(feature = "ssr")]
const RACES: ConstraintErrors<'static> = &[("entites_siren_key", race), ("entites_nom_departement_key", race)];

#[cfg(feature = "ssr")]
fn race() -> AppError {
    AppError::Refused("Une entité du fichier vient d'être saisie à l'écran : vérifiez de nouveau le fichier.".into())
}
