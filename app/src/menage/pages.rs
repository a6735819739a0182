//! Screens of the fiche ménage: the search (`/menages`), the creation after a duplicate check
//! (`/menages/nouveau`) and the fiche with its tabs (`/menages/<id>`). Forms are server components inside
//! the one form island (`ui::post_form::PostForm`): a new form costs no wasm.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::export::DownloadFiche;
use super::model::{Fiche, PersonneDetail, PersonneForm, Role, SearchForm, SituationForm, PAGE_SIZE};
use super::sensible::{Sensible, ANSWERS, CATEGORIES};
use super::server::{
    duplicate_candidates, get_fiche, get_sensible, menage_form_options, search_menages, AddPersonne, CreateMenage,
    DetachPersonne, MenageOptions, UpdatePersonne, UpdateSensible, UpdateSituation,
};
use super::situation_pages::{BudgetSection, SituationsPersonne};
use super::situation_server::{get_situations_personnes, SituationsView};
use crate::demande::pages::DemandesTab;
use crate::error::AppError;
use crate::evaluation::pages::EvaluationsTab;
use crate::evaluation::server::list_evaluations;
use crate::note::pages::{NotesTab, OpenAlertes};
use crate::note::server::list_notes;
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::{Breadcrumb, Tabs};
use crate::ui::errors::loaded;
use crate::ui::form::{Field, SelectField};
use crate::ui::format::date_time;
use crate::ui::layout::{allowed, with_layout, LayoutResource};
use crate::ui::list::{DataTable, FilterForm, FilterText, Pagination, TableFrame};
use crate::ui::post_form::PostForm;

fn no_error() -> Signal<Option<AppError>> {
    Signal::stored(None)
}

/// "02/03/1990" from the ISO date of a form.
fn french_date(iso: &str) -> String {
    crate::fields::date(iso).map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

fn roles() -> Vec<(String, String)> {
    Role::ALL.iter().map(|r| (r.code().to_string(), r.label().to_string())).collect()
}

#[component]
pub fn MenagesPage() -> impl IntoView {
    let query = use_query_map();
    let form = move || {
        let q = query.read();
        SearchForm { q: q.get("q"), naissance: q.get("naissance"), page: q.get("page").and_then(|p| p.parse().ok()) }
    };
    let results = Resource::new(form, search_menages);
    view! {
        <Title text="Ménages" />
        <div class="fr-container fr-my-6w">
            <h1>"Ménages"</h1>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                {with_layout(|info| allowed(&info, Object::Menage, Action::Creer).then(|| view! {
                    <li><a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/menages/nouveau">"Créer un ménage"</a></li>
                }))}
                {with_layout(|info| allowed(&info, Object::Personne, Action::Supprimer).then(|| view! {
                    <li><a class="fr-btn fr-btn--secondary" href="/menages/doublons">"Doublons à examiner"</a></li>
                }))}
            </ul>
            <FilterForm action="/menages">
                <FilterText label="Nom, prénom, n° de ménage ou clé" name="q" width=5 value=Signal::derive(move || form().q) />
                <div class="fr-col-12 fr-col-md-3 fr-input-group">
                    <label class="fr-label" for="filtre-naissance">"Date de naissance"</label>
                    <input class="fr-input" type="date" id="filtre-naissance" name="naissance" value=move || form().naissance />
                </div>
            </FilterForm>
            <p class="fr-hint-text">"La recherche ignore les accents et les majuscules, tolère les fautes de frappe et l'ordre nom / prénom. Seuls les ménages de votre périmètre sont trouvés."</p>
            {loaded(results, move |(hits, total)| {
                let caption = if form().q.is_some() || form().naissance.is_some() {
                    format!("{total} personne(s) trouvée(s)")
                } else {
                    format!("{total} ménage(s), les plus récemment mis à jour d'abord")
                };
                view! {
                    <DataTable id="table-menages" caption headers=&["Personne", "Naissance (âge)", "Rôle", "Ménage", "Composition", "Département"]>
                        {hits.into_iter().map(|h| view! {
                            <tr>
                                <td><a href=format!("/menages/{}", h.menage_id)>{format!("{} {}", h.nom, h.prenoms)}</a></td>
                                <td>{h.date_naissance.map(|d| format!("{} ({} ans)", d.format("%d/%m/%Y"), h.age.unwrap_or_default())).unwrap_or_else(|| "—".into())}</td>
                                <td>{h.role.label()}</td>
                                <td>{format!("MÉNAGE {}", h.numero)}</td>
                                <td>{h.composition}</td>
                                <td>{h.departement_code}</td>
                            </tr>
                        }).collect_view()}
                    </DataTable>
                    <Pagination total page_size=PAGE_SIZE current=form().page.unwrap_or(1) />
                }
            })}
        </div>
    }
}

/// The identity fields of a person (`prefix`: ids of this form on a page holding several).
#[component]
fn IdentityFields(
    options: MenageOptions,
    initial: PersonneForm,
    #[prop(optional)] prefix: &'static str,
) -> impl IntoView {
    view! {
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4"><Field prefix label="Nom de naissance *" name="form[nom_naissance]" value=initial.nom_naissance autocomplete="off" error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><Field prefix label="Nom d'usage" hint="Nom marital, nom choisi" name="form[nom_usage]" required=false value=initial.nom_usage autocomplete="off" error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><Field prefix label="Prénoms *" name="form[prenoms]" value=initial.prenoms autocomplete="off" error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><Field prefix label="Date de naissance" hint="Pour l'âge, la composition et les doublons" name="form[date_naissance]" kind="date" required=false value=initial.date_naissance error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><Field prefix label="Lieu de naissance" name="form[lieu_naissance]" required=false value=initial.lieu_naissance error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><SelectField prefix label="Sexe" hint="Pour la composition du ménage" name="form[sexe]" options=options.sexes selected=Some(initial.sexe) error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><SelectField prefix label="Nationalité" hint="Oriente l'évaluation de la situation administrative" name="form[nationalite]" options=options.nationalites selected=Some(initial.nationalite) error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><Field prefix label="Téléphone" hint="Pour recontacter la personne" name="form[telephone]" kind="tel" required=false value=initial.telephone error=no_error() /></div>
            <div class="fr-col-12 fr-col-md-4"><Field prefix label="Courriel" name="form[courriel]" kind="email" required=false value=initial.courriel error=no_error() /></div>
        </div>
    }
}

#[component]
pub fn NewMenagePage() -> impl IntoView {
    let query = use_query_map();
    let typed = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let (nom, prenoms, naissance) = (typed("nom"), typed("prenoms"), typed("naissance"));
    let checked = !nom.trim().is_empty() && !prenoms.trim().is_empty();
    let data = Resource::new(
        move || (),
        move |_| {
            let (nom, prenoms, naissance) = (typed("nom"), typed("prenoms"), typed("naissance"));
            async move {
                let candidates =
                    if checked { duplicate_candidates(nom, prenoms, naissance).await? } else { Default::default() };
                Ok::<_, AppError>((menage_form_options().await?, candidates))
            }
        },
    );
    view! {
        <Title text="Créer un ménage" />
        <div class="fr-container fr-my-6w">
            <Breadcrumb levels=vec![("Ménages".into(), "/menages".into())] current="Nouveau ménage" />
            <h1>"Créer un ménage"</h1>
            <p>"Avant de créer une fiche, vérifiez que la personne n'est pas déjà connue : une même personne suivie dans deux fiches perd son historique."</p>
            <form method="get" action="/menages/nouveau" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w" id="form-verification">
                <div class="fr-col-12 fr-col-md-3 fr-input-group"><label class="fr-label" for="verif-nom">"Nom *"</label><input class="fr-input" id="verif-nom" name="nom" required value=nom.clone() /></div>
                <div class="fr-col-12 fr-col-md-3 fr-input-group"><label class="fr-label" for="verif-prenoms">"Prénoms *"</label><input class="fr-input" id="verif-prenoms" name="prenoms" required value=prenoms.clone() /></div>
                <div class="fr-col-12 fr-col-md-3 fr-input-group"><label class="fr-label" for="verif-naissance">"Date de naissance"</label><input class="fr-input" type="date" id="verif-naissance" name="naissance" value=naissance.clone() /></div>
                <div class="fr-col-12 fr-col-md-3"><button class="fr-btn fr-btn--secondary" type="submit">"Vérifier les doublons"</button></div>
            </form>
            {move || {
                let (nom, prenoms, naissance) = (nom.clone(), prenoms.clone(), naissance.clone());
                loaded(data, move |(options, candidates)| {
                    if !checked {
                        return view! { <p>"Indiquez le nom et les prénoms de la personne, puis vérifiez les doublons."</p> }.into_any();
                    }
                    let elsewhere = candidates.elsewhere;
                    let warning = (!candidates.visible.is_empty() || elsewhere > 0).then(|| view! {
                        <div class="fr-alert fr-alert--warning fr-mb-3w" id="doublons-possibles">
                            <h2 class="fr-alert__title">"Cette personne existe peut-être déjà"</h2>
                            {(!candidates.visible.is_empty()).then(|| view! {
                                <p>"Ouvrez sa fiche plutôt que d'en créer une nouvelle, si c'est elle :"</p>
                                <ul>{candidates.visible.into_iter().map(|c| view! {
                                    <li><a href=format!("/menages/{}", c.menage_id)>{format!("{} {}", c.nom, c.prenoms)}</a>
                                        {format!(" — née le {} — MÉNAGE {} ({}) — {}", c.date_naissance.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "?".into()), c.numero, c.departement_code, c.raison)}</li>
                                }).collect_view()}</ul>
                            })}
                            {(elsewhere > 0).then(|| view! {
                                <p id="doublons-hors-perimetre">{format!("{elsewhere} fiche(s) proche(s) existe(nt) hors de votre périmètre : si c'est cette personne, demandez au SIAO de vous la rattacher plutôt que de créer une nouvelle fiche.")}</p>
                            })}
                        </div>
                    });
                    let initial = PersonneForm { nom_naissance: nom.clone(), prenoms: prenoms.clone(), date_naissance: naissance.clone(), ..Default::default() };
                    let several = options.departements.len() > 1;
                    let departements = options.departements.clone();
                    view! {
                        {warning}
                        <h2>"Demandeur principal"</h2>
                        <PostForm path={path_of::<CreateMenage>()} id="form-menage".to_string() submit="Créer le ménage".to_string()>
                            {several.then(|| view! { <SelectField label="Département *" name="departement" options=departements selected=None error=no_error() /> })}
                            <IdentityFields options initial />
                        </PostForm>
                    }.into_any()
                })
            }}
        </div>
    }
}

/// The header of the fiche: number, composition, key, last save, évaluation flash.
#[component]
fn FicheHeader(fiche: Fiche) -> impl IntoView {
    let flash = fiche.flash();
    let score = flash.score();
    let missing: Vec<String> = flash.missing().into_iter().map(String::from).collect();
    let saved = format!(
        "Toutes les informations sont sauvegardées — Dernière mise à jour le {} par {}",
        date_time(fiche.updated_at),
        fiche.updated_by.clone().unwrap_or_else(|| "le système".into())
    );
    view! {
        <h1>{format!("MÉNAGE {}", fiche.numero)}</h1>
        <p class="fr-text--lead" id="composition">{fiche.composition().summary()}</p>
        <p>"Clé ménage : " <code id="cle-menage">{fiche.cle.clone()}</code> " " <CopyButton text=fiche.cle.clone() /></p>
        {with_layout(move |info| allowed(&info, Object::Menage, Action::Exporter).then(|| view! {
            <form method="post" action={path_of::<DownloadFiche>()} class="fr-mb-2w" id="form-telecharger">
                <input type="hidden" name="id" value=fiche.id.to_string() />
                <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary fr-icon-download-line fr-btn--icon-left">"Télécharger la fiche (PDF)"</button>
            </form>
        }))}
        <p class="fr-badge fr-badge--success fr-badge--no-icon" id="sauvegarde">{saved}</p>
        <div class="fr-callout fr-mt-3w" id="evaluation-flash">
            <h2 class="fr-callout__title">{format!("Évaluation flash : {score} % renseignée")}</h2>
            {if missing.is_empty() {
                view! { <p class="fr-callout__text">"Les informations clés sont toutes renseignées."</p> }.into_any()
            } else {
                view! {
                    <p class="fr-callout__text">"À compléter pour orienter le ménage :"</p>
                    <ul>{missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                }.into_any()
            }}
        </div>
    }
}

/// Copies `text` to the clipboard (the text itself stays selectable without JavaScript).
/// No `cfg_attr` on an island: attributes are part of its hashed name, which must be the same in the
/// server and in the wasm, or the island is never hydrated.
#[island]
fn CopyButton(text: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().navigator().clipboard().write_text(&text);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
        copied.set(true);
    };
    view! {
        <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-clipboard-line fr-btn--icon-left" on:click=copy>
            {move || if copied.get() { "Copiée" } else { "Copier la clé" }}
        </button>
    }
}

#[component]
pub fn FichePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let layout = expect_context::<LayoutResource>();
    // The sensitive block is asked for only by the profiles of its cell: for the others it is not on the
    // page at all (and their fiche leaves no refusal in the journal).
    let data = Resource::new(id, move |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let fiche = get_fiche(id).await?;
        let info = layout.await?;
        let sensible = match allowed(&info, Object::SituationMedicoSociale, Action::Consulter) {
            true => Some(get_sensible(id).await?),
            false => None,
        };
        let situations = match allowed(&info, Object::Personne, Action::Consulter) {
            true => Some(get_situations_personnes(id).await?),
            false => None,
        };
        let notes = match allowed(&info, Object::Note, Action::Consulter) {
            true => Some(list_notes(id).await?),
            false => None,
        };
        let evaluations = match allowed(&info, Object::EvaluationApprofondie, Action::Consulter) {
            true => Some(list_evaluations(id).await?),
            false => None,
        };
        let demandes = match allowed(&info, Object::DemandeInsertion, Action::Consulter) {
            true => Some(crate::demande::server::list_demandes_menage(id).await?),
            false => None,
        };
        let appels = match allowed(&info, Object::DemandeUrgence115, Action::Consulter) {
            true => Some(crate::demande::server::list_appels_menage(id).await?),
            false => None,
        };
        let demandes = (demandes, appels);
        Ok::<_, AppError>((fiche, menage_form_options().await?, sensible, situations, notes, evaluations, demandes))
    });
    let section = move || query.read_untracked().get("section").filter(|s| !s.is_empty());
    let created = move || query.read_untracked().get("cree").is_some();
    view! {
        <Title text="Fiche ménage" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |((fiche, history), options, sensible, situations, notes, evaluations, (demandes, appels))| {
                let selected = if section().is_some() { 6 } else { 0 };
                let personnes: Vec<(Uuid, String)> = fiche.personnes.iter().map(|p| (p.id, p.full_name())).collect();
                let numero = format!("MÉNAGE {}", fiche.numero);
                view! {
                    <Breadcrumb levels=vec![("Ménages".into(), "/menages".into())] current=numero />
                    {created().then(|| view! { <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>"Ménage créé."</p></div> })}
                    <FicheHeader fiche=fiche.clone() />
                    {notes.clone().map(|notes| view! { <OpenAlertes notes /> })}
                    <Tabs label="Fiche ménage" selected panels=vec![
                        ("menage", "Ménage", view! { <MenageTab fiche=fiche.clone() options=options.clone() /> }.into_any()),
                        ("identite", "Identité", view! { <IdentiteTab fiche=fiche.clone() options=options.clone() situations=situations.clone() /> }.into_any()),
                        ("situation", "Situation du ménage", view! {
                            <SituationTab fiche=fiche.clone() options=options.clone() />
                            {situations.map(|view| view! { <BudgetSection view /> })}
                            {sensible.map(|blocks| view! { <SensibleSection blocks options /> })}
                        }.into_any()),
                        ("evaluations", "Évaluations", match evaluations {
                            Some(series) => view! { <EvaluationsTab menage_id=fiche.id series /> }.into_any(),
                            None => view! { <p>"Votre profil ne lit pas les évaluations approfondies."</p> }.into_any(),
                        }),
                        ("notes", "Notes", match notes {
                            Some(notes) => view! { <NotesTab menage_id=fiche.id notes personnes /> }.into_any(),
                            None => view! { <p>"Votre profil ne lit pas les notes des ménages."</p> }.into_any(),
                        }),
                        ("demandes", "Demandes", view! { <DemandesTab menage_id=fiche.id personnes=fiche.personnes.iter().map(|p| (p.id, p.full_name())).collect() demandes appels /> }.into_any()),
                        ("suivi", "Suivi et modification", view! { <SuiviTab id=fiche.id history section=section() /> }.into_any()),
                    ] />
                }
            })}
        </div>
    }
}

/// The composition: current persons, former ones, adding and detaching.
#[component]
fn MenageTab(fiche: Fiche, options: MenageOptions) -> impl IntoView {
    let (id, version) = (fiche.id, fiche.version);
    let anciens = fiche.anciens.clone();
    view! {
        <h2>"Composition"</h2>
        <DataTable id="table-personnes" caption="Personnes du ménage" headers=&["Personne", "Rôle", "Naissance (âge)", "Sexe", "Clé personne", ""]>
            {fiche.personnes.clone().into_iter().map(|p| {
                let principal = p.role == Role::DemandeurPrincipal;
                let detach = fields(&[("menage_id", id.to_string()), ("version", version.to_string()), ("personne_id", p.id.to_string())]);
                view! {
                    <tr>
                        <td>{p.full_name()}</td>
                        <td>{p.role.label()}</td>
                        <td>{(!p.form.date_naissance.is_empty()).then(|| format!("{} ({} ans)", french_date(&p.form.date_naissance), p.age.unwrap_or_default()))}</td>
                        <td>{p.sexe_label.clone()}</td>
                        <td><code>{p.cle.clone()}</code></td>
                        <td>{with_layout(move |info| (!principal && allowed(&info, Object::Menage, Action::Modifier)).then(|| {
                            let label = format!("Détacher {} du ménage", p.form.prenoms);
                            view! { <ActionButton path={path_of::<DetachPersonne>()} fields=detach.clone() label class="fr-btn fr-btn--sm fr-btn--tertiary".to_string() /> }
                        }))}</td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
        {(!anciens.is_empty()).then(|| view! {
            <h3>"Anciens membres"</h3>
            <ul id="anciens-membres">{anciens.into_iter().map(|a| view! {
                <li>{format!("{} ({}) — détaché(e) le {}", a.nom, a.role.label(), date_time(a.jusqu_au))}</li>
            }).collect_view()}</ul>
        })}
        {with_layout(move |info| allowed(&info, Object::Personne, Action::Creer).then(|| {
            let options = options.clone();
            view! {
                <h3>"Ajouter une personne"</h3>
                <PostForm path={path_of::<AddPersonne>()} id="form-ajout-personne".to_string() prefix="ajout-".to_string() submit="Ajouter au ménage".to_string()>
                    <input type="hidden" name="menage_id" value=id.to_string() />
                    <input type="hidden" name="version" value=version />
                    <SelectField prefix="ajout-" label="Rôle dans le ménage *" name="role" options=roles() selected=Some("enfant".to_string()) error=no_error() />
                    <IdentityFields prefix="ajout-" options initial=PersonneForm::default() />
                </PostForm>
            }
        }))}
    }
}

/// One identity form per person.
#[component]
fn IdentiteTab(fiche: Fiche, options: MenageOptions, situations: Option<SituationsView>) -> impl IntoView {
    let prefixes: [&'static str; 12] =
        ["p1-", "p2-", "p3-", "p4-", "p5-", "p6-", "p7-", "p8-", "p9-", "p10-", "p11-", "p12-"];
    fiche
        .personnes
        .into_iter()
        .zip(prefixes)
        .map(|(p, prefix)| {
            let options = options.clone();
            let situation = situations.as_ref().and_then(|v| {
                let s = v.situations.iter().find(|s| s.personne_id == p.id)?;
                Some(view! { <SituationsPersonne situation=s.clone() view=v.clone() prefix /> })
            });
            view! {
                <section class="fr-mb-6w">
                    <h2>{p.full_name()}</h2>
                    <p class="fr-hint-text">{format!("Clé personne : {}", p.cle)}</p>
                    <PersonneEdit person=p options prefix />
                    {situation}
                </section>
            }
        })
        .collect_view()
}

#[component]
fn PersonneEdit(person: PersonneDetail, options: MenageOptions, prefix: &'static str) -> impl IntoView {
    with_layout(move |info| {
        let (person, options) = (person.clone(), options.clone());
        if !allowed(&info, Object::Personne, Action::Modifier) {
            return view! { <IdentitySummary person /> }.into_any();
        }
        view! {
            <PostForm path={path_of::<UpdatePersonne>()} id=format!("form-{prefix}identite") prefix=prefix.to_string() submit="Enregistrer l'identité".to_string()>
                <input type="hidden" name="id" value=person.id.to_string() />
                <input type="hidden" name="version" value=person.version />
                <SelectField prefix label="Rôle dans le ménage *" name="role" options=roles() selected=Some(person.role.code().to_string()) error=no_error() />
                <IdentityFields prefix options initial=person.form.clone() />
            </PostForm>
        }
        .into_any()
    })
}

#[component]
fn IdentitySummary(person: PersonneDetail) -> impl IntoView {
    let f = person.form;
    crate::ui::detail::Summary(crate::ui::detail::SummaryProps {
        rows: vec![
            ("Rôle", person.role.label().to_string()),
            ("Nom de naissance", f.nom_naissance),
            ("Nom d'usage", f.nom_usage),
            ("Prénoms", f.prenoms),
            ("Date de naissance", french_date(&f.date_naissance)),
            ("Lieu de naissance", f.lieu_naissance),
            ("Sexe", person.sexe_label.unwrap_or_default()),
            ("Nationalité", person.nationalite_label.unwrap_or_default()),
            ("Téléphone", f.telephone),
            ("Courriel", f.courriel),
        ],
    })
}

/// The situation of the ménage (logement).
#[component]
fn SituationTab(fiche: Fiche, options: MenageOptions) -> impl IntoView {
    let s: SituationForm = fiche.situation.clone();
    let (id, version) = (fiche.id, fiche.version);
    let yes_no = vec![("oui".to_string(), "Oui".to_string()), ("non".to_string(), "Non".to_string())];
    view! {
        <h2>"Situation du ménage"</h2>
        <p class="fr-hint-text">"Ces informations servent à orienter le ménage vers une réponse adaptée. Tous les champs sont facultatifs : ne recueillez que ce qui est utile."</p>
        <PostForm path={path_of::<UpdateSituation>()} id="form-situation".to_string() submit="Enregistrer la situation".to_string()>
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="version" value=version />
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6"><SelectField label="Situation au regard du logement" hint="Où le ménage dort aujourd'hui" name="form[situation_logement]" options=options.situations_logement selected=Some(s.situation_logement) error=no_error() /></div>
                <div class="fr-col-12 fr-col-md-6"><SelectField label="Motif de la demande" name="form[motif_demande]" options=options.motifs selected=Some(s.motif_demande) error=no_error() /></div>
                <div class="fr-col-12 fr-col-md-4"><SelectField label="Durée d'errance" name="form[duree_errance]" options=options.durees_errance selected=Some(s.duree_errance) error=no_error() /></div>
                <div class="fr-col-12 fr-col-md-4"><SelectField label="Expulsion locative en cours" name="form[expulsion_en_cours]" options=yes_no selected=Some(s.expulsion_en_cours) error=no_error() /></div>
                <div class="fr-col-12 fr-col-md-4"><SelectField label="Animaux" hint="Pour une place qui les accepte" name="form[animaux]" options=options.animaux selected=Some(s.animaux) error=no_error() /></div>
                <div class="fr-col-12"><Field label="Domiciliation" hint="Organisme et adresse où le ménage reçoit son courrier" name="form[domiciliation]" required=false value=s.domiciliation error=no_error() /></div>
                <div class="fr-col-12 fr-input-group">
                    <label class="fr-label" for="champ-observations">"Observations" <span class="fr-hint-text">"Faits utiles à l'orientation, sans donnée de santé ni jugement"</span></label>
                    <textarea class="fr-input" id="champ-observations" name="form[observations]" rows="3" aria-describedby="champ-observations-message">{s.observations}</textarea>
                    <div id="champ-observations-message" data-field="observations" aria-live="polite"></div>
                </div>
            </div>
        </PostForm>
    }
}

/// "Suivi et modification": every save of the ménage and its persons, filterable by section.
#[component]
fn SuiviTab(id: Uuid, history: Vec<(String, crate::history::HistoryLine)>, section: Option<String>) -> impl IntoView {
    let mut sections: Vec<String> = history.iter().map(|(s, _)| s.clone()).collect();
    sections.sort();
    sections.dedup();
    let lines: Vec<_> =
        history.into_iter().filter(|(s, _)| section.as_ref().is_none_or(|wanted| s == wanted)).collect();
    let selected = section.clone();
    view! {
        <h2>"Suivi et modification"</h2>
        <form method="get" action=format!("/menages/{id}") class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w">
            <div class="fr-col-12 fr-col-md-6 fr-select-group">
                <label class="fr-label" for="filtre-section">"Section"</label>
                <select class="fr-select" id="filtre-section" name="section">
                    <option value="">"Toutes les sections"</option>
                    {sections.into_iter().map(|s| {
                        let is = selected.as_deref() == Some(s.as_str());
                        view! { <option value=s.clone() selected=is>{s.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="fr-col-12 fr-col-md-2"><button class="fr-btn" type="submit">"Filtrer"</button></div>
        </form>
        <TableFrame id="historique" caption="Historique des modifications">
            <thead><tr>
                <th scope="col">"Date"</th><th scope="col">"Auteur"</th><th scope="col">"Section"</th><th scope="col">"Action"</th>
                <th scope="col">"Champ"</th><th scope="col">"Avant"</th><th scope="col">"Après"</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().flat_map(|(section, line)| {
                    let head = (date_time(line.at), line.author.unwrap_or_else(|| "Système".into()), section, line.action);
                    let mut rows: Vec<_> = line.changes.into_iter().map(|c| (c.label, c.before, c.after)).collect();
                    if rows.is_empty() || line.comment.is_some() {
                        rows.push((line.comment.unwrap_or_default(), None, None));
                    }
                    rows.into_iter().map(move |(label, before, after)| view! {
                        <tr>
                            <td>{head.0.clone()}</td><td>{head.1.clone()}</td><td>{head.2.clone()}</td><td>{head.3.clone()}</td>
                            <td>{label}</td><td>{before.unwrap_or_default()}</td><td>{after.unwrap_or_default()}</td>
                        </tr>
                    })
                }).collect_view()}
            </tbody>
        </TableFrame>
    }
}

/// The sensitive block of each person: a form for who may write it, a summary for who may only read it.
#[component]
fn SensibleSection(blocks: Vec<Sensible>, options: MenageOptions) -> impl IntoView {
    let answers: Vec<(String, String)> = ANSWERS.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect();
    let prefixes: [&'static str; 12] =
        ["s1-", "s2-", "s3-", "s4-", "s5-", "s6-", "s7-", "s8-", "s9-", "s10-", "s11-", "s12-"];
    view! {
        <section id="situation-sensible" class="fr-mt-6w">
            <h2>"Situation médico-sociale et judiciaire"</h2>
            <p class="fr-badge fr-badge--warning fr-badge--no-icon">"Confidentiel — chaque consultation est tracée"</p>
            <p class="fr-hint-text">"Catégories seulement, jamais de diagnostic : ces informations servent à orienter vers un dispositif adapté (LHSS, LAM, accompagnement)."</p>
            {blocks.into_iter().zip(prefixes).map(|(block, prefix)| {
                let (answers, options) = (answers.clone(), options.clone());
                with_layout(move |info| {
                    let (block, answers, options) = (block.clone(), answers.clone(), options.clone());
                    let f = block.form.clone();
                    if !allowed(&info, Object::SituationMedicoSociale, Action::Modifier) {
                        use crate::history::Tracked;
                        let rows: Vec<(&'static str, String)> = block.tracked().into_iter().map(|(_, l, v)| (l, v.unwrap_or_default())).collect();
                        return view! { <h3>{block.nom.clone()}</h3><crate::ui::detail::Summary rows /> }.into_any();
                    }
                    view! {
                        <h3>{block.nom.clone()}</h3>
                        <PostForm path={path_of::<UpdateSensible>()} id=format!("form-{prefix}sensible") prefix=prefix.to_string() submit="Enregistrer la situation médico-sociale et judiciaire".to_string()>
                            <input type="hidden" name="personne_id" value=block.personne_id.to_string() />
                            <input type="hidden" name="version" value=block.version />
                            <div class="fr-grid-row fr-grid-row--gutters">
                                <div class="fr-col-12 fr-col-md-4"><SelectField prefix label="Problème de santé" name="form[probleme_sante]" options=answers.clone() selected=Some(f.probleme_sante.clone()) error=no_error() /></div>
                                <div class="fr-col-12 fr-col-md-4"><SelectField prefix label="Suivi médical" name="form[suivi_medical]" options=answers.clone() selected=Some(f.suivi_medical.clone()) error=no_error() /></div>
                                <div class="fr-col-12 fr-col-md-4"><SelectField prefix label="Victime de violences" name="form[victime_violences]" options=answers.clone() selected=Some(f.victime_violences.clone()) error=no_error() /></div>
                                <div class="fr-col-12 fr-col-md-4"><SelectField prefix label="Victime de violences conjugales" name="form[violences_conjugales]" options=answers.clone() selected=Some(f.violences_conjugales.clone()) error=no_error() /></div>
                            </div>
                            <fieldset class="fr-fieldset">
                                <legend class="fr-fieldset__legend">"Catégories"</legend>
                                {CATEGORIES.iter().map(|(field, label)| {
                                    let id = format!("{prefix}champ-{field}");
                                    let on = match *field {
                                        "sante_physique" => &f.sante_physique,
                                        "sante_psychique" => &f.sante_psychique,
                                        "addiction" => &f.addiction,
                                        "mobilite_reduite" => &f.mobilite_reduite,
                                        _ => &f.fauteuil,
                                    } == "oui";
                                    view! {
                                        <div class="fr-fieldset__element fr-fieldset__element--inline">
                                            <div class="fr-checkbox-group">
                                                <input type="checkbox" id=id.clone() name=format!("form[{field}]") value="oui" checked=on />
                                                <label class="fr-label" for=id>{*label}</label>
                                            </div>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <Field prefix label="Commentaire" hint="Ce qui aide à orienter, sans diagnostic" name="form[commentaire]" required=false value=f.commentaire.clone() error=no_error() />
                            <div class="fr-grid-row fr-grid-row--gutters">
                                <div class="fr-col-12 fr-col-md-6"><SelectField prefix label="Situation judiciaire" name="form[justice_statut]" options=options.statuts_justice.clone() selected=Some(f.justice_statut.clone()) error=no_error() /></div>
                                <div class="fr-col-12 fr-col-md-6"><Field prefix label="Mesure, juridiction" hint="Ex. SPIP de Rennes, obligation de soins" name="form[justice_mesure]" required=false value=f.justice_mesure.clone() error=no_error() /></div>
                            </div>
                        </PostForm>
                    }.into_any()
                })
            }).collect_view()}
        </section>
    }
}
