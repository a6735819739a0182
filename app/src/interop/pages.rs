//! Screens of the partners: `/partenaires` (the list, the registration form) and `/partenaires/<id>` (the
//! habilitation, the client secrets: generated, shown once, revoked).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::model::PartenaireView;
use super::server::{
    get_partenaire, list_partenaires, CreatePartenaire, GenerateSecret, RevokeSecret, SetHabilitation,
    SetPartenaireActif,
};
use crate::error::AppError;
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::{Breadcrumb, Summary};
use crate::ui::errors::loaded;
use crate::ui::form::FreeInput;
use crate::ui::format::date_time;
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::DataTable;
use crate::ui::post_form::PostForm;

/// `/partenaires`: the partner software of the reader's scope; the registration form for the
/// Administrateur national.
#[component]
pub fn PartenairesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_partenaires());
    view! {
        <Title text="Partenaires DUI" />
        <div class="fr-container fr-my-6w">
            <h1>"Partenaires DUI (logiciels interconnectés)"</h1>
            <p>"Les logiciels des partenaires appellent l'API du SI SIAO ("<a href="/api/v1/docs">"documentation de l'API"</a>") pour les ménages orientés ou pris en charge dans les dispositifs où ils sont habilités."</p>
            {loaded(data, move |lines| view! {
                {lines.is_empty().then(|| view! { <p id="aucun-partenaire">"Aucun partenaire."</p> })}
                {(!lines.is_empty()).then(|| view! {
                    <DataTable id="table-partenaires" caption="Partenaires DUI" headers=&["Logiciel", "Éditeur", "Entité", "Habilitation", "Secrets actifs", "État"]>
                        {lines.into_iter().map(|p| view! {
                            <tr>
                                <td><a href=format!("/partenaires/{}", p.id)>{p.nom.clone()}</a></td>
                                <td>{p.editeur.clone()}</td>
                                <td>{p.entite.clone()}</td>
                                <td>{p.habilitation.clone()}</td>
                                <td>{p.secrets_actifs}</td>
                                <td>{if p.actif { "Actif" } else { "Désactivé" }}</td>
                            </tr>
                        }).collect_view()}
                    </DataTable>
                })}
            })}
            {with_layout(|info| allowed(&info, Object::PartenaireDui, Action::Creer).then(|| view! {
                <h2 class="fr-mt-4w">"Enregistrer un partenaire"</h2>
                <PostForm path={path_of::<CreatePartenaire>()} id="form-partenaire".to_string() prefix="partenaire-".to_string() submit="Enregistrer".to_string()>
                    <FreeInput id="partenaire-champ-nom".to_string() name="form[nom]".to_string() field="nom".to_string() label="Nom du logiciel *" />
                    <FreeInput id="partenaire-champ-editeur".to_string() name="form[editeur]".to_string() field="editeur".to_string() label="Éditeur *" />
                    <FreeInput id="partenaire-champ-contact_nom".to_string() name="form[contact_nom]".to_string() field="contact_nom".to_string() label="Contact technique *" />
                    <FreeInput id="partenaire-champ-contact_courriel".to_string() name="form[contact_courriel]".to_string() field="contact_courriel".to_string() label="Courriel du contact *" kind="email" />
                    <FreeInput id="partenaire-champ-siren".to_string() name="form[siren]".to_string() field="siren".to_string() label="SIREN de l'entité utilisatrice *" hint="L'entité gestionnaire dont les équipes utilisent ce logiciel" />
                    <FreeInput id="partenaire-champ-limite_minute".to_string() name="form[limite_minute]".to_string() field="limite_minute".to_string() label="Appels permis par minute" hint="600 si vide" kind="number" />
                </PostForm>
            }))}
        </div>
    }
}

/// `/partenaires/<id>`.
#[component]
pub fn PartenairePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let data = Resource::new(id, |id| async move { get_partenaire(id.ok_or(AppError::NotFound)?).await });
    view! {
        <Title text="Partenaire DUI" />
        <div class="fr-container fr-my-6w">
            {loaded(data, |p| view! { <Partenaire p /> })}
        </div>
    }
}

#[component]
fn Partenaire(p: PartenaireView) -> impl IntoView {
    let id = p.line.id;
    let secret = p.nouveau_secret.clone().map(|s| {
        view! {
            <div class="fr-alert fr-alert--warning fr-mb-4w" id="nouveau-secret">
                <h2 class="fr-alert__title">"Nouveau secret : copiez-le maintenant"</h2>
                <p>"Il ne sera plus jamais affiché. Transmettez-le à l'éditeur par un canal sûr."</p>
                <p><code id="secret-valeur">{s}</code></p>
            </div>
        }
    });
    let habilitation = p.gestion.then(|| {
        let dispositifs = p.dispositifs.clone();
        view! {
            <h2 class="fr-mt-4w">"Habilitation"</h2>
            <PostForm path={path_of::<SetHabilitation>()} id="form-habilitation".to_string() submit="Enregistrer l'habilitation".to_string()>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=p.version />
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">"Dispositifs où le logiciel consulte et met à jour les ménages orientés ou pris en charge"</legend>
                    <div class="fr-fieldset__element"><div class="fr-checkbox-group">
                        <input type="checkbox" id="habilitation-toute" name="toute_entite" value="oui" checked=p.toute_entite />
                        <label class="fr-label" for="habilitation-toute">"Toute l'entité (ses dispositifs présents et futurs)"</label>
                    </div></div>
                    {dispositifs.into_iter().enumerate().map(|(i, (did, nom, on))| {
                        let box_id = format!("habilitation-{i}");
                        view! {
                            <div class="fr-fieldset__element"><div class="fr-checkbox-group">
                                <input type="checkbox" id=box_id.clone() name=format!("dispositifs[{i}]") value=did.to_string() checked=on />
                                <label class="fr-label" for=box_id>{nom}</label>
                            </div></div>
                        }
                    }).collect_view()}
                </fieldset>
            </PostForm>
        }
    });
    let secrets = p.secrets.clone();
    let gestion = p.gestion;
    view! {
        <Breadcrumb levels=vec![("Partenaires DUI".into(), "/partenaires".into())] current=p.line.nom.clone() />
        <h1>{p.line.nom.clone()}</h1>
        {secret}
        <Summary rows=vec![
            ("Éditeur", p.line.editeur.clone()),
            ("Contact", format!("{} — {}", p.contact_nom, p.contact_courriel)),
            ("Entité utilisatrice", p.line.entite.clone()),
            ("Identifiant client (client_id)", p.line.client_id.clone()),
            ("Habilitation", p.line.habilitation.clone()),
            ("Appels permis par minute", p.limite_minute.to_string()),
            ("État", if p.line.actif { "Actif".into() } else { "Désactivé".into() }),
        ] />
        {habilitation}
        <h2 class="fr-mt-4w">"Secrets"</h2>
        {secrets.is_empty().then(|| view! { <p id="aucun-secret">"Aucun secret : le logiciel ne peut pas obtenir de jeton."</p> })}
        {(!secrets.is_empty()).then(|| view! {
            <DataTable id="table-secrets" class="fr-table--no-caption" caption="Secrets du partenaire" headers=&["Secret", "Créé le", "État", "Action"]>
                {secrets.into_iter().map(|s| view! {
                    <tr>
                        <td>{format!("…{}", s.suffixe)}</td>
                        <td>{date_time(s.created_at)}</td>
                        <td>{match s.revoked_at { Some(at) => format!("Révoqué le {}", date_time(at)), None => "Actif".into() }}</td>
                        <td>{(gestion && s.revoked_at.is_none()).then(|| view! {
                            <ActionButton path={path_of::<RevokeSecret>()} fields=fields(&[("id", id.to_string()), ("secret_id", s.id.to_string())]) label=format!("Révoquer …{}", s.suffixe) />
                        })}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
        })}
        {gestion.then(|| view! {
            <div class="fr-btns-group fr-btns-group--inline fr-mt-2w">
                <ActionButton path={path_of::<GenerateSecret>()} fields=fields(&[("id", id.to_string())]) label="Générer un secret".to_string() class="fr-btn".to_string() />
                <ActionButton path={path_of::<SetPartenaireActif>()} fields=fields(&[("id", id.to_string()), ("version", p.version.to_string()), ("actif", if p.line.actif { "non" } else { "oui" }.to_string())]) label=if p.line.actif { "Désactiver le partenaire" } else { "Réactiver le partenaire" }.to_string() />
            </div>
        })}
    }
}
