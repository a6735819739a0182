//! Screens of the groupes de places: the groupes of a dispositif (a tab of its page), creation, and the
//! groupe's page with its places (immobilise, free), its description and its history.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::model::{Canal, GroupeDetail, GroupeForm, GroupeListItem, GroupeOptions, PlaceItem, PlaceStatut};
use super::server::{
    get_groupe, groupe_form_options, ActivateGroupe, CreateGroupe, DeactivateGroupe, DesimmobiliserPlace,
    ImmobiliserPlace, UpdateGroupe,
};
use crate::error::AppError;
use crate::fields::checked;
use crate::history::pages::HistoryTable;
use crate::offre::dispositifs::server::get_dispositif;
use crate::rights::model::{Action, Object, Profile};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::{Breadcrumb, Summary, Tabs};
use crate::ui::errors::loaded;
use crate::ui::form::{action_error, reload_on_success, ErrorAlert, Field, SelectField, SuccessAlert};
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::DataTable;

/// The DSFR badge of a place's status.
pub fn place_badge(statut: PlaceStatut) -> impl IntoView {
    let class = match statut {
        PlaceStatut::Libre => "fr-badge fr-badge--success fr-badge--sm",
        PlaceStatut::Occupee => "fr-badge fr-badge--info fr-badge--sm",
        PlaceStatut::Immobilisee => "fr-badge fr-badge--warning fr-badge--sm",
    };
    view! { <p class=class>{statut.label()}</p> }
}

fn canal_label(code: &str) -> &'static str {
    Canal::from_code(code).map(|c| c.label()).unwrap_or("—")
}

/// The groupes of a dispositif (in its page), with the link to create one when the user may.
#[component]
pub fn GroupesOfDispositif(dispositif_id: Uuid, groupes: Vec<GroupeListItem>, takes_places: bool) -> impl IntoView {
    let empty = groupes.is_empty();
    view! {
        {if !takes_places {
            view! { <p>"Un dispositif de premier accueil n'a pas de places : le SIAO n'y oriente pas."</p> }.into_any()
        } else if empty {
            view! { <p>"Aucun groupe de places."</p> }.into_any()
        } else {
            view! {
                <DataTable id="table-groupes" caption="Groupes de places" headers=&["Groupe", "Canal", "Places", "Libres", "Occupées", "Immobilisées", "État"]>
                    {groupes.into_iter().map(|g| view! {
                        <tr>
                            <td><a href=format!("/offre/groupes/{}", g.id)>{g.nom}</a>{g.ephemere.then_some(" (éphémère)")}</td>
                            <td>{canal_label(&g.canal)}</td>
                            <td>{g.compte.total()}</td>
                            <td>{g.compte.libres}</td>
                            <td>{g.compte.occupees}</td>
                            <td>{g.compte.immobilisees}</td>
                            <td>{if g.actif { "Actif" } else { "Inactif" }}</td>
                        </tr>
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
        {with_layout(move |info| (takes_places && allowed(&info, Object::GroupePlaces, Action::Creer)).then(|| view! {
            <a class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" href=format!("/offre/groupes/nouveau?dispositif={dispositif_id}")>"Créer un groupe de places"</a>
        }))}
    }
}

#[component]
pub fn NewGroupePage() -> impl IntoView {
    let dispositif = use_query_map().read_untracked().get("dispositif").and_then(|s| Uuid::parse_str(&s).ok());
    let data = Resource::new(
        move || dispositif,
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let (detail, _) = get_dispositif(id).await?;
            Ok::<_, AppError>((detail, groupe_form_options().await?))
        },
    );
    view! {
        <Title text="Créer un groupe de places" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(dispositif, options)| {
                let initial = GroupeForm { dispositif_id: dispositif.id.to_string(), nombre_places: "1".into(), ..Default::default() };
                view! {
                    <Breadcrumb levels=vec![("Dispositifs".into(), "/offre/dispositifs".into()), (dispositif.form.nom.clone(), format!("/offre/dispositifs/{}", dispositif.id))] current="Nouveau groupe de places" />
                    <h1>"Créer un groupe de places"</h1>
                    <p>{format!("Dans le dispositif « {} ». Les places d'un groupe sont homogènes : même public, même lieu, mêmes équipements.", dispositif.form.nom)}</p>
                    <CreateGroupeForm options initial />
                }
            })}
        </div>
    }
}

/// The fields of a groupe: the dates show for an éphémère groupe only.
#[component]
fn GroupeFields(options: GroupeOptions, initial: GroupeForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let ephemere = RwSignal::new(checked(&initial.ephemere));
    let message = move |field: &'static str| move || error.get().and_then(|e| e.field_message(field));
    let canaux: Vec<(String, String)> =
        Canal::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect();
    view! {
        <input type="hidden" name="form[dispositif_id]" value=initial.dispositif_id.clone() />
        <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">"Description"</legend>
            <div class="fr-fieldset__element"><Field label="Nom du groupe *" hint="Ex. Chambres familles, Plan hiver" name="form[nom]" value=initial.nom.clone() error /></div>
            <div class="fr-fieldset__element"><SelectField label="Canal d'orientation *" name="form[canal]" options=canaux selected=Some(initial.canal.clone()) error /></div>
            <div class="fr-fieldset__element"><Field label="Nombre de places *" hint="Pour en retirer, seules les places libres peuvent l'être." name="form[nombre_places]" kind="number" value=initial.nombre_places.clone() error /></div>
            <div class="fr-fieldset__element">
                <div class="fr-checkbox-group">
                    <input type="checkbox" id="champ-accessible_pmr" name="form[accessible_pmr]" value="oui" checked=checked(&initial.accessible_pmr) />
                    <label class="fr-label" for="champ-accessible_pmr">"Accessible aux personnes à mobilité réduite"</label>
                </div>
            </div>
            <div class="fr-fieldset__element fr-input-group">
                <label class="fr-label" for="champ-equipements">"Équipements" <span class="fr-hint-text">"Ex. cuisine partagée, sanitaires privatifs, animaux acceptés"</span></label>
                <textarea class="fr-input" id="champ-equipements" name="form[equipements]" rows="2">{initial.equipements.clone()}</textarea>
                <p class="fr-error-text" hidden=move || message("equipements")().is_none()>{message("equipements")}</p>
            </div>
        </fieldset>
        <fieldset class="fr-fieldset" id="champ-publics">
            <legend class="fr-fieldset__legend">"Public accueilli"</legend>
            {options.publics.iter().enumerate().map(|(i, (code, label))| {
                let id = format!("champ-public-{i}");
                view! {
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                        <div class="fr-checkbox-group">
                            <input type="checkbox" id=id.clone() name=format!("form[publics][{i}]") value=code.clone() checked=initial.publics.contains(code) />
                            <label class="fr-label" for=id>{label.clone()}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
            <p class="fr-error-text" hidden=move || message("publics")().is_none()>{message("publics")}</p>
        </fieldset>
        <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">"Période"</legend>
            <div class="fr-fieldset__element">
                <div class="fr-checkbox-group">
                    <input type="checkbox" id="champ-ephemere" name="form[ephemere]" value="oui" checked=checked(&initial.ephemere)
                        on:change=move |ev| ephemere.set(event_target_checked(&ev)) />
                    <label class="fr-label" for="champ-ephemere">"Groupe éphémère (plan hiver, période de crise)"</label>
                </div>
            </div>
            <div class="fr-fieldset__element" hidden=move || !ephemere.get()><Field label="Début" kind="date" name="form[date_debut]" required=false value=initial.date_debut.clone() error /></div>
            <div class="fr-fieldset__element" hidden=move || !ephemere.get()><Field label="Fin" kind="date" name="form[date_fin]" required=false value=initial.date_fin.clone() error /></div>
        </fieldset>
        <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">"Lieu"</legend>
            <div class="fr-fieldset__element"><Field label="Adresse" name="form[adresse]" required=false value=initial.adresse.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Code postal" name="form[code_postal]" required=false value=initial.code_postal.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Commune" name="form[commune]" required=false value=initial.commune.clone() error /></div>
        </fieldset>
    }
}

#[island]
fn CreateGroupeForm(options: GroupeOptions, initial: GroupeForm) -> impl IntoView {
    let create = ServerAction::<CreateGroupe>::new();
    let error = action_error(create);
    view! {
        <ErrorAlert error />
        <ActionForm action=create attr:id="form-groupe">
            <GroupeFields options initial error />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || create.pending().get()>"Créer le groupe de places"</button>
        </ActionForm>
    }
}

#[island]
fn EditGroupeForm(detail: GroupeDetail, options: GroupeOptions) -> impl IntoView {
    let update = ServerAction::<UpdateGroupe>::new();
    let error = action_error(update);
    reload_on_success(update);
    view! {
        <ErrorAlert error />
        <ActionForm action=update attr:id="form-groupe">
            <input type="hidden" name="id" value=detail.id.to_string() />
            <input type="hidden" name="version" value=detail.version />
            <GroupeFields options initial=detail.form error />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || update.pending().get()>"Enregistrer"</button>
        </ActionForm>
    }
}

/// Activation or deactivation of the groupe.
#[component]
fn GroupeActivation(id: Uuid, version: i32, actif: bool) -> impl IntoView {
    let fields = fields(&[("id", id.to_string()), ("version", version.to_string())]);
    let (path, label) = match actif {
        true => (path_of::<DeactivateGroupe>(), "Désactiver le groupe"),
        false => (path_of::<ActivateGroupe>(), "Réactiver le groupe"),
    };
    view! { <ActionButton path fields label=label.to_string() /> }
}

/// The places of a groupe; a user who manages them immobilises a free place (motif, dates) or frees
/// an immobilised one.
#[island]
fn PlacesPanel(places: Vec<PlaceItem>, motifs: Vec<(String, String)>, can_edit: bool, today: String) -> impl IntoView {
    let immobiliser = ServerAction::<ImmobiliserPlace>::new();
    let liberer = ServerAction::<DesimmobiliserPlace>::new();
    reload_on_success(immobiliser);
    reload_on_success(liberer);
    let error = action_error(immobiliser);
    let liberer_error = action_error(liberer);
    let chosen = RwSignal::new(None::<(Uuid, i32, i32)>);
    let caption = format!("{} place(s)", places.len());
    view! {
        <ErrorAlert error=liberer_error />
        <DataTable id="table-places" caption headers=&["Place", "Statut", "Motif d'immobilisation", "Depuis le", "Jusqu'au", "Action"]>
            {places.into_iter().map(|p| {
                let (id, version, numero) = (p.id, p.version, p.numero);
                view! {
                    <tr>
                        <td>{format!("Place {numero}")}</td>
                        <td>{place_badge(p.statut)}</td>
                        <td>{p.motif_label.clone()}</td>
                        <td>{p.du.clone()}</td>
                        <td>{p.au.clone()}</td>
                        <td>{match p.statut {
                            PlaceStatut::Libre if can_edit => view! {
                                <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" on:click=move |_| chosen.set(Some((id, version, numero)))>
                                    "Immobiliser"<span class="fr-sr-only">{format!(" la place {numero}")}</span>
                                </button>
                            }.into_any(),
                            PlaceStatut::Immobilisee if can_edit => view! {
                                <ActionForm action=liberer>
                                    <input type="hidden" name="id" value=id.to_string() />
                                    <input type="hidden" name="version" value=version />
                                    <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">"Libérer"<span class="fr-sr-only">{format!(" la place {numero}")}</span></button>
                                </ActionForm>
                            }.into_any(),
                            _ => ().into_any(),
                        }}</td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
        {move || chosen.get().map(|(id, version, numero)| {
            let motifs = motifs.clone();
            let today = today.clone();
            view! {
                <div class="fr-callout fr-mt-3w" id="immobilisation">
                    <h3 class="fr-callout__title">{format!("Immobiliser la place {numero}")}</h3>
                    <ErrorAlert error />
                    <ActionForm action=immobiliser attr:id="form-immobilisation">
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="version" value=version />
                        <SelectField label="Motif *" name="form[motif]" options=motifs selected=None error />
                        <Field label="Immobilisée à partir du *" kind="date" name="form[du]" value=today error />
                        <Field label="Jusqu'au (si connu)" kind="date" name="form[au]" required=false error />
                        <ul class="fr-btns-group fr-btns-group--inline">
                            <li><button class="fr-btn" type="submit" disabled=move || immobiliser.pending().get()>"Immobiliser la place"</button></li>
                            <li><button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| chosen.set(None)>"Annuler"</button></li>
                        </ul>
                    </ActionForm>
                </div>
            }
        })}
    }
}

#[component]
pub fn GroupePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let created = use_query_map().read_untracked().get("cree").is_some();
    let data = Resource::new(id, |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let (detail, lines) = get_groupe(id).await?;
        Ok::<_, AppError>((detail, lines, groupe_form_options().await?))
    });
    view! {
        <Title text="Groupe de places" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(detail, lines, options)| {
                let compte = detail.compte();
                let periode = detail.ephemere().then(|| format!("Éphémère, du {} au {}", day(&detail.form.date_debut), day(&detail.form.date_fin)));
                view! {
                    <Breadcrumb levels=vec![
                        ("Dispositifs".into(), "/offre/dispositifs".into()),
                        (detail.dispositif_nom.clone(), format!("/offre/dispositifs/{}", detail.form.dispositif_id)),
                    ] current=detail.form.nom.clone() />
                    <h1>{detail.form.nom.clone()}</h1>
                    <ul class="fr-badges-group fr-mb-3w">
                        <li><p class="fr-badge fr-badge--sm">{canal_label(&detail.form.canal)}</p></li>
                        <li>{if detail.actif { view! { <p class="fr-badge fr-badge--success fr-badge--sm">"Actif"</p> } } else { view! { <p class="fr-badge fr-badge--error fr-badge--sm">"Inactif"</p> } }}</li>
                        {periode.map(|p| view! { <li><p class="fr-badge fr-badge--new fr-badge--sm">{p}</p></li> })}
                    </ul>
                    {created.then(|| view! { <SuccessAlert message=Signal::derive(|| Some("Le groupe de places est créé.".to_string())) /> })}
                    <p id="compte-places">{format!("{} place(s) : {} libre(s), {} occupée(s), {} immobilisée(s).", compte.total(), compte.libres, compte.occupees, compte.immobilisees)}</p>
                    <GroupeTabs detail lines options />
                }
            })}
        </div>
    }
}

fn day(iso: &str) -> String {
    crate::fields::date(iso).map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

#[component]
fn GroupeTabs(detail: GroupeDetail, lines: Vec<crate::history::HistoryLine>, options: GroupeOptions) -> impl IntoView {
    with_layout(move |info| {
        let profile = info.user.as_ref().map(|u| u.profile);
        let manages_places = allowed(&info, Object::GroupePlaces, Action::Modifier);
        let edits = manages_places && profile != Some(Profile::ResponsableDispositif);
        let deactivates = allowed(&info, Object::GroupePlaces, Action::Supprimer);
        let (detail, options, lines) = (detail.clone(), options.clone(), lines.clone());
        let f = &detail.form;
        let summary = vec![
            ("Dispositif", detail.dispositif_nom.clone()),
            ("Entité", detail.entite_nom.clone()),
            ("Canal d'orientation", canal_label(&f.canal).to_string()),
            ("Public accueilli", detail.publics_labels.join(", ")),
            ("Accessible PMR", if checked(&f.accessible_pmr) { "Oui".into() } else { "Non".into() }),
            ("Équipements", f.equipements.clone()),
            ("Adresse", format!("{} {} {}", f.adresse, f.code_postal, f.commune)),
        ];
        let activation = (if detail.actif { deactivates } else { edits })
            .then(|| view! { <GroupeActivation id=detail.id version=detail.version actif=detail.actif /> });
        let informations = view! {
            <Summary rows=summary />
            {activation}
            {edits.then(|| view! { <h2 class="fr-h4 fr-mt-4w">"Modifier le groupe"</h2><EditGroupeForm detail=detail.clone() options=options.clone() /> })}
        }
        .into_any();
        let places = view! { <PlacesPanel places=detail.places.clone() motifs=options.motifs.clone() can_edit=manages_places today=chrono::Utc::now().date_naive().to_string() /> }.into_any();
        let history = view! { <HistoryTable lines /> }.into_any();
        view! {
            <Tabs label="Fiche du groupe de places" panels=vec![
                ("places", "Places", places),
                ("informations", "Informations", informations),
                ("historique", "Historique", history),
            ] />
        }
    })
}
