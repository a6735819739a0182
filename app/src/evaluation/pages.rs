//! Screens of the évaluations approfondies: the Évaluations tab of the fiche (the latest, the series, what
//! is to renew, the choice of two EAs to compare), an EA (`/menages/<id>/evaluations/<id>`: a draft step by
//! step for its author, a final one read), and the comparison of two EAs.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::export::DownloadEvaluation;
use super::model::{a_renouveler, compare, Etape, EvaluationView, Resume, Statut};
use super::server::{
    get_evaluation, DeleteEvaluation, FinaliseEvaluation, SaveEvaluation, StartEvaluation, SANTE_FIELDS,
};
use crate::error::AppError;
use crate::menage::sensible::{ANSWERS, CATEGORIES};
use crate::menage::situation::{Kind, CHAMPS};
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::Breadcrumb;
use crate::ui::errors::loaded;
use crate::ui::form::{FreeInput, FreeSelect, FreeTextArea};
use crate::ui::format::date_time;
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::DataTable;
use crate::ui::post_form::PostForm;

fn day(r: &Resume) -> String {
    r.finalisee_at.unwrap_or(r.created_at).format("%d/%m/%Y").to_string()
}

/// The Évaluations tab of the fiche.
#[component]
pub fn EvaluationsTab(menage_id: Uuid, series: Vec<Resume>) -> impl IntoView {
    let today = chrono::Utc::now().date_naive();
    let finals: Vec<Resume> = series.iter().filter(|r| r.statut == Statut::Finale).cloned().collect();
    let draft = series.iter().find(|r| r.statut == Statut::Brouillon && r.mine).map(|r| r.id);
    let latest = finals.first().cloned();
    let link = move |id: Uuid| format!("/menages/{menage_id}/evaluations/{id}");
    let choices: Vec<(String, String)> =
        finals.iter().map(|r| (r.id.to_string(), format!("{} — {}", day(r), r.auteur))).collect();
    view! {
        <h2>"Évaluations approfondies"</h2>
        {match latest {
            Some(r) => {
                let renew = r.finalisee_at.is_some_and(|f| a_renouveler(f, today));
                view! {
                    <div class="fr-callout" id="derniere-evaluation">
                        <p class="fr-callout__title">{format!("Dernière évaluation finalisée le {} par {}", day(&r), r.auteur)}</p>
                        {renew.then(|| view! { <p class="fr-badge fr-badge--warning">"À renouveler : plus de six mois"</p> })}
                        <p class="fr-callout__text"><a href=link(r.id)>"Lire l'évaluation"</a></p>
                    </div>
                }.into_any()
            }
            None => view! { <p id="aucune-evaluation">"Aucune évaluation approfondie finalisée pour ce ménage."</p> }.into_any(),
        }}
        {with_layout(move |info| allowed(&info, Object::EvaluationApprofondie, Action::Creer).then(|| match draft {
            Some(id) => view! { <p><a class="fr-btn fr-btn--secondary" id="reprendre-evaluation" href=link(id)>"Reprendre mon brouillon d'évaluation"</a></p> }.into_any(),
            None => view! {
                <ActionButton path={path_of::<StartEvaluation>()} fields={fields(&[("menage_id", menage_id.to_string())])} label="Commencer une évaluation approfondie".to_string() />
                <p class="fr-hint-text">"Elle part des situations de la fiche ; ce que vous y changez met la fiche à jour quand vous la finalisez."</p>
            }.into_any(),
        }))}
        <DataTable id="table-evaluations" caption="Série des évaluations" headers=&["Date", "Auteur", "Statut", ""]>
            {series.into_iter().map(|r| {
                let renew = r.finalisee_at.is_some_and(|f| a_renouveler(f, today));
                view! {
                    <tr>
                        <td>{day(&r)}</td>
                        <td>{r.auteur.clone()}</td>
                        <td>{r.statut.label()}{renew.then_some(" — à renouveler")}</td>
                        <td><a href=link(r.id)>{format!("Ouvrir l'évaluation du {}", day(&r))}</a></td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
        {(choices.len() >= 2).then(|| {
            let (first, second) = (choices[1].0.clone(), choices[0].0.clone());
            view! {
                <form method="get" action=format!("/menages/{menage_id}/comparer-evaluations") id="form-comparer" class="fr-mt-4w">
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend">"Comparer deux évaluations"</legend>
                        <div class="fr-fieldset__element fr-col-md-6">
                            <FreeSelect id="comparer-a".to_string() name="a".to_string() field="a".to_string() label="Première" options=choices.clone() selected=first />
                        </div>
                        <div class="fr-fieldset__element fr-col-md-6">
                            <FreeSelect id="comparer-b".to_string() name="b".to_string() field="b".to_string() label="Seconde" options=choices.clone() selected=second />
                        </div>
                        <div class="fr-fieldset__element"><button class="fr-btn fr-btn--secondary" type="submit">"Comparer"</button></div>
                    </fieldset>
                </form>
            }
        })}
    }
}

/// An EA: a draft step by step for its author, a final one read by step.
#[component]
pub fn EvaluationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("eid").and_then(|s| Uuid::parse_str(&s).ok());
    let data = Resource::new(id, move |id| async move { get_evaluation(id.ok_or(AppError::NotFound)?).await });
    let etape =
        move || query.read_untracked().get("etape").and_then(|e| Etape::from_code(&e)).unwrap_or(Etape::Administrative);
    view! {
        <Title text="Évaluation approfondie" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |ea: EvaluationView| {
                let fiche = format!("/menages/{}", ea.menage_id);
                let title = format!("Évaluation approfondie — {} du {}", ea.resume.statut.label().to_lowercase(), day(&ea.resume));
                let editable = ea.resume.statut == Statut::Brouillon && ea.resume.mine;
                view! {
                    <Breadcrumb levels=vec![("Ménages".into(), "/menages".into()), ("Fiche ménage".into(), format!("{fiche}?onglet=evaluations"))] current=title.clone() />
                    <h1>{title}</h1>
                    <p>{format!("Par {}, commencée le {}", ea.resume.auteur, date_time(ea.resume.created_at))}</p>
                    <DownloadButton id=ea.resume.id />
                    {if editable { view! { <Steps ea=ea.clone() etape=etape() /> }.into_any() } else { view! { <Reading ea=ea.clone() /> }.into_any() }}
                }
            })}
        </div>
    }
}

/// "Télécharger l'évaluation (PDF)", for the profiles that export it (a plain form: the file is the answer).
#[component]
fn DownloadButton(id: Uuid) -> impl IntoView {
    with_layout(move |info| {
        allowed(&info, Object::EvaluationApprofondie, Action::Exporter).then(|| {
            view! {
                <form method="post" action={path_of::<DownloadEvaluation>()} class="fr-mb-2w" id="form-telecharger-evaluation">
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary fr-icon-download-line fr-btn--icon-left">"Télécharger l'évaluation (PDF)"</button>
                </form>
            }
        })
    })
}

/// A final EA (or another's draft, never shown): its rows by step.
#[component]
fn Reading(ea: EvaluationView) -> impl IntoView {
    let rows = ea.rows();
    view! {
        {Etape::ALL.into_iter().filter(|e| *e != Etape::Sante || ea.sante.is_some()).map(|etape| {
            let lines: Vec<(String, String)> = rows.iter().filter(|(e, _, _)| *e == etape).map(|(_, l, v)| (l.clone(), v.clone())).collect();
            view! {
                <section class="fr-mb-4w" id=format!("domaine-{}", etape.code())>
                    <h2 class="fr-h4">{etape.label()}</h2>
                    <dl class="ea-lignes">
                        {lines.into_iter().map(|(l, v)| view! { <dt>{l}</dt><dd>{if v.is_empty() { "—".to_string() } else { v }}</dd> }).collect_view()}
                    </dl>
                </section>
            }
        }).collect_view()}
    }
}

/// The draft's stepper: the current step's form, the list of steps, and finalising.
#[component]
fn Steps(ea: EvaluationView, etape: Etape) -> impl IntoView {
    let steps: Vec<Etape> = Etape::ALL.into_iter().filter(|e| *e != Etape::Sante || ea.sante.is_some()).collect();
    let n = steps.iter().position(|e| *e == etape).map(|i| i + 1).unwrap_or(1);
    let etape = steps.get(n - 1).copied().unwrap_or(Etape::Administrative);
    let next = steps.get(n).copied();
    let base = format!("/menages/{}/evaluations/{}", ea.menage_id, ea.resume.id);
    let (id, version) = (ea.resume.id, ea.version);
    view! {
        <div class="fr-stepper">
            <h2 class="fr-stepper__title">{etape.label()}<span class="fr-stepper__state">{format!("Étape {n} sur {}", steps.len())}</span></h2>
            <div class="fr-stepper__steps" data-fr-current-step=n data-fr-steps=steps.len()></div>
            {next.map(|e| view! { <p class="fr-stepper__details"><span class="fr-text--bold">"Étape suivante : "</span>{e.label()}</p> })}
        </div>
        <nav class="fr-mb-3w" aria-label="Étapes de l'évaluation">
            <ul class="fr-tags-group">
                {steps.iter().map(|e| {
                    let current = *e == etape;
                    view! { <li><a class="fr-tag" href=format!("{base}?etape={}", e.code()) aria-current=current.then_some("step")>{e.label()}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        <p class="fr-hint-text">"Chaque étape est enregistrée sur le serveur : vous pouvez fermer la page et reprendre plus tard. Rien n'est reporté sur la fiche avant la finalisation."</p>
        <PostForm path={path_of::<SaveEvaluation>()} id="form-etape".to_string() prefix="ea-".to_string() submit=if next.is_some() { "Enregistrer et continuer".to_string() } else { "Enregistrer".to_string() }>
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="version" value=version />
            <input type="hidden" name="etape" value=etape.code() />
            <StepFields ea=ea.clone() etape />
        </PostForm>
        {(next.is_none()).then(|| view! {
            <section class="fr-mt-6w" id="finaliser">
                <h2 class="fr-h4">"Finaliser l'évaluation"</h2>
                <p>"Une fois finalisée, l'évaluation n'est plus modifiable : ses changements sont reportés sur la fiche du ménage et sa synthèse est publiée comme note sociale."</p>
                <ActionButton path={path_of::<FinaliseEvaluation>()} fields={fields(&[("id", id.to_string()), ("version", version.to_string())])} label="Finaliser l'évaluation".to_string() class="fr-btn".to_string() />
            </section>
        })}
        <div class="fr-mt-4w">
            <ActionButton path={path_of::<DeleteEvaluation>()} fields={fields(&[("id", id.to_string()), ("version", version.to_string())])} label="Supprimer ce brouillon".to_string() class="fr-btn fr-btn--tertiary fr-btn--sm".to_string() />
        </div>
    }
}

fn answers() -> Vec<(String, String)> {
    ANSWERS.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect()
}

/// The fields of one step.
#[component]
fn StepFields(ea: EvaluationView, etape: Etape) -> impl IntoView {
    let c = ea.contenu.clone();
    let id = |key: &str| format!("ea-champ-{key}");
    match etape {
        Etape::Administrative | Etape::Emploi | Etape::Famille => c
            .personnes
            .iter()
            .enumerate()
            .map(|(i, p)| {
                view! {
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend">{p.nom.clone()}</legend>
                        <input type="hidden" name=format!("p[{i}][id]") value=p.personne_id.to_string() />
                        <div class="fr-fieldset__element"><div class="fr-grid-row fr-grid-row--gutters">
                            {CHAMPS.iter().filter(|ch| etape.sections().contains(&ch.section)).map(|ch| {
                                let (key, name) = (format!("p{i}_{}", ch.key), format!("p[{i}][{}]", ch.key));
                                let value = p.values.get(ch.key).cloned().unwrap_or_default();
                                let field = match ch.kind {
                                    Kind::Liste(list) => view! { <FreeSelect id=id(&key) name field=key label=ch.label hint=ch.hint options=ea.options_of(list) selected=value /> }.into_any(),
                                    Kind::Date => view! { <FreeInput id=id(&key) name field=key label=ch.label hint=ch.hint kind="date" value /> }.into_any(),
                                    Kind::Texte(_) => view! { <FreeInput id=id(&key) name field=key label=ch.label hint=ch.hint value /> }.into_any(),
                                };
                                view! { <div class="fr-col-12 fr-col-md-6">{field}</div> }
                            }).collect_view()}
                        </div></div>
                    </fieldset>
                }
            })
            .collect_view()
            .into_any(),
        Etape::Budget => view! {
            <p>"Le budget (ressources, charges, dettes, reste à vivre) se tient dans l'onglet « Situation du ménage » de la fiche ; notez ici ce que l'évaluation en retient."</p>
            <FreeTextArea id=id("budget_observations") name="form[budget_observations]".to_string() field="budget_observations".to_string() label="Observations sur le budget" hint="Gestion, évolution, dettes, besoin d'accompagnement budgétaire" rows=5 value=c.budget_observations />
        }
        .into_any(),
        Etape::Sante => ea
            .sante
            .clone()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let f = s.form.clone();
                let select = |field: &str, label: &'static str, value: String| {
                    let key = format!("p{i}_{field}");
                    view! { <FreeSelect id=id(&key) name=format!("p[{i}][{field}]") field=key label options=answers() selected=value /> }
                };
                view! {
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend">{s.nom.clone()}</legend>
                        <input type="hidden" name=format!("p[{i}][id]") value=s.personne_id.to_string() />
                        <div class="fr-fieldset__element">{select("probleme_sante", "Problème de santé", f.probleme_sante.clone())}</div>
                        {CATEGORIES.iter().filter(|(key, _)| SANTE_FIELDS.contains(key)).map(|(key, label)| {
                            let box_id = id(&format!("p{i}_{key}"));
                            view! {
                                <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-checkbox-group">
                                    <input type="checkbox" id=box_id.clone() name=format!("p[{i}][{key}]") value="oui" checked=f.flag(key) />
                                    <label class="fr-label" for=box_id>{*label}</label>
                                </div></div>
                            }
                        }).collect_view()}
                        <div class="fr-fieldset__element">{select("suivi_medical", "Suivi médical", f.suivi_medical.clone())}</div>
                        <div class="fr-fieldset__element">{select("victime_violences", "Victime de violences", f.victime_violences.clone())}</div>
                        <div class="fr-fieldset__element">{select("violences_conjugales", "Victime de violences conjugales", f.violences_conjugales.clone())}</div>
                        <div class="fr-fieldset__element">
                            <FreeSelect id=id(&format!("p{i}_justice_statut")) name=format!("p[{i}][justice_statut]") field=format!("p{i}_justice_statut") label="Situation judiciaire" options=ea.options_of("statut_justice") selected=f.justice_statut.clone() />
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
            .into_any(),
        Etape::Logement => {
            let m = c.menage.clone();
            let yes_no = vec![("oui".to_string(), "Oui".to_string()), ("non".to_string(), "Non".to_string())];
            let select = |field: &str, label: &'static str, list: &str, value: String| {
                view! { <FreeSelect id=id(field) name=format!("form[{field}]") field=field.to_string() label options=ea.options_of(list) selected=value /> }
            };
            view! {
                <div class="fr-grid-row fr-grid-row--gutters">
                    <div class="fr-col-12 fr-col-md-6">{select("situation_logement", "Situation au regard du logement *", "situation_demandes", m.situation_logement)}</div>
                    <div class="fr-col-12 fr-col-md-6">{select("motif_demande", "Motif de la demande", "motif_demandes", m.motif_demande)}</div>
                    <div class="fr-col-12 fr-col-md-4">{select("duree_errance", "Durée d'errance", "duree_errances", m.duree_errance)}</div>
                    <div class="fr-col-12 fr-col-md-4">
                        <FreeSelect id=id("expulsion_en_cours") name="form[expulsion_en_cours]".to_string() field="expulsion_en_cours".to_string() label="Expulsion locative en cours" options=yes_no selected=m.expulsion_en_cours />
                    </div>
                    <div class="fr-col-12 fr-col-md-4">{select("animaux", "Animaux", "animaux", m.animaux)}</div>
                    <div class="fr-col-12">
                        <FreeInput id=id("domiciliation") name="form[domiciliation]".to_string() field="domiciliation".to_string() label="Domiciliation" value=m.domiciliation />
                    </div>
                </div>
                <FreeTextArea id=id("souhaits") name="form[souhaits]".to_string() field="souhaits".to_string() label="Parcours logement et souhaits *" hint="Hébergements et logements passés, ce que le ménage souhaite (secteur, type de logement), ses contraintes" rows=6 value=c.souhaits />
            }
            .into_any()
        }
        Etape::Orientation => view! {
            <fieldset class="fr-fieldset" id=id("besoins") aria-labelledby="ea-besoins-legende">
                <legend class="fr-fieldset__legend" id="ea-besoins-legende">"Besoins d'accompagnement *"</legend>
                {ea.options_of("besoins_accompagnement").into_iter().map(|(code, label)| {
                    let box_id = id(&format!("besoin_{code}"));
                    view! {
                        <div class="fr-fieldset__element"><div class="fr-checkbox-group">
                            <input type="checkbox" id=box_id.clone() name=format!("form[besoin_{code}]") value="oui" checked=c.besoins.contains(&code) />
                            <label class="fr-label" for=box_id>{label}</label>
                        </div></div>
                    }
                }).collect_view()}
                <div class="fr-messages-group" data-field="besoins" aria-live="polite"></div>
            </fieldset>
            <FreeSelect id=id("preconisation") name="form[preconisation]".to_string() field="preconisation".to_string() label="Orientation préconisée *" hint="Type d'établissement ou de logement, selon la nomenclature" options=ea.options_of("types_etablissement_un") selected=c.preconisation.clone() />
            <FreeTextArea id=id("synthese") name="form[synthese]".to_string() field="synthese".to_string() label="Synthèse *" hint="Publiée comme note sociale à la finalisation" rows=8 value=c.synthese.clone() />
        }
        .into_any(),
    }
}

/// Two EAs of a ménage side by side, the changed rows marked.
#[component]
pub fn ComparePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let ids = move || {
        let q = query.read();
        let parse = |k: &str| q.get(k).and_then(|s| Uuid::parse_str(&s).ok());
        (parse("a"), parse("b"))
    };
    let data = Resource::new(ids, move |(a, b)| async move {
        let (a, b) = (a.ok_or(AppError::NotFound)?, b.ok_or(AppError::NotFound)?);
        Ok::<_, AppError>((get_evaluation(a).await?, get_evaluation(b).await?))
    });
    let menage = move || params.read().get("id").unwrap_or_default();
    view! {
        <Title text="Comparaison d'évaluations" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(a, b): (EvaluationView, EvaluationView)| {
                let rows = compare(&a.rows(), &b.rows());
                let changed = rows.iter().filter(|r| r.4).count();
                let fiche = format!("/menages/{}?onglet=evaluations", menage());
                let (da, db) = (format!("Du {} ({})", day(&a.resume), a.resume.auteur), format!("Du {} ({})", day(&b.resume), b.resume.auteur));
                view! {
                    <Breadcrumb levels=vec![("Ménages".into(), "/menages".into()), ("Fiche ménage".into(), fiche)] current="Comparaison" />
                    <h1>"Comparaison de deux évaluations"</h1>
                    <p id="nombre-changements">{format!("{changed} information(s) différente(s)")}</p>
                    <DataTable id="table-comparaison" caption="Les deux évaluations, ligne à ligne" headers=&["Domaine", "Information", "Première", "Seconde", "Évolution"]>
                        {rows.into_iter().map(|(etape, label, va, vb, diff)| view! {
                            <tr class:ea-change=diff>
                                <td>{etape.label()}</td>
                                <td>{label}</td>
                                <td>{va}</td>
                                <td>{vb}</td>
                                <td>{diff.then(|| view! { <p class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">"Modifié"</p> })}</td>
                            </tr>
                        }).collect_view()}
                    </DataTable>
                    <p class="fr-hint-text">{format!("Première : {da} ; seconde : {db}.")}</p>
                }
            })}
        </div>
    }
}
