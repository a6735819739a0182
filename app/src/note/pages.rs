//! The Notes tab of the fiche ménage and the open alertes of its header. Every form is a server component
//! in the one form island (`PostForm`); after a success the page is read again.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use super::model::{paragraphs, Nature, NoteView, Statut, CORPS_MAX, TITRE_MAX};
use super::server::{CloseAlerte, CreateNote, DeleteNote, PublishNote, UpdateNote};
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::form::{FreeInput, FreeTextArea};
use crate::ui::format::date_time;
use crate::ui::layout::{allowed, with_layout};
use crate::ui::post_form::PostForm;

/// The persons of the ménage a note may concern: (id, name).
pub type Personnes = Vec<(Uuid, String)>;

/// The alertes still open, for the fiche header: each with who raised it and a form to close it.
#[component]
pub fn OpenAlertes(notes: Vec<NoteView>) -> impl IntoView {
    let open: Vec<NoteView> = notes.into_iter().filter(NoteView::is_open_alerte).collect();
    (!open.is_empty()).then(|| {
        view! {
            <div id="alertes" class="fr-mb-3w">
                {open.into_iter().map(|n| {
                    let id = n.id;
                    view! {
                        <div class="fr-alert fr-alert--warning fr-mb-2w">
                            <h2 class="fr-alert__title">{format!("Alerte : {}", n.titre)}</h2>
                            <p>{n.corps.clone()}</p>
                            <p class="fr-text--sm">{format!("Signalée par {} le {}", n.auteur, date_time(n.date()))}</p>
                            {with_layout(move |info| allowed(&info, Object::Note, Action::Creer).then(|| view! {
                                <details class="fr-mt-1w">
                                    <summary>"Clore l'alerte"</summary>
                                    <PostForm path={path_of::<CloseAlerte>()} id=format!("form-clore-{id}") prefix=format!("clore-{id}-") submit="Clore l'alerte".to_string()>
                                        <input type="hidden" name="id" value=id.to_string() />
                                        <FreeTextArea id=format!("clore-{id}-champ-motif") name="motif".to_string() field="motif".to_string() label="Motif de clôture *" hint="Ce qui a été fait, ou pourquoi l'alerte n'a plus lieu d'être" rows=2 />
                                    </PostForm>
                                </details>
                            }))}
                        </div>
                    }
                }).collect_view()}
            </div>
        }
    })
}

/// The Notes tab: the form of a new note, then the notes, newest first.
#[component]
pub fn NotesTab(menage_id: Uuid, notes: Vec<NoteView>, personnes: Personnes) -> impl IntoView {
    let titles: Vec<(Uuid, String)> = notes.iter().map(|n| (n.id, n.titre.clone())).collect();
    let empty = notes.is_empty();
    let list_personnes = personnes.clone();
    // "Compléter cette note" (`?completer=<id>`): the one form of the tab, open, completes that published note.
    let completing = use_query_map().read_untracked().get("completer").and_then(|c| Uuid::parse_str(&c).ok());
    let completing = completing
        .and_then(|c| notes.iter().find(|n| n.id == c && n.statut == Statut::Publiee).map(|n| (c, n.titre.clone())));
    view! {
        <h2>"Notes"</h2>
        <p class="fr-hint-text">"Une note en brouillon n'est lue que par son auteur. Une fois publiée, elle est lue par les professionnels qui suivent le ménage et n'est plus modifiée : on la complète par une nouvelle note. Les informations médicales ont leur place dans la situation médico-sociale, pas dans les notes."</p>
        {with_layout(move |info| allowed(&info, Object::Note, Action::Creer).then(|| {
            let (personnes, completing) = (personnes.clone(), completing.clone());
            let open = completing.is_some();
            view! {
                <details class="fr-mb-4w" id="nouvelle-note" open=open>
                    <summary class="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left">"Écrire une note"</summary>
                    {completing.as_ref().map(|(c, title)| view! {
                        <p class="fr-mt-2w" id="note-completee">"Cette note complètera la note " {link(*c, title)} " — " <a href="?onglet=notes">"écrire plutôt une note indépendante"</a></p>
                    })}
                    <PostForm path={path_of::<CreateNote>()} id="form-note".to_string() prefix="note-".to_string() submit="Enregistrer".to_string()>
                        <input type="hidden" name="menage_id" value=menage_id.to_string() />
                        {completing.map(|(c, _)| view! { <input type="hidden" name="complete" value=c.to_string() /> })}
                        <NoteFields prefix="note-".to_string() note=None personnes />
                    </PostForm>
                </details>
            }
        }))}
        {empty.then(|| view! { <p id="aucune-note">"Aucune note pour ce ménage."</p> })}
        <div id="notes">
            {notes.iter().cloned().map(|note| {
                let completed_by: Vec<(Uuid, String)> = notes.iter()
                    .filter(|n| n.complete_note_id == Some(note.id))
                    .map(|n| (n.id, n.titre.clone()))
                    .collect();
                let completes = note.complete_note_id.map(|c| {
                    let title = titles.iter().find(|(id, _)| *id == c).map(|(_, t)| t.clone());
                    (c, title.unwrap_or_else(|| "une note".into()))
                });
                view! { <NoteCard note completes completed_by personnes=list_personnes.clone() /> }
            }).collect_view()}
        </div>
    }
}

fn link(id: Uuid, title: &str) -> impl IntoView {
    view! { <a href=format!("#note-{id}")>{format!("« {title} »")}</a> }
}

#[component]
fn NoteCard(
    note: NoteView,
    completes: Option<(Uuid, String)>,
    completed_by: Vec<(Uuid, String)>,
    personnes: Personnes,
) -> impl IntoView {
    let id = note.id;
    let draft = note.statut == Statut::Brouillon;
    let when = match note.statut {
        Statut::Brouillon => format!("Brouillon de {}, enregistré le {}", note.auteur, date_time(note.created_at)),
        Statut::Publiee => format!("Par {}, publiée le {}", note.auteur, date_time(note.date())),
    };
    let concerne = match note.personnes.is_empty() {
        true => "Concerne : tout le ménage".to_string(),
        false => {
            format!("Concerne : {}", note.personnes.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", "))
        }
    };
    let (mine, version) = (note.mine, note.version);
    let edit = note.clone();
    let closure = note.cloture.clone();
    view! {
        <article class="fr-mb-4w fr-p-3w note" id=format!("note-{id}")>
            <ul class="fr-badges-group">
                <li><p class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">{note.nature.label()}</p></li>
                {draft.then(|| view! { <li><p class="fr-badge fr-badge--sm fr-badge--new">"Brouillon"</p></li> })}
                {note.confidentielle.then(|| view! { <li><p class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">"Confidentielle"</p></li> })}
                {(note.nature == Nature::Alerte && !draft).then(|| match &closure {
                    Some(_) => view! { <li><p class="fr-badge fr-badge--sm fr-badge--no-icon">"Alerte close"</p></li> }.into_any(),
                    None => view! { <li><p class="fr-badge fr-badge--sm fr-badge--error">"Alerte ouverte"</p></li> }.into_any(),
                })}
            </ul>
            <h3 class="fr-h5 fr-mt-1w">{note.titre.clone()}</h3>
            <p class="fr-text--sm fr-mb-1w">{when}</p>
            {note.date_entretien.map(|d| view! { <p class="fr-text--sm fr-mb-1w">{format!("Entretien du {}", d.format("%d/%m/%Y"))}</p> })}
            <p class="fr-text--sm">{concerne}</p>
            {completes.map(|(c, title)| view! { <p class="fr-text--sm">"Complète la note " {link(c, &title)}</p> })}
            <div class="corps">
                {paragraphs(&note.corps).into_iter().map(|lines| {
                    let n = lines.len();
                    view! { <p>{lines.into_iter().enumerate().map(|(i, l)| view! { {l}{(i + 1 < n).then(|| view! { <br /> })} }).collect_view()}</p> }
                }).collect_view()}
            </div>
            {(!completed_by.is_empty()).then(|| view! {
                <p class="fr-text--sm">"Complétée par : "
                    {completed_by.into_iter().map(|(c, t)| view! { {link(c, &t)} " " }).collect_view()}
                </p>
            })}
            {closure.map(|c| view! {
                <p class="fr-text--sm">{format!("Alerte close le {} par {} : {}", date_time(c.le), c.par, c.motif)}</p>
            })}
            {(draft && mine).then(|| {
                let personnes = personnes.clone();
                view! {
                    <div class="fr-btns-group fr-btns-group--inline-sm">
                        <ActionButton path={path_of::<PublishNote>()} fields={fields(&[("id", id.to_string()), ("version", version.to_string())])} label="Publier".to_string() class="fr-btn fr-btn--sm".to_string() />
                        <ActionButton path={path_of::<DeleteNote>()} fields={fields(&[("id", id.to_string()), ("version", version.to_string())])} label="Supprimer le brouillon".to_string() class="fr-btn fr-btn--sm fr-btn--tertiary".to_string() />
                    </div>
                    <details>
                        <summary>"Modifier le brouillon"</summary>
                        <PostForm path={path_of::<UpdateNote>()} id=format!("form-modifier-{id}") prefix=format!("modifier-{id}-") submit="Enregistrer".to_string()>
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="version" value=version />
                            <NoteFields prefix=format!("modifier-{id}-") note=Some(edit.clone()) personnes />
                        </PostForm>
                    </details>
                }
            })}
            {(!draft).then(|| with_layout(move |info| allowed(&info, Object::Note, Action::Creer).then(|| view! {
                <p class="fr-mb-0"><a class="fr-link fr-icon-edit-line fr-link--icon-left" href=format!("?onglet=notes&completer={id}#nouvelle-note")>"Compléter cette note"</a></p>
            })))}
        </article>
    }
}

/// The fields of a note (new, amendment or draft), ids prefixed by `prefix`.
#[component]
fn NoteFields(prefix: String, note: Option<NoteView>, personnes: Personnes) -> impl IntoView {
    let p = prefix.clone();
    let id = move |key: &str| format!("{p}champ-{key}");
    let nature = note.as_ref().map(|n| n.nature);
    let chosen: Vec<Uuid> = note.as_ref().map(|n| n.personnes.iter().map(|(id, _)| *id).collect()).unwrap_or_default();
    let confidentielle = note.as_ref().is_some_and(|n| n.confidentielle);
    let date = note.as_ref().and_then(|n| n.date_entretien).map(|d| d.to_string()).unwrap_or_default();
    view! {
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4">
                <div class="fr-select-group">
                    <label class="fr-label" for=id("nature")>"Type *"</label>
                    <select class="fr-select" id=id("nature") name="form[nature]" aria-describedby=format!("{}-message", id("nature"))>
                        {Nature::ALL.into_iter().map(|n| view! { <option value=n.code() selected=nature == Some(n)>{n.label()}</option> }).collect_view()}
                    </select>
                    <div class="fr-messages-group" id=format!("{}-message", id("nature")) data-field="nature" aria-live="polite"></div>
                </div>
            </div>
            <div class="fr-col-12 fr-col-md-8">
                <FreeInput id=id("titre") name="form[titre]".to_string() field="titre".to_string() label="Titre *" value=note.as_ref().map(|n| n.titre.clone()).unwrap_or_default() hint=format!("{TITRE_MAX} caractères au plus") />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <FreeInput id=id("date_entretien") name="form[date_entretien]".to_string() field="date_entretien".to_string() label="Date de l'entretien" kind="date" value=date hint="Pour un entretien seulement" />
            </div>
        </div>
        <FreeTextArea id=id("corps") name="form[corps]".to_string() field="corps".to_string() label="Contenu *" hint=format!("Texte simple ; une ligne vide sépare les paragraphes ({CORPS_MAX} caractères au plus)") rows=8 value=note.as_ref().map(|n| n.corps.clone()).unwrap_or_default() />
        {(!personnes.is_empty()).then(|| view! {
            <fieldset class="fr-fieldset" id=id("personnes") aria-labelledby=format!("{}-legend", id("personnes"))>
                <legend class="fr-fieldset__legend fr-text--regular" id=format!("{}-legend", id("personnes"))>
                    "Personnes concernées" <span class="fr-hint-text">"Aucune cochée : la note concerne tout le ménage"</span>
                </legend>
                {personnes.into_iter().enumerate().map(|(i, (pid, name))| {
                    let box_id = format!("{}-{i}", id("personnes"));
                    view! {
                        <div class="fr-fieldset__element fr-fieldset__element--inline">
                            <div class="fr-checkbox-group">
                                <input type="checkbox" id=box_id.clone() name=format!("form[personnes][{i}]") value=pid.to_string() checked=chosen.contains(&pid) />
                                <label class="fr-label" for=box_id>{name}</label>
                            </div>
                        </div>
                    }
                }).collect_view()}
                <div class="fr-messages-group" data-field="personnes" aria-live="polite"></div>
            </fieldset>
        })}
        <div class="fr-fieldset__element">
            <div class="fr-checkbox-group">
                <input type="checkbox" id=id("confidentielle") name="form[confidentielle]" value="oui" checked=confidentielle />
                <label class="fr-label" for=id("confidentielle")>
                    "Confidentielle"
                    <span class="fr-hint-text">"Lue seulement par vous et par les professionnels de votre SIAO ou de vos dispositifs"</span>
                </label>
            </div>
        </div>
        <div class="fr-fieldset__element">
            <div class="fr-checkbox-group">
                <input type="checkbox" id=id("publier") name="form[publier]" value="oui" />
                <label class="fr-label" for=id("publier")>
                    "Publier maintenant"
                    <span class="fr-hint-text">"Sinon la note reste un brouillon que vous seul lisez et pouvez modifier"</span>
                </label>
            </div>
        </div>
    }
}
