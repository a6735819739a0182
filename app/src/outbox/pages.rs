//! "Courriels sortants": what the outbox holds, for the Administrateur national.

use leptos::prelude::*;
use leptos_meta::Title;

use super::model::MailStatus;
use super::server::{get_outbox, RetryMail};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::errors::loaded;
use crate::ui::format::date_time;
use crate::ui::list::DataTable;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let view = Resource::new(|| (), |_| get_outbox());
    view! {
        <Title text="Courriels sortants" />
        <div class="fr-container fr-my-6w">
            <h1>"Courriels sortants"</h1>
            <p>
                "Les messages (liens d'activation, de réinitialisation) partent par une file d'envoi : "
                "une panne du serveur de messagerie ne perd rien, les envois sont retentés pendant six heures environ."
            </p>
            {loaded(view, move |v| view! {
                            <ul class="fr-badges-group fr-mb-3w">
                                <li><p class="fr-badge fr-badge--info" id="courriels-en-attente">{format!("En attente : {}", v.waiting)}</p></li>
                                <li><p class="fr-badge fr-badge--error" id="courriels-en-echec">{format!("En échec : {}", v.failed)}</p></li>
                            </ul>
                            <DataTable
                                id="table-courriels"
                                caption="Messages, les non envoyés d'abord"
                                headers=&["Créé le", "Destinataire", "Objet", "Statut", "Tentatives", "Dernière erreur", "Action"]
                            >
                                {v.lines.into_iter().map(|l| {
                                    let status = l.status();
                                    let badge = match status {
                                        MailStatus::Envoye => "fr-badge fr-badge--success",
                                        MailStatus::EnAttente => "fr-badge fr-badge--info",
                                        MailStatus::Echec => "fr-badge fr-badge--error",
                                    };
                                    view! {
                                        <tr>
                                            <td>{date_time(l.created_at)}</td>
                                            <td>{l.recipient.clone()}</td>
                                            <td>{super::model::MailKind::from_code(&l.kind).map(|k| k.label())}</td>
                                            <td><p class=badge>{status.label()}</p></td>
                                            <td>{l.attempts}</td>
                                            <td>{l.last_error.clone().unwrap_or_default()}</td>
                                            <td>{(status != MailStatus::Envoye).then(|| view! { <RetryButton id=l.id /> })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </DataTable>
                        }.into_any())}
        </div>
    }
}

/// Sends a mail again now (its attempts start over); the page is read again.
#[component]
fn RetryButton(id: i64) -> impl IntoView {
    view! {
        <ActionButton path={path_of::<RetryMail>()} fields=fields(&[("id", id.to_string())]) label="Renvoyer".to_string() class="fr-btn fr-btn--sm fr-btn--tertiary".to_string() />
    }
}
