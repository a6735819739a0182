//! Screens of the demandes: the Demandes tab of the fiche, a demande (`/demandes/<id>`) or a 115 call
//! (`/115/<id>`) with its history and the steps the reader may take now, the SIAO's lists (`/demandes`,
//! `/liste-attente`), the dispositifs' (`/orientations`), the 115's desk (`/115`) and tonight's board
//! (`/places`), the notifications. Every form is a `PostForm`; what a reader may not do is not shown (the
//! server refuses it anyway).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use serde::{Deserialize, Serialize};

use super::model::{
    AttenteLine, CommissionLine, Compatible, Decision, DemandeLine, DemandeOptions, DemandeView, Event, Nature,
    OrientationStatut, OrientationView, PlacesLibres, Statut,
};
use super::server::{
    admission_targets, compatible_groupes, demande_form_options, get_appel, get_commission, get_demande,
    get_liste_attente, list_appels_en_attente, list_commissions, list_demandes, list_notifications, list_orientations,
    move_targets, places_board, AdmitDirectly, CancelDemande, CancelOrientation, CloseAppel, CreateAppel,
    CreateCommission, CreateDemande, DecideCommission, DecideOrientation, HoldAppel, InscrireDemande,
    MarkNotificationsRead, MoveOrientation, OrientDemande, PresentCommission, ReactivateDemande, RecordArrival,
    RecordDeparture, ReturnDemande, TransmitDemande, UpdateDemande,
};
use crate::error::AppError;
use crate::menage::model::SearchForm;
use crate::menage::server::search_menages;
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::{Breadcrumb, Summary};
use crate::ui::errors::loaded;
use crate::ui::form::{FreeInput, FreeSelect, FreeTextArea};
use crate::ui::format::date_time;
use crate::ui::layout::{allowed, with_layout, LayoutResource};
use crate::ui::list::{DataTable, Pagination};
use crate::ui::post_form::PostForm;

fn day(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%d/%m/%Y").to_string()
}

fn badge(statut: Statut) -> impl IntoView {
    view! { <p class=format!("fr-badge fr-badge--sm {}", statut.badge())>{statut.label()}</p> }
}

fn link_of(nature: Nature, id: Uuid) -> String {
    match nature {
        Nature::Insertion => format!("/demandes/{id}"),
        Nature::Urgence115 => format!("/115/{id}"),
    }
}

/// Checkboxes of the persons a demande is for (all ticked for a new one).
#[component]
fn PersonnesField(prefix: String, personnes: Vec<(Uuid, String)>, chosen: Vec<Uuid>) -> impl IntoView {
    let (legend, labelled) = (format!("{prefix}personnes-legend"), format!("{prefix}personnes-legend"));
    let all = chosen.is_empty();
    view! {
        <fieldset class="fr-fieldset" id=format!("{prefix}champ-personnes") aria-labelledby=labelled>
            <legend class="fr-fieldset__legend fr-text--regular" id=legend>"Personnes concernées *"</legend>
            {personnes.into_iter().enumerate().map(|(i, (id, name))| {
                let box_id = format!("{prefix}personne-{i}");
                view! {
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                        <div class="fr-checkbox-group">
                            <input type="checkbox" id=box_id.clone() name=format!("form[personnes][{i}]") value=id.to_string() checked=all || chosen.contains(&id) />
                            <label class="fr-label" for=box_id>{name}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
            <div class="fr-messages-group" data-field="personnes" aria-live="polite"></div>
        </fieldset>
    }
}

/// The fields of a demande d'insertion (new, or its content while the prescripteur may edit it).
#[component]
fn DemandeFields(
    prefix: String,
    personnes: Vec<(Uuid, String)>,
    options: DemandeOptions,
    demande: Option<DemandeView>,
) -> impl IntoView {
    let p = prefix.clone();
    let id = move |k: &str| format!("{p}champ-{k}");
    let chosen: Vec<Uuid> = demande.as_ref().map(|d| d.personnes.iter().map(|p| p.0).collect()).unwrap_or_default();
    let code = |v: Option<&(String, String)>| v.map(|v| v.0.clone()).unwrap_or_default();
    let situation = code(demande.as_ref().and_then(|d| d.situation_demande.as_ref()));
    let motif = code(demande.as_ref().and_then(|d| d.motif_demande.as_ref()));
    let precos: Vec<String> =
        demande.as_ref().map(|d| d.preconisations.iter().map(|p| p.0.clone()).collect()).unwrap_or_default();
    let (legend, labelled) = (format!("{prefix}preconisations-legend"), format!("{prefix}preconisations-legend"));
    view! {
        <PersonnesField prefix=prefix.clone() personnes chosen />
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
                <FreeSelect id=id("situation_demande") name="form[situation_demande]".to_string() field="situation_demande".to_string() label="Situation au regard du logement *" options=options.situations.clone() selected=situation />
            </div>
            <div class="fr-col-12 fr-col-md-6">
                <FreeSelect id=id("motif_demande") name="form[motif_demande]".to_string() field="motif_demande".to_string() label="Motif de la demande *" options=options.motifs.clone() selected=motif />
            </div>
        </div>
        <fieldset class="fr-fieldset" id=id("preconisations") aria-labelledby=labelled>
            <legend class="fr-fieldset__legend fr-text--regular" id=legend>"Préconisations (type de structure souhaité) *"</legend>
            {options.preconisations.into_iter().enumerate().map(|(i, (c, l))| {
                let box_id = format!("{prefix}preco-{i}");
                let checked = precos.contains(&c);
                view! {
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                        <div class="fr-checkbox-group">
                            <input type="checkbox" id=box_id.clone() name=format!("form[preconisations][{i}]") value=c checked=checked />
                            <label class="fr-label" for=box_id>{l}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
            <div class="fr-messages-group" data-field="preconisations" aria-live="polite"></div>
        </fieldset>
        <FreeTextArea id=id("observations") name="form[observations]".to_string() field="observations".to_string() label="Observations" hint="Ce que le SIAO doit savoir pour orienter (sans information médicale)" rows=4 value=demande.and_then(|d| d.observations).unwrap_or_default() />
    }
}

/// The Demandes tab of the fiche: the demandes d'insertion and the 115 calls the reader may see, and the
/// forms to write one.
#[component]
pub fn DemandesTab(
    menage_id: Uuid,
    personnes: Vec<(Uuid, String)>,
    demandes: Option<Vec<DemandeView>>,
    appels: Option<Vec<DemandeView>>,
) -> impl IntoView {
    let options = Resource::new(|| (), |_| demande_form_options());
    let all: Vec<DemandeView> = demandes.into_iter().flatten().chain(appels.into_iter().flatten()).collect();
    let empty = all.is_empty();
    view! {
        <h2>"Demandes"</h2>
        {empty.then(|| view! { <p id="aucune-demande">"Aucune demande pour ce ménage."</p> })}
        {(!empty).then(|| view! {
            <DataTable id="table-demandes" caption="Demandes du ménage" headers=&["Demande", "Nature", "État", "Personnes", "Écrite le", "Orientation"]>
                {all.into_iter().map(|d| view! {
                    <tr>
                        <td><a href=link_of(d.nature, d.id)>{format!("DEMANDE {}", d.numero)}</a></td>
                        <td>{d.nature.label()}</td>
                        <td>{badge(d.statut)}</td>
                        <td>{d.nb_personnes}</td>
                        <td>{day(d.created_at)}</td>
                        <td>{d.orientation().map(|o| format!("{} — {} ({})", o.dispositif, o.groupe, o.statut.label()))}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
        })}
        {with_layout(move |info| {
            let write = allowed(&info, Object::DemandeInsertion, Action::Creer) && !is_siao(&info);
            let call = allowed(&info, Object::DemandeUrgence115, Action::Creer);
            let admit = allowed(&info, Object::DemandeInsertion, Action::Creer)
                && info.user.as_ref().is_some_and(|u| u.profile == crate::rights::model::Profile::ResponsableDispositif);
            let personnes = personnes.clone();
            let admitted = personnes.clone();
            view! {
                {admit.then(|| view! { <AdmissionDirecte menage_id personnes=admitted.clone() /> })}
                {allowed(&info, Object::Prestation, Action::Consulter).then(|| view! {
                    <crate::prestation::pages::PrestationsSection menage_id />
                })}
                {call.then(|| view! {
                    <p><a class="fr-btn fr-btn--secondary" href=format!("/115?menage={menage_id}")>"Enregistrer un appel au 115"</a></p>
                })}
                {write.then(|| view! {
                    <details class="fr-mb-4w" id="nouvelle-demande">
                        <summary class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left">"Écrire une demande d'insertion"</summary>
                        <Suspense fallback=|| ()>
                            {move || {
                                let personnes = personnes.clone();
                                options.get().map(|o| o.map(move |options| view! {
                                    <PostForm path={path_of::<CreateDemande>()} id="form-demande".to_string() prefix="demande-".to_string() submit="Enregistrer le brouillon".to_string()>
                                        <input type="hidden" name="menage_id" value=menage_id.to_string() />
                                        <DemandeFields prefix="demande-".to_string() personnes options demande=None />
                                    </PostForm>
                                }))
                            }}
                        </Suspense>
                    </details>
                })}
            }
        })}
    }
}

/// The structure takes the ménage in directly (outside the SIAO): persons, groupe, arrival date.
#[component]
fn AdmissionDirecte(menage_id: Uuid, personnes: Vec<(Uuid, String)>) -> impl IntoView {
    let groupes = Resource::new(|| (), |_| admission_targets());
    view! {
        <details class="fr-mb-4w" id="admission-directe">
            <summary class="fr-btn fr-btn--tertiary fr-icon-home-4-line fr-btn--icon-left">"Admission directe dans ma structure"</summary>
            <p class="fr-hint-text">"Le ménage est accueilli sans orientation du SIAO : l'admission est enregistrée et comptée, les places sont occupées dès l'arrivée."</p>
            {loaded(groupes, move |groupes| {
                let personnes = personnes.clone();
                let choices: Vec<(String, String)> = groupes.iter()
                    .map(|g| (g.groupe_id.to_string(), format!("{} — {} ({} libre(s))", g.dispositif, g.groupe, g.libres)))
                    .collect();
                view! {
                    <PostForm path={path_of::<AdmitDirectly>()} id="form-admission".to_string() prefix="admission-".to_string() submit="Enregistrer l'admission".to_string()>
                        <input type="hidden" name="menage_id" value=menage_id.to_string() />
                        <PersonnesField prefix="admission-".to_string() personnes chosen=vec![] />
                        <FreeSelect id="admission-champ-groupe_id".to_string() name="form[groupe_id]".to_string() field="groupe_id".to_string() label="Groupe de places *" options=choices />
                        <FreeInput id="admission-champ-arrivee_le".to_string() name="form[arrivee_le]".to_string() field="arrivee_le".to_string() label="Date d'arrivée" hint="Aujourd'hui si vide" kind="date" />
                        <FreeTextArea id="admission-champ-observations".to_string() name="form[observations]".to_string() field="observations".to_string() label="Observations" rows=2 />
                    </PostForm>
                }
            })}
        </details>
    }
}

fn is_siao(info: &crate::settings::LayoutInfo) -> bool {
    info.user.as_ref().is_some_and(|u| u.profile.scope_kind() == crate::rights::model::ScopeKind::Siao)
}

/// `/demandes/<id>`.
#[component]
pub fn DemandePage() -> impl IntoView {
    demande_page(false)
}

/// `/115/<id>`.
#[component]
pub fn AppelPage() -> impl IntoView {
    demande_page(true)
}

fn demande_page(appel: bool) -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let layout = expect_context::<LayoutResource>();
    let data = Resource::new(id, move |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let d = if appel { get_appel(id).await? } else { get_demande(id).await? };
        let info = layout.await?;
        let orientable = d.allows(Event::Orienter) && allowed(&info, Object::Orientation, Action::Creer);
        let mut extras = Extras::default();
        if orientable {
            extras.compatibles = Some(compatible_groupes(id).await?);
        }
        if d.allows(Event::PresenterCommission) && allowed(&info, Object::ListeAttente, Action::Valider) {
            extras.sessions = list_commissions(true).await?;
        }
        let movable = d.orientation().filter(|o| o.statut == OrientationStatut::Admise);
        if let Some(o) = movable.filter(|_| !is_siao(&info) && allowed(&info, Object::Orientation, Action::Modifier)) {
            extras.moves = Some(move_targets(o.id).await?);
        }
        Ok::<_, AppError>((d, extras, demande_form_options().await?))
    });
    view! {
        <Title text=if appel { "Appel 115" } else { "Demande d'insertion" } />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(d, extras, options)| view! { <DemandeDetail d extras options /> })}
        </div>
    }
}

/// What a demande's page offers beside the demande: the compatible groupes (to orient), the coming
/// commission sessions (to present it), the other groupes of the structure (to move the ménage).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Extras {
    compatibles: Option<Vec<Compatible>>,
    sessions: Vec<CommissionLine>,
    moves: Option<Vec<PlacesLibres>>,
}

#[component]
fn DemandeDetail(d: DemandeView, extras: Extras, options: DemandeOptions) -> impl IntoView {
    let title = format!("DEMANDE {}", d.numero);
    let (parent, parent_link) = match d.nature {
        Nature::Insertion => ("Demandes", "/demandes"),
        Nature::Urgence115 => ("115", "/115"),
    };
    let mut rows: Vec<(&'static str, String)> = vec![
        ("Nature", d.nature.label().to_string()),
        ("Ménage", format!("MÉNAGE {}", d.menage_numero)),
        ("Personnes", d.personnes.iter().map(|p| p.1.clone()).collect::<Vec<_>>().join(", ")),
        ("Composition", format!("{} ({} personne(s))", d.composition, d.nb_personnes)),
        ("Écrite par", format!("{} le {}", d.auteur, date_time(d.created_at))),
    ];
    if let Some(p) = &d.prescripteur {
        rows.push(("Prescripteur", p.clone()));
    }
    if d.admission_directe {
        rows.push(("Origine", "Admission directe par la structure (hors SIAO)".into()));
    }
    if let Some(a) = d.appel_at {
        rows.push(("Appel reçu", date_time(a)));
    }
    let label =
        |v: &Option<(String, String)>| v.as_ref().map(|v| v.1.clone()).unwrap_or_else(|| "Non renseigné".into());
    match d.nature {
        Nature::Insertion => {
            rows.push(("Situation au regard du logement", label(&d.situation_demande)));
            rows.push(("Motif", label(&d.motif_demande)));
            rows.push(("Préconisations", d.preconisations.iter().map(|p| p.1.clone()).collect::<Vec<_>>().join(", ")));
            if let Some(t) = d.transmise_initiale_at {
                rows.push(("Transmise au SIAO le", date_time(t)));
            }
            if d.priorite {
                rows.push(("Priorité", "Prioritaire".into()));
            }
        }
        Nature::Urgence115 => {
            rows.push(("Motif d'appel", label(&d.motif_appel)));
            rows.push(("Vulnérabilités, précarité", d.vulnerabilites.clone().unwrap_or_else(|| "—".into())));
        }
    }
    if let Some(o) = &d.observations {
        rows.push(("Observations", o.clone()));
    }
    if let Some(m) = &d.motif_fin {
        rows.push(("Motif de fin", m.clone()));
    }
    let menage_link = format!("/menages/{}?onglet=demandes", d.menage_id);
    let history = d.historique.clone();
    let orientations = d.orientations.clone();
    view! {
        <Breadcrumb levels=vec![(parent.into(), parent_link.into())] current=title.clone() />
        <h1>{title}" "{badge(d.statut)}</h1>
        <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=menage_link>"Fiche du ménage"</a></p>
        <Summary rows />
        <Actions d=d.clone() extras options />
        {(!orientations.is_empty()).then(|| view! {
            <h2 class="fr-mt-4w">"Orientations"</h2>
            <DataTable id="table-orientations" caption="Orientations de la demande" headers=&["Dispositif", "Groupe de places", "État", "Places", "Proposée le", "Arrivée", "Sortie", "Motif, commentaire"]>
                {orientations.into_iter().map(|o| view! {
                    <tr>
                        <td>{o.dispositif.clone()}</td>
                        <td>{o.groupe.clone()}</td>
                        <td>{o.statut.label()}</td>
                        <td>{o.nb_places}</td>
                        <td>{day(o.created_at)}</td>
                        <td>{o.arrivee_le.map(|d| d.format("%d/%m/%Y").to_string())}</td>
                        <td>{o.sortie_le.map(|d| d.format("%d/%m/%Y").to_string())}{o.situation_sortie.clone().map(|s| format!(" — {s}"))}</td>
                        <td>{o.motif_refus.clone()}{o.commentaire.clone().map(|c| format!(" {c}"))}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
        })}
        <h2 class="fr-mt-4w">"Historique"</h2>
        <DataTable id="table-historique" caption="Historique de la demande" headers=&["Date", "Par", "Action", "État", "Motif", "Commentaire"]>
            {history.into_iter().map(|e| view! {
                <tr>
                    <td>{date_time(e.at)}</td>
                    <td>{e.par}</td>
                    <td>{e.evenement}</td>
                    <td>{e.vers.label()}</td>
                    <td>{e.motif}</td>
                    <td>{e.commentaire}</td>
                </tr>
            }).collect_view()}
        </DataTable>
    }
}

/// The steps the reader may take now, each its form.
#[component]
fn Actions(d: DemandeView, extras: Extras, options: DemandeOptions) -> impl IntoView {
    with_layout(move |info| {
        let (d, options, extras) = (d.clone(), options.clone(), extras.clone());
        let compatibles = extras.compatibles.clone();
        let siao = is_siao(&info);
        let can = |o, a| allowed(&info, o, a);
        let (id, v) = (d.id, d.version);
        let idv = fields(&[("id", id.to_string()), ("version", v.to_string())]);
        let insertion = d.nature == Nature::Insertion;
        let edit = insertion && !siao && d.allows(Event::Modifier) && can(Object::DemandeInsertion, Action::Modifier);
        let transmit =
            insertion && !siao && d.allows(Event::Transmettre) && can(Object::DemandeInsertion, Action::Valider);
        let inscrire = insertion && d.allows(Event::Inscrire) && can(Object::ListeAttente, Action::Creer);
        let renvoyer = insertion
            && siao
            && can(Object::DemandeInsertion, Action::Modifier)
            && (d.allows(Event::RenvoyerACompleter) || d.allows(Event::DemanderMiseAJour));
        let vers = if d.allows(Event::RenvoyerACompleter) { "a_completer" } else { "a_mettre_a_jour" };
        let commission =
            insertion && d.allows(Event::PresenterCommission) && can(Object::ListeAttente, Action::Valider);
        let reactivate =
            insertion && siao && d.allows(Event::Reactiver) && can(Object::DemandeInsertion, Action::Modifier);
        let cancel = match d.nature {
            Nature::Insertion => d.allows(Event::Annuler) && can(Object::DemandeInsertion, Action::Supprimer),
            Nature::Urgence115 => d.allows(Event::Annuler) && can(Object::DemandeUrgence115, Action::Supprimer),
        };
        let hold = !insertion && d.allows(Event::MettreEnAttente) && can(Object::DemandeUrgence115, Action::Modifier);
        let live: Option<OrientationView> = d.orientation().cloned();
        let personnes = d.personnes.clone();
        view! {
            <div id="actions" class="fr-my-4w">
                {edit.then(|| {
                    let (options, personnes, d) = (options.clone(), personnes.clone(), d.clone());
                    let open = d.statut != Statut::Brouillon;
                    view! {
                        <details class="fr-mb-2w" id="modifier-demande" open=open>
                            <summary class="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left">"Modifier la demande"</summary>
                            <PostForm path={path_of::<UpdateDemande>()} id="form-modifier-demande".to_string() prefix="modifier-".to_string() submit="Enregistrer".to_string()>
                                <input type="hidden" name="id" value=d.id.to_string() />
                                <input type="hidden" name="version" value=d.version />
                                <DemandeFields prefix="modifier-".to_string() personnes options demande=Some(d.clone()) />
                            </PostForm>
                        </details>
                    }
                })}
                {transmit.then(|| view! {
                    <ActionButton path={path_of::<TransmitDemande>()} fields=idv.clone() label="Transmettre au SIAO".to_string() class="fr-btn".to_string() />
                })}
                {inscrire.then(|| view! {
                    <PostForm path={path_of::<InscrireDemande>()} id="form-inscrire".to_string() submit="Inscrire sur la liste d'attente".to_string()>
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="version" value=v />
                        <div class="fr-checkbox-group fr-mb-2w">
                            <input type="checkbox" id="inscrire-priorite" name="priorite" value="oui" />
                            <label class="fr-label" for="inscrire-priorite">"Prioritaire"<span class="fr-hint-text">"Passe avant les demandes non prioritaires, quelle que soit leur ancienneté"</span></label>
                        </div>
                    </PostForm>
                })}
                {renvoyer.then(|| view! {
                    <details class="fr-my-2w">
                        <summary>{if vers == "a_completer" { "Renvoyer à compléter" } else { "Demander une mise à jour" }}</summary>
                        <PostForm path={path_of::<ReturnDemande>()} id="form-renvoyer".to_string() prefix="renvoyer-".to_string() submit="Renvoyer au prescripteur".to_string()>
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="version" value=v />
                            <input type="hidden" name="vers" value=vers />
                            <FreeTextArea id="renvoyer-champ-commentaire".to_string() name="commentaire".to_string() field="commentaire".to_string() label="Ce qui est à compléter ou à mettre à jour *" rows=3 />
                        </PostForm>
                    </details>
                })}
                {commission.then(|| {
                    let sessions: Vec<(String, String)> = extras.sessions.iter()
                        .map(|c| (c.id.to_string(), format!("{} — {}", c.date_seance.format("%d/%m/%Y"), c.intitule)))
                        .collect();
                    view! {
                        <details class="fr-my-2w" id="presenter-commission">
                            <summary>"Présenter en commission"</summary>
                            <PostForm path={path_of::<PresentCommission>()} id="form-commission".to_string() prefix="commission-".to_string() submit="Inscrire à l'ordre du jour".to_string()>
                                <input type="hidden" name="id" value=id.to_string() />
                                <input type="hidden" name="version" value=v />
                                <FreeSelect id="commission-champ-commission_id".to_string() name="commission_id".to_string() field="commission_id".to_string() label="Séance *" hint="Les séances à venir du territoire (menu Commissions)" options=sessions />
                            </PostForm>
                        </details>
                    }
                })}
                {compatibles.clone().map(|c| view! { <Orienter d=d.clone() compatibles=c /> })}
                {live.map(|o| view! { <OrientationActions o options=options.clone() siao moves=extras.moves.clone() /> })}
                {hold.then(|| view! {
                    <details class="fr-my-2w">
                        <summary>"Mettre en attente (la personne rappellera)"</summary>
                        <PostForm path={path_of::<HoldAppel>()} id="form-attente".to_string() prefix="attente-".to_string() submit="Mettre en attente".to_string()>
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="version" value=v />
                            <FreeTextArea id="attente-champ-commentaire".to_string() name="commentaire".to_string() field="commentaire".to_string() label="Ce qui a été convenu" rows=2 />
                        </PostForm>
                    </details>
                })}
                {reactivate.then(|| view! {
                    <ActionButton path={path_of::<ReactivateDemande>()} fields=idv.clone() label="Réactiver la demande".to_string() />
                })}
                {cancel.then(|| {
                    let path = if insertion { path_of::<CancelDemande>() } else { path_of::<CloseAppel>() };
                    let label = if insertion { "Annuler la demande" } else { "Clore la demande" };
                    view! {
                        <details class="fr-my-2w" id="annuler-demande">
                            <summary>{label}</summary>
                            <PostForm path id="form-annuler".to_string() prefix="annuler-".to_string() submit=label.to_string() button_class="fr-btn fr-btn--tertiary".to_string()>
                                <input type="hidden" name="id" value=id.to_string() />
                                <input type="hidden" name="version" value=v />
                                <FreeSelect id="annuler-champ-motif".to_string() name="motif".to_string() field="motif".to_string() label="Motif *" options=options.annulation.clone() />
                                <FreeTextArea id="annuler-champ-commentaire".to_string() name="commentaire".to_string() field="commentaire".to_string() label="Commentaire" rows=2 />
                            </PostForm>
                        </details>
                    }
                })}
            </div>
        }
    })
}

/// The compatible groupes, best first, each with its "Orienter" button.
#[component]
fn Orienter(d: DemandeView, compatibles: Vec<Compatible>) -> impl IntoView {
    let (id, version) = (d.id.to_string(), d.version.to_string());
    view! {
        <h2 class="fr-mt-4w">"Orienter vers une place compatible"</h2>
        <p class="fr-hint-text">{format!(
            "Groupes de places de votre territoire ouverts au canal {}, avec au moins {} place(s) libre(s) et un public qui accueille ce ménage ; d'abord ceux qui correspondent aux préconisations.",
            if d.nature == Nature::Insertion { "insertion" } else { "urgence (115)" }, d.nb_personnes)}</p>
        {match compatibles.is_empty() {
            true => view! { <p id="aucune-place">"Aucune place compatible n'est libre pour l'instant."</p> }.into_any(),
            false => view! {
                <DataTable id="table-compatibles" caption="Places compatibles" headers=&["Dispositif", "Groupe", "Commune", "Canal", "Places libres", "Correspondance", ""]>
                    {compatibles.into_iter().map(|c| {
                        let mut why = vec![];
                        if c.preconise { why.push("préconisation"); }
                        if c.public_exact { why.push("public"); }
                        let f = fields(&[("demande_id", id.clone()), ("version", version.clone()), ("groupe_id", c.groupe_id.to_string())]);
                        view! {
                            <tr>
                                <td>{c.dispositif.clone()}</td>
                                <td>{c.groupe.clone()}</td>
                                <td>{c.commune.clone()}</td>
                                <td>{c.canal.clone()}</td>
                                <td>{c.libres}</td>
                                <td>{why.join(", ")}</td>
                                <td><ActionButton path={path_of::<OrientDemande>()} fields=f label=format!("Orienter vers {}", c.groupe) class="fr-btn fr-btn--sm".to_string() /></td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
            }.into_any(),
        }}
    }
}

/// The steps of the live orientation: decision, arrival, departure, cancellation.
#[component]
fn OrientationActions(
    o: OrientationView,
    options: DemandeOptions,
    siao: bool,
    moves: Option<Vec<PlacesLibres>>,
) -> impl IntoView {
    with_layout(move |info| {
        let (o, moves) = (o.clone(), moves.clone());
        let (refus, sortie) = (options.refus.clone(), options.sortie.clone());
        let can = |a| allowed(&info, Object::Orientation, a);
        let (id, v) = (o.id, o.version);
        let decide = o.statut == OrientationStatut::Proposee && !siao && can(Action::Valider);
        let arrive = o.statut == OrientationStatut::Acceptee && can(Action::Modifier);
        let leave = o.statut == OrientationStatut::Admise && can(Action::Modifier);
        let cancel = matches!(o.statut, OrientationStatut::Proposee | OrientationStatut::Acceptee)
            && siao
            && can(Action::Supprimer);
        view! {
            <h2 class="fr-mt-4w">{format!("Orientation vers {} — {} : {}", o.dispositif, o.groupe, o.statut.label())}</h2>
            {decide.then(|| view! {
                <PostForm path={path_of::<DecideOrientation>()} id="form-decision".to_string() prefix="decision-".to_string() submit="Enregistrer la décision".to_string()>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="version" value=v />
                    <fieldset class="fr-fieldset" id="decision-champ-decision" aria-labelledby="decision-legend">
                        <legend class="fr-fieldset__legend fr-text--regular" id="decision-legend">"Décision du dispositif *"</legend>
                        <div class="fr-fieldset__element fr-fieldset__element--inline">
                            <div class="fr-radio-group">
                                <input type="radio" id="decision-accepter" name="decision" value="accepter" />
                                <label class="fr-label" for="decision-accepter">"Accepter"</label>
                            </div>
                        </div>
                        <div class="fr-fieldset__element fr-fieldset__element--inline">
                            <div class="fr-radio-group">
                                <input type="radio" id="decision-refuser" name="decision" value="refuser" />
                                <label class="fr-label" for="decision-refuser">"Refuser"</label>
                            </div>
                        </div>
                        <div class="fr-messages-group" data-field="decision" aria-live="polite"></div>
                    </fieldset>
                    <FreeSelect id="decision-champ-motif_refus".to_string() name="motif_refus".to_string() field="motif_refus".to_string() label="Motif de refus (obligatoire pour un refus)" options=refus.clone() />
                    <FreeTextArea id="decision-champ-commentaire".to_string() name="commentaire".to_string() field="commentaire".to_string() label="Commentaire" rows=2 />
                </PostForm>
            })}
            {arrive.then(|| view! {
                <PostForm path={path_of::<RecordArrival>()} id="form-arrivee".to_string() prefix="arrivee-".to_string() submit="Enregistrer l'arrivée".to_string()>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="version" value=v />
                    <FreeInput id="arrivee-champ-date".to_string() name="date".to_string() field="date".to_string() label="Date d'arrivée" hint="Aujourd'hui si vide" kind="date" />
                </PostForm>
            })}
            {leave.then(|| view! {
                <PostForm path={path_of::<RecordDeparture>()} id="form-sortie".to_string() prefix="sortie-".to_string() submit="Enregistrer la sortie".to_string()>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="version" value=v />
                    <FreeInput id="sortie-champ-date".to_string() name="date".to_string() field="date".to_string() label="Date de sortie" hint="Aujourd'hui si vide" kind="date" />
                    <FreeSelect id="sortie-champ-situation_sortie".to_string() name="situation_sortie".to_string() field="situation_sortie".to_string() label="Situation de sortie *" options=sortie.clone() />
                </PostForm>
            })}
            {moves.filter(|_| leave).map(|groupes| {
                let choices: Vec<(String, String)> = groupes.iter()
                    .map(|g| (g.groupe_id.to_string(), format!("{} ({} libre(s))", g.groupe, g.libres)))
                    .collect();
                view! {
                    <details class="fr-my-2w" id="changer-place">
                        <summary>"Changer de place dans la structure"</summary>
                        {choices.is_empty().then(|| view! { <p>"Aucun autre groupe de la structure n'a assez de places libres."</p> })}
                        <PostForm path={path_of::<MoveOrientation>()} id="form-deplacer".to_string() prefix="deplacer-".to_string() submit="Changer de place".to_string()>
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="version" value=v />
                            <FreeSelect id="deplacer-champ-groupe_id".to_string() name="groupe_id".to_string() field="groupe_id".to_string() label="Nouveau groupe de places *" options=choices />
                        </PostForm>
                    </details>
                }
            })}
            {cancel.then(|| view! {
                <ActionButton path={path_of::<CancelOrientation>()} fields=fields(&[("id", id.to_string()), ("version", v.to_string())]) label="Annuler l'orientation".to_string() class="fr-btn fr-btn--tertiary".to_string() />
            })}
        }
    })
}

fn demande_lines(id: &'static str, caption: &'static str, lines: Vec<DemandeLine>) -> impl IntoView {
    view! {
        <DataTable id caption headers=&["Demande", "Nature", "Ménage", "Composition", "État", "Écrite par", "Mise à jour"]>
            {lines.into_iter().map(|l| view! {
                <tr>
                    <td><a href=link_of(l.nature, l.id)>{format!("DEMANDE {}", l.numero)}</a></td>
                    <td>{l.nature.label()}</td>
                    <td><a href=format!("/menages/{}", l.menage_id)>{format!("MÉNAGE {}", l.menage_numero)}</a></td>
                    <td>{l.composition}</td>
                    <td>{badge(l.statut)}</td>
                    <td>{l.auteur}</td>
                    <td>{date_time(l.updated_at)}</td>
                </tr>
            }).collect_view()}
        </DataTable>
    }
}

/// `/demandes`: what the SIAO has to study, or the prescripteur's open demandes.
#[component]
pub fn DemandesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_demandes());
    view! {
        <Title text="Demandes" />
        <div class="fr-container fr-my-6w">
            <h1>"Demandes d'insertion"</h1>
            {loaded(data, move |lines| {
                let empty = lines.is_empty();
                view! {
                    {with_layout(|info| view! {
                        <p class="fr-hint-text">{if is_siao(&info) {
                            "Les demandes transmises à étudier, et celles renvoyées aux prescripteurs."
                        } else {
                            "Les demandes en cours que vous avez écrites ou que suivent vos dispositifs. Une demande s'écrit depuis la fiche du ménage, onglet Demandes."
                        }}</p>
                    })}
                    {empty.then(|| view! { <p id="aucune-demande">"Aucune demande."</p> })}
                    {(!empty).then(|| demande_lines("table-demandes", "Demandes", lines.clone()))}
                }
            })}
        </div>
    }
}

/// `/liste-attente`: the territory's waiting list, filtered, paged.
#[component]
pub fn ListeAttentePage() -> impl IntoView {
    let query = use_query_map();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    let args =
        move || (q("composition"), q("preconisation"), q("priorite"), q("page").parse::<i64>().unwrap_or(1).max(1));
    let data = Resource::new(args, |(c, p, prio, page)| async move {
        let list = get_liste_attente(c, p, prio, page - 1).await?;
        Ok::<_, AppError>((list, demande_form_options().await?, page))
    });
    view! {
        <Title text="Liste d'attente" />
        <div class="fr-container fr-my-6w">
            <h1>"Liste d'attente"</h1>
            <p class="fr-hint-text">"Les demandes d'insertion inscrites, les prioritaires d'abord, puis par ancienneté (date de première transmission au SIAO)."</p>
            {loaded(data, move |((lines, total), options, page)| {
                let (c, p, prio) = (q("composition"), q("preconisation"), q("priorite"));
                view! {
                    <form method="get" action="/liste-attente" class="fr-mb-4w">
                        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
                            <div class="fr-col-12 fr-col-md-4">
                                <FreeSelect id="filtre-composition".to_string() name="composition".to_string() field="composition".to_string() label="Composition" options=options.compositions.clone() selected=c />
                            </div>
                            <div class="fr-col-12 fr-col-md-4">
                                <FreeSelect id="filtre-preconisation".to_string() name="preconisation".to_string() field="preconisation".to_string() label="Type souhaité" options=options.preconisations.clone() selected=p />
                            </div>
                            <div class="fr-col-12 fr-col-md-2">
                                <div class="fr-checkbox-group fr-mb-3w">
                                    <input type="checkbox" id="filtre-priorite" name="priorite" value="oui" checked=prio == "oui" />
                                    <label class="fr-label" for="filtre-priorite">"Prioritaires"</label>
                                </div>
                            </div>
                            <div class="fr-col-12 fr-col-md-2">
                                <button class="fr-btn fr-mb-3w" type="submit">"Filtrer"</button>
                            </div>
                        </div>
                    </form>
                    <p id="total-attente">{format!("{total} demande(s) en attente")}</p>
                    <AttenteTable lines options=options.clone() />
                    <Pagination total page_size=super::model::PAGE_SIZE current=page />
                }
            })}
        </div>
    }
}

#[component]
fn AttenteTable(lines: Vec<AttenteLine>, options: DemandeOptions) -> impl IntoView {
    let label = move |c: &String| {
        options.preconisations.iter().find(|(k, _)| k == c).map(|(_, l)| l.clone()).unwrap_or_else(|| c.clone())
    };
    view! {
        <DataTable id="table-attente" caption="Liste d'attente" headers=&["Rang", "Demande", "Demandeur", "Composition", "Personnes", "Type souhaité", "Depuis", "État"]>
            {lines.into_iter().map(|l| view! {
                <tr>
                    <td>{l.rang}{l.priorite.then(|| view! { " " <span class="fr-badge fr-badge--sm fr-badge--warning">"Prioritaire"</span> })}</td>
                    <td><a href=format!("/demandes/{}", l.demande_id)>{format!("DEMANDE {}", l.numero)}</a></td>
                    <td><a href=format!("/menages/{}", l.menage_id)>{l.demandeur.clone()}</a></td>
                    <td>{l.composition.clone()}</td>
                    <td>{l.nb_personnes}</td>
                    <td>{l.preconisations.iter().map(&label).collect::<Vec<_>>().join(", ")}</td>
                    <td>{l.transmise_initiale_at.map(day)}</td>
                    <td>{badge(l.statut)}</td>
                </tr>
            }).collect_view()}
        </DataTable>
    }
}

/// `/orientations`: the orientations received and the prises en charge of the user's dispositifs.
#[component]
pub fn OrientationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_orientations());
    view! {
        <Title text="Orientations" />
        <div class="fr-container fr-my-6w">
            <h1>"Orientations et prises en charge"</h1>
            {loaded(data, move |board| {
                let list = board.lines;
                let empty = list.is_empty();
                view! {
                    <p id="admissions-directes">{format!(
                        "Admissions directes (hors SIAO) ces douze derniers mois : {}", board.admissions_directes)}</p>
                    {empty.then(|| view! { <p id="aucune-orientation">"Aucune orientation en cours."</p> })}
                    {(!empty).then(|| view! {
                        <DataTable id="table-orientations" caption="Orientations en cours" headers=&["Demande", "Ménage", "Composition", "Dispositif", "Groupe", "Places", "État", "Depuis"]>
                            {list.clone().into_iter().map(|o| view! {
                                <tr>
                                    <td><a href=link_of(o.nature, o.demande_id)>{format!("DEMANDE {}", o.demande_numero)}</a></td>
                                    <td>{format!("MÉNAGE {}", o.menage_numero)}</td>
                                    <td>{o.composition.clone()}</td>
                                    <td>{o.dispositif.clone()}</td>
                                    <td>{o.groupe.clone()}</td>
                                    <td>{o.nb_places}</td>
                                    <td>{o.statut.label()}</td>
                                    <td>{day(o.created_at)}</td>
                                </tr>
                            }).collect_view()}
                        </DataTable>
                    })}
                }
            })}
        </div>
    }
}

/// `/115`: the listener's desk. Search the caller's ménage (or create it), then record the call; the
/// demandes on hold are below, to call back.
#[component]
pub fn Page115() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let menage = move || query.read().get("menage").and_then(|m| Uuid::parse_str(&m).ok());
    let hits = Resource::new(q, |q| async move {
        match q.trim().is_empty() {
            true => Ok((vec![], 0)),
            false => search_menages(SearchForm { q: Some(q), naissance: None, page: None }).await,
        }
    });
    let form = Resource::new(menage, |m| async move {
        match m {
            None => Ok(None),
            Some(m) => {
                let fiche = crate::menage::server::get_fiche(m).await?.0;
                Ok::<_, AppError>(Some((fiche, demande_form_options().await?)))
            }
        }
    });
    let waiting = Resource::new(|| (), |_| list_appels_en_attente());
    view! {
        <Title text="115" />
        <div class="fr-container fr-my-6w">
            <h1>"115 — Appels"</h1>
            {loaded(form, move |chosen| match chosen {
                Some((fiche, options)) => {
                    let personnes: Vec<(Uuid, String)> = fiche.personnes.iter().map(|p| (p.id, p.full_name())).collect();
                    view! {
                        <h2>{format!("Nouvel appel — MÉNAGE {} ({})", fiche.numero, fiche.composition().summary())}</h2>
                        <PostForm path={path_of::<CreateAppel>()} id="form-appel".to_string() prefix="appel-".to_string() submit="Enregistrer l'appel".to_string()>
                            <input type="hidden" name="menage_id" value=fiche.id.to_string() />
                            <FreeSelect id="appel-champ-motif_appel".to_string() name="form[motif_appel]".to_string() field="motif_appel".to_string() label="Motif de l'appel *" options=options.appel.clone() />
                            <PersonnesField prefix="appel-".to_string() personnes chosen=vec![] />
                            <FreeTextArea id="appel-champ-vulnerabilites".to_string() name="form[vulnerabilites]".to_string() field="vulnerabilites".to_string() label="Vulnérabilité et précarité" hint="Ce que la personne dit de sa situation ce soir (âge, grossesse, enfants, état de santé apparent, nuit dehors...)" rows=3 />
                            <FreeTextArea id="appel-champ-observations".to_string() name="form[observations]".to_string() field="observations".to_string() label="Observations" rows=2 />
                        </PostForm>
                        <p class="fr-mt-2w"><a href="/115">"Chercher un autre ménage"</a></p>
                    }.into_any()
                }
                None => view! {
                    <form method="get" action="/115" role="search" class="fr-mb-4w">
                        <div class="fr-search-bar fr-search-bar--lg" id="recherche-115">
                            <label class="fr-label" for="q-115">"Nom, prénom, date de naissance ou clé du ménage"</label>
                            <input class="fr-input" type="search" id="q-115" name="q" value=q() autofocus=true />
                            <button class="fr-btn" type="submit">"Rechercher"</button>
                        </div>
                    </form>
                    <p><a class="fr-link fr-icon-add-line fr-link--icon-left" href="/menages/nouveau">"Le ménage est inconnu : le créer"</a></p>
                    {loaded(hits, move |(hits, _)| (!hits.is_empty()).then(|| view! {
                        <DataTable id="table-resultats-115" caption="Ménages trouvés" headers=&["Personne", "Naissance", "Ménage", "Composition", ""]>
                            {hits.into_iter().map(|h| view! {
                                <tr>
                                    <td>{format!("{} {}", h.nom, h.prenoms)}</td>
                                    <td>{h.date_naissance.map(|d| d.format("%d/%m/%Y").to_string())}</td>
                                    <td><a href=format!("/menages/{}", h.menage_id)>{format!("MÉNAGE {}", h.numero)}</a></td>
                                    <td>{h.composition.clone()}</td>
                                    <td><a class="fr-btn fr-btn--sm" href=format!("/115?menage={}", h.menage_id)>{format!("Appel pour {}", h.prenoms)}</a></td>
                                </tr>
                            }).collect_view()}
                        </DataTable>
                    }))}
                }.into_any(),
            })}
            <h2 class="fr-mt-6w">"Demandes en attente ou orientées ce soir"</h2>
            <p><a href="/places">"Voir les places d'urgence libres ce soir"</a></p>
            {loaded(waiting, move |lines| match lines.is_empty() {
                true => view! { <p>"Aucune demande en attente."</p> }.into_any(),
                false => demande_lines("table-appels", "Demandes 115 en cours", lines).into_any(),
            })}
        </div>
    }
}

/// `/places`: tonight's emergency places of the territory.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| places_board());
    view! {
        <Title text="Places d'urgence" />
        <div class="fr-container fr-my-6w">
            <h1>"Places d'urgence ce soir"</h1>
            <p class="fr-hint-text">"Groupes de places ouverts au 115 (urgence ou mixte) de votre territoire. Une place orientée est réservée jusqu'à l'arrivée ou l'annulation ; deux écoutants ne peuvent jamais donner la même place."</p>
            {loaded(data, move |groupes| view! {
                <DataTable id="table-places" caption="Places d'urgence" headers=&["Dispositif", "Groupe", "Commune", "Canal", "Libres", "Réservées", "Occupées"]>
                    {groupes.into_iter().map(|g| view! {
                        <tr>
                            <td>{g.dispositif}</td>
                            <td>{g.groupe}</td>
                            <td>{g.commune}</td>
                            <td>{g.canal}</td>
                            <td><strong>{g.libres}</strong></td>
                            <td>{g.reservees}</td>
                            <td>{g.occupees}</td>
                        </tr>
                    }).collect_view()}
                </DataTable>
            })}
        </div>
    }
}

/// `/notifications`.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_notifications());
    view! {
        <Title text="Notifications" />
        <div class="fr-container fr-my-6w">
            <h1>"Notifications"</h1>
            {loaded(data, move |list| {
                let unread = list.iter().any(|n| !n.lue);
                view! {
                    {unread.then(|| view! {
                        <ActionButton path={path_of::<MarkNotificationsRead>()} fields=vec![] label="Tout marquer comme lu".to_string() />
                    })}
                    {list.is_empty().then(|| view! { <p id="aucune-notification">"Aucune notification."</p> })}
                    <ul class="fr-raw-list" id="notifications">
                        {list.clone().into_iter().map(|n| view! {
                            <li class="fr-mb-2w">
                                <div class=if n.lue { "fr-callout fr-callout--sm" } else { "fr-callout fr-callout--sm fr-callout--blue-ecume" }>
                                    <p class="fr-callout__title">{n.titre.clone()}{(!n.lue).then(|| view! { " " <span class="fr-badge fr-badge--sm fr-badge--new">"Nouveau"</span> })}</p>
                                    <p class="fr-callout__text">{n.corps.clone()}</p>
                                    <p class="fr-text--sm">{date_time(n.at)}" — "<a href=n.lien.clone()>"Ouvrir"</a></p>
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </div>
    }
}

/// `/commissions`: the sessions of the territory, and the form to schedule one.
#[component]
pub fn CommissionsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_commissions(false));
    view! {
        <Title text="Commissions" />
        <div class="fr-container fr-my-6w">
            <h1>"Commissions d'orientation"</h1>
            {loaded(data, move |lines| view! {
                {lines.is_empty().then(|| view! { <p id="aucune-commission">"Aucune séance."</p> })}
                {(!lines.is_empty()).then(|| view! {
                    <DataTable id="table-commissions" caption="Séances de commission" headers=&["Date", "Intitulé", "Lieu", "Demandes présentées", "Décisions"]>
                        {lines.into_iter().map(|c| view! {
                            <tr>
                                <td>{c.date_seance.format("%d/%m/%Y").to_string()}</td>
                                <td><a href=format!("/commissions/{}", c.id)>{c.intitule.clone()}</a></td>
                                <td>{c.lieu.clone()}</td>
                                <td>{c.presentees}</td>
                                <td>{c.decidees}</td>
                            </tr>
                        }).collect_view()}
                    </DataTable>
                })}
            })}
            <h2 class="fr-mt-4w">"Prévoir une séance"</h2>
            <PostForm path={path_of::<CreateCommission>()} id="form-nouvelle-commission".to_string() prefix="commission-".to_string() submit="Créer la séance".to_string()>
                <FreeInput id="commission-champ-date_seance".to_string() name="form[date_seance]".to_string() field="date_seance".to_string() label="Date de la séance *" kind="date" />
                <FreeInput id="commission-champ-intitule".to_string() name="form[intitule]".to_string() field="intitule".to_string() label="Intitulé *" hint="Par exemple : Commission insertion, secteur Rennes" />
                <FreeInput id="commission-champ-lieu".to_string() name="form[lieu]".to_string() field="lieu".to_string() label="Lieu" />
            </PostForm>
        </div>
    }
}

/// `/commissions/<id>`: a session's agenda and its decisions, one form per demande not yet decided.
#[component]
pub fn CommissionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let data = Resource::new(id, |id| async move { get_commission(id.ok_or(AppError::NotFound)?).await });
    let decisions: Vec<(String, String)> =
        Decision::ALL.iter().map(|d| (d.code().to_string(), d.label().to_string())).collect();
    view! {
        <Title text="Séance de commission" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |c| {
                let title = format!("{} — {}", c.line.intitule, c.line.date_seance.format("%d/%m/%Y"));
                let decisions = decisions.clone();
                view! {
                    <Breadcrumb levels=vec![("Commissions".into(), "/commissions".into())] current=title.clone() />
                    <h1>{title}</h1>
                    {c.line.lieu.clone().map(|l| view! { <p>{format!("Lieu : {l}")}</p> })}
                    <p id="avancement">{format!("{} demande(s) à l'ordre du jour, {} décidée(s)", c.line.presentees, c.line.decidees)}</p>
                    {c.points.is_empty().then(|| view! { <p>"Aucune demande à l'ordre du jour : présentez-en depuis la page d'une demande en attente."</p> })}
                    {c.points.into_iter().map(|p| {
                        let heading = format!("{}. DEMANDE {} — MÉNAGE {} ({})", p.rang, p.numero, p.menage_numero, p.composition);
                        let prefix = format!("decision-{}-", p.rang);
                        let decisions = decisions.clone();
                        view! {
                            <section class="fr-my-4w" id=format!("point-{}", p.rang)>
                                <h2 class="fr-h5"><a href=format!("/demandes/{}", p.demande_id)>{heading}</a></h2>
                                <p>{badge(p.statut)}</p>
                                {match p.decision {
                                    Some(d) => view! {
                                        <p class="fr-text--bold">{format!("Décision : {}", d.label())}{p.commentaire.clone().map(|c| format!(" — {c}"))}</p>
                                    }.into_any(),
                                    None => view! {
                                        <PostForm path={path_of::<DecideCommission>()} id=format!("form-{prefix}") prefix=prefix.clone() submit="Enregistrer la décision".to_string()>
                                            <input type="hidden" name="commission_id" value=c.line.id.to_string() />
                                            <input type="hidden" name="demande_id" value=p.demande_id.to_string() />
                                            <input type="hidden" name="version" value=p.version />
                                            <FreeSelect id=format!("{prefix}champ-decision") name="decision".to_string() field="decision".to_string() label="Décision *" options=decisions.clone() />
                                            <FreeTextArea id=format!("{prefix}champ-commentaire") name="commentaire".to_string() field="commentaire".to_string() label="Commentaire" rows=2 />
                                        </PostForm>
                                    }.into_any(),
                                }}
                            </section>
                        }
                    }).collect_view()}
                }
            })}
        </div>
    }
}
