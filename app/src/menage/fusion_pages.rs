//! `/menages/doublons`: the likely duplicates of the administrator's départements, compared field by
//! field, merged or set aside; the recent merges, each with its undo.

use leptos::prelude::*;
use leptos_meta::Title;

use super::fusion::{FusionLine, Pair, IDENTITY};
use super::fusion_server::{duplicate_pairs, DismissPair, MergePersonnes, UndoMerge};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::Breadcrumb;
use crate::ui::errors::loaded;
use crate::ui::format::date_time;
use crate::ui::list::{DataTable, TableFrame};
use crate::ui::post_form::PostForm;

#[component]
pub fn DoublonsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| duplicate_pairs());
    view! {
        <Title text="Doublons" />
        <div class="fr-container fr-my-6w">
            <Breadcrumb levels=vec![("Ménages".into(), "/menages".into())] current="Doublons" />
            <h1>"Doublons probables"</h1>
            <p>"Personnes de vos départements aux noms proches, nées le même jour (ou jour et mois inversés). Comparez-les ; fusionnez en choisissant champ par champ la valeur à garder, ou écartez la paire : elle ne sera plus proposée. Une fusion peut être annulée tant que la personne conservée n'a pas été modifiée."</p>
            {loaded(data, |(pairs, merges)| view! {
                {if pairs.is_empty() {
                    view! { <p id="aucun-doublon">"Aucun doublon probable."</p> }.into_any()
                } else {
                    pairs.into_iter().enumerate().map(|(i, pair)| view! { <PairForm i pair /> }).collect_view().into_any()
                }}
                <div class="fr-mt-6w"><Merges merges /></div>
            })}
        </div>
    }
}

#[component]
fn PairForm(i: usize, pair: Pair) -> impl IntoView {
    let (a, b) = (pair.a, pair.b);
    let dismiss = fields(&[("a", a.id.to_string()), ("b", b.id.to_string())]);
    view! {
        <section class="fr-mb-6w" id=format!("paire-{i}")>
            <h2 class="fr-h4">{format!("{} / {}", a.nom, b.nom)} " " <span class="fr-badge fr-badge--info fr-badge--no-icon">{pair.raison}</span></h2>
            <PostForm path={path_of::<MergePersonnes>()} id=format!("form-fusion-{i}") submit="Fusionner ces deux personnes".to_string()>
                <input type="hidden" name="survivante" value=a.id.to_string() />
                <input type="hidden" name="absorbee" value=b.id.to_string() />
                <input type="hidden" name="version_survivante" value=a.version />
                <input type="hidden" name="version_absorbee" value=b.version />
                <fieldset class="fr-fieldset" id=format!("conserver-{i}")>
                    <legend class="fr-fieldset__legend">"Fiche conservée"</legend>
                    {[("a", a.numero), ("b", b.numero)].into_iter().map(|(side, numero)| {
                        let id = format!("fusion-{i}-conserver-{side}");
                        view! {
                            <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group">
                                <input type="radio" id=id.clone() name="form[conserver]" value=side checked=side == "a" />
                                <label class="fr-label" for=id>{format!("MÉNAGE {numero}")}</label>
                            </div></div>
                        }
                    }).collect_view()}
                </fieldset>
                <TableFrame id="comparaison" caption="Valeur à garder, champ par champ">
                    <thead><tr>
                        <th scope="col">"Champ"</th>
                        <th scope="col">{format!("MÉNAGE {} ({})", a.numero, a.departement_code)}</th>
                        <th scope="col">{format!("MÉNAGE {} ({})", b.numero, b.departement_code)}</th>
                    </tr></thead>
                    <tbody>
                        {IDENTITY.into_iter().map(|(key, label)| {
                            let (va, vb) = (a.shown(key), b.shown(key));
                            let name = format!("form[{key}]");
                            let (ida, idb) = (format!("fusion-{i}-{key}-a"), format!("fusion-{i}-{key}-b"));
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td><div class="fr-radio-group">
                                        <input type="radio" id=ida.clone() name=name.clone() value="a" checked=true />
                                        <label class="fr-label" for=ida>{va}</label>
                                    </div></td>
                                    <td><div class="fr-radio-group">
                                        <input type="radio" id=idb.clone() name=name value="b" />
                                        <label class="fr-label" for=idb>{vb}</label>
                                    </div></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </TableFrame>
                <p class="fr-hint-text">"Un champ vide prend la valeur de l'autre fiche. Les situations manquantes et les lignes de budget de la personne absorbée passent à la personne conservée ; la personne absorbée quitte son ménage et reste lisible dans l'historique."</p>
            </PostForm>
            <ActionButton path={path_of::<DismissPair>()} fields=dismiss label="Ce ne sont pas les mêmes personnes".to_string() class="fr-btn fr-btn--tertiary fr-mt-2w".to_string() />
        </section>
    }
}

#[component]
fn Merges(merges: Vec<FusionLine>) -> impl IntoView {
    view! {
        <DataTable id="table-fusions" caption="Fusions récentes" headers=&["Date", "Personne conservée", "Personne absorbée", "Ménage", "Par", ""]>
            {merges.into_iter().map(|f| {
                let undo = fields(&[("id", f.id.to_string())]);
                view! {
                    <tr>
                        <td>{date_time(f.le)}</td>
                        <td>{f.survivante.clone()}</td>
                        <td>{f.absorbee.clone()}</td>
                        <td><a href=format!("/menages/{}", f.menage_id)>{format!("MÉNAGE {}", f.numero)}</a></td>
                        <td>{f.par.clone()}</td>
                        <td>{match f.annulee_le {
                            Some(at) => view! { <span>{format!("Annulée le {}", date_time(at))}</span> }.into_any(),
                            None => view! {
                                <ActionButton path={path_of::<UndoMerge>()} fields=undo label=format!("Annuler la fusion de {}", f.absorbee) class="fr-btn fr-btn--sm fr-btn--secondary".to_string() />
                            }.into_any(),
                        }}</td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
    }
}
