//! The persons' situations (under each person of the Identité tab) and the budget of the ménage (in the
//! Situation du ménage tab). Forms are server components in the one form island (`PostForm`); the fields
//! come from the table `situation::CHAMPS`.

use leptos::prelude::*;

use super::situation::{Champ, Kind, Nature, Section, SituationPersonne, CHAMPS};
use super::situation_server::{AddBudgetLine, RemoveBudgetLine, SituationsView, UpdateSituationsPersonne};
use crate::error::AppError;
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::Summary;
use crate::ui::form::{Field, SelectField};
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::DataTable;
use crate::ui::post_form::PostForm;

fn no_error() -> Signal<Option<AppError>> {
    Signal::stored(None)
}

/// A person's situations: a form by section for the profiles that may edit the person, a summary otherwise.
#[component]
pub fn SituationsPersonne(situation: SituationPersonne, view: SituationsView, prefix: &'static str) -> impl IntoView {
    with_layout(move |info| {
        let (s, options) = (situation.clone(), view.clone());
        if !allowed(&info, Object::Personne, Action::Modifier) {
            let rows: Vec<(&'static str, String)> =
                CHAMPS.iter().map(|c| (c.label, s.shown(c.key).unwrap_or_default())).collect();
            return view! { <h3>"Situations"</h3><Summary rows /> }.into_any();
        }
        view! {
            <h3 class="fr-mt-6w">"Situations"</h3>
            <p class="fr-hint-text">"Tous les champs sont facultatifs : ne recueillez que ce qui sert l'accompagnement et l'orientation."</p>
            <PostForm path={path_of::<UpdateSituationsPersonne>()} id=format!("form-{prefix}situations") prefix=prefix.to_string() submit="Enregistrer les situations".to_string()>
                <input type="hidden" name="personne_id" value=s.personne_id.to_string() />
                <input type="hidden" name="version" value=s.version />
                {Section::ALL.into_iter().map(|section| view! {
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend">{section.label()}</legend>
                        <div class="fr-fieldset__element">
                            <div class="fr-grid-row fr-grid-row--gutters">
                                {CHAMPS.into_iter().filter(|c| c.section == section).map(|c| {
                                    view! { <div class="fr-col-12 fr-col-md-6">{champ_field(c, &s, &options, prefix)}</div> }
                                }).collect_view()}
                            </div>
                        </div>
                    </fieldset>
                }).collect_view()}
            </PostForm>
        }
        .into_any()
    })
}

fn champ_field(c: Champ, s: &SituationPersonne, view: &SituationsView, prefix: &'static str) -> AnyView {
    let value = s.values.get(c.key).cloned();
    match c.kind {
        Kind::Liste(list) => view! {
            <SelectField prefix label=c.label hint=c.hint name=c.name options=view.options_of(list) selected=value error=no_error() />
        }
        .into_any(),
        Kind::Date => view! {
            <Field prefix label=c.label hint=c.hint name=c.name kind="date" required=false value=value.unwrap_or_default() error=no_error() />
        }
        .into_any(),
        Kind::Texte(_) => view! {
            <Field prefix label=c.label hint=c.hint name=c.name required=false value=value.unwrap_or_default() error=no_error() />
        }
        .into_any(),
    }
}

/// The budget: the totals and the reste à vivre, the lines by person, a form to add one.
#[component]
pub fn BudgetSection(view: SituationsView) -> impl IntoView {
    let totals = view.budget.totals(chrono::Utc::now().date_naive());
    let per_day = totals.par_personne_et_par_jour.map(|e| e.display()).unwrap_or_else(|| "—".into());
    let persons: Vec<(String, String)> =
        view.situations.iter().map(|s| (s.personne_id.to_string(), s.nom.clone())).collect();
    let lines = view.budget.lines.clone();
    view! {
        <section class="fr-mt-6w" id="budget">
            <h2>"Budget du ménage"</h2>
            <p class="fr-hint-text">"Le reste à vivre est calculé, jamais saisi : ressources du mois moins charges du mois (les lignes dont la date de fin est passée ne comptent plus), puis par personne et par jour sur un mois de 30 jours. Les dettes sont montrées à part."</p>
            <Summary rows=vec![
                ("Ressources par mois", totals.ressources.display()),
                ("Charges par mois", totals.charges.display()),
                ("Reste à vivre par mois", totals.reste_a_vivre.display()),
                ("Reste à vivre par personne et par jour", per_day),
                ("Dettes (montant dû)", totals.dettes.display()),
            ] />
            <DataTable id="table-budget" caption="Lignes du budget" headers=&["Personne", "Nature", "Type", "Montant", "Fin", "Commentaire", ""]>
                {lines.into_iter().map(|l| {
                    let remove = fields(&[("id", l.id.to_string())]);
                    let label = format!("Retirer : {}", l.type_label);
                    view! {
                        <tr>
                            <td>{l.personne.clone()}</td>
                            <td>{l.nature.label()}</td>
                            <td>{l.type_label.clone()}</td>
                            <td>{l.montant.display()}</td>
                            <td>{l.fin.map(|d| d.format("%d/%m/%Y").to_string())}</td>
                            <td>{l.commentaire.clone()}</td>
                            <td>{with_layout(move |info| allowed(&info, Object::Personne, Action::Modifier).then(|| view! {
                                <ActionButton path={path_of::<RemoveBudgetLine>()} fields=remove.clone() label=label.clone() class="fr-btn fr-btn--sm fr-btn--tertiary".to_string() />
                            }))}</td>
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
            {with_layout(move |info| allowed(&info, Object::Personne, Action::Modifier).then(|| {
                let (persons, view) = (persons.clone(), view.clone());
                view! {
                    <h3>"Ajouter une ligne"</h3>
                    <PostForm path={path_of::<AddBudgetLine>()} id="form-budget".to_string() prefix="budget-".to_string() submit="Ajouter la ligne".to_string()>
                        <div class="fr-grid-row fr-grid-row--gutters">
                            <div class="fr-col-12 fr-col-md-4"><SelectField prefix="budget-" label="Personne *" name="form[personne_id]" options=persons selected=None error=no_error() /></div>
                            <div class="fr-col-12 fr-col-md-4"><TypeSelect view /></div>
                            <div class="fr-col-12 fr-col-md-4"><Field prefix="budget-" label="Montant en euros *" hint="Par mois pour une ressource ou une charge" name="form[montant]" required=false error=no_error() /></div>
                            <div class="fr-col-12 fr-col-md-4"><Field prefix="budget-" label="Fin" hint="Date de fin du droit ou de la charge, si connue" name="form[fin]" kind="date" required=false error=no_error() /></div>
                            <div class="fr-col-12 fr-col-md-8"><Field prefix="budget-" label="Commentaire" name="form[commentaire]" required=false error=no_error() /></div>
                        </div>
                    </PostForm>
                }
            }))}
        </section>
    }
}

/// The type of a budget line: one select, a group per nature (`<nature>:<code>`).
#[component]
fn TypeSelect(view: SituationsView) -> impl IntoView {
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for="budget-champ-type">"Type *"</label>
            <select class="fr-select" id="budget-champ-type" name="form[type]" aria-describedby="budget-champ-type-message">
                <option value="">"—"</option>
                {Nature::ALL.into_iter().map(|n| view! {
                    <optgroup label=n.plural()>
                        {view.options_of(n.list()).into_iter().map(|(code, label)| view! {
                            <option value=format!("{}:{code}", n.code())>{label}</option>
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
            <div id="budget-champ-type-message" data-field="type" aria-live="polite"></div>
        </div>
    }
}
