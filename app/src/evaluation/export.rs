//! "Télécharger l'évaluation": an EA as a PDF, with the fiche's machinery (`menage::pdf`). A POST from the
//! EA's page; the matrix's `Exporter` cell decides the file, the Situation médico-sociale / Exporter cell its
//! health part; the download is journaled, and the health part exported on its own line.

use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Streaming};
use uuid::Uuid;

use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::model::{Etape, EvaluationView},
    super::server::readable,
    crate::handler::Guarded,
    crate::menage::export::pdf_answer,
    crate::menage::pdf::{render_layout, Layout},
    crate::menage::repo as menages,
    crate::rights::model::Action,
};

server_fns! {
    DownloadEvaluation => matrix(EvaluationApprofondie, Exporter),
}

#[server(prefix = "/api/evaluations", endpoint = "pdf", output = Streaming)]
pub async fn download_evaluation(id: Uuid) -> Result<ByteStream<AppError>, AppError> {
    DownloadEvaluation::run(async move |mut cx| {
        let stored = readable(&mut cx, id, Action::Exporter).await?;
        let fiche = menages::load(cx.db(), stored.menage_id).await?.ok_or(AppError::NotFound)?;
        let options = super::server::options(&cx).await?;
        let ea = EvaluationView {
            resume: stored.resume,
            menage_id: stored.menage_id,
            version: stored.version,
            contenu: stored.contenu,
            sante: stored.sante,
            options,
        };
        let day = ea.resume.finalisee_at.unwrap_or(ea.resume.created_at).format("%d/%m/%Y").to_string();
        let title = format!("Évaluation approfondie — MÉNAGE {}", fiche.numero);
        let mut layout = Layout::new();
        layout.title(&title);
        layout.text(&format!("{} du {day}, par {}", ea.resume.statut.label(), ea.resume.auteur));
        let rows = ea.rows();
        for etape in Etape::ALL {
            let lines: Vec<_> = rows.iter().filter(|(e, _, v)| *e == etape && !v.is_empty()).collect();
            if lines.is_empty() {
                continue;
            }
            layout.heading(etape.label());
            for (_, label, value) in lines {
                layout.field(label, value);
            }
        }
        let u = &cx.user;
        let by = format!("{} {} ({})", u.prenom, u.nom, u.profile.label());
        let bytes = render_layout(layout, &title, &fiche.cle, &by, chrono::Utc::now()).map_err(|e| {
            tracing::error!(error = %e, "evaluation pdf");
            AppError::Internal
        })?;
        cx.done(Action::Exporter.code()).await;
        let file = format!("evaluation-menage-{}-{}.pdf", fiche.numero, day.replace('/', "-"));
        Ok(pdf_answer(&file, bytes))
    })
    .await
}
