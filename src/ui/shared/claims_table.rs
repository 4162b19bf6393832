//! The tutorial's claims beside what this browser measured: one table per chapter, on the
//! chapter's tour page and on `/claims`. A claim a sync preset measures has a Measure button
//! that runs the preset here; the others are measured by their page's demo, which records its
//! value (`web::claims::record`), and the table shows it at once.

use crate::ui::route::Route;
use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use engine::claims::{Measured, TutorialClaim};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`ClaimsTable`].
#[derive(Properties, PartialEq)]
pub struct ClaimsTableProps {
    /// The chapter whose claims it lists (2–9).
    pub chapter: u8,
    /// Whether to link each claim to the page whose demo measures it (on `/claims`).
    #[prop_or_default]
    pub links: bool,
}

/// The latest measurements in this browser, read in an effect and again after each record.
#[hook]
pub fn use_measured() -> Vec<(String, Measured)> {
    let measured = use_state(Vec::new);
    {
        let measured = measured.clone();
        use_effect_with((), move |_| {
            measured.set(crate::web::claims::current());
            let listening = crate::web::claims::listen(move || measured.set(crate::web::claims::current()));
            move || drop(listening)
        });
    }
    (*measured).clone()
}

/// One chapter's claims, what the tutorial gives, and what this browser measured.
#[component]
pub fn ClaimsTable(props: &ClaimsTableProps) -> Html {
    let measured = use_measured();
    let claims = engine::claims::of_chapter(props.chapter);
    let caption = format!("Chapter {}: the tutorial's claims and what your browser measured", props.chapter);
    html! {
        <div class="claims">
            <table class="claims-table" data-testid={format!("claims-{}", props.chapter)}>
                <caption class="sr-only">{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Example" }</th>
                        <th scope="col">{ "The claim" }</th>
                        <th scope="col">{ "The tutorial gives" }</th>
                        <th scope="col">{ "Measured here" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for claims.iter().map(|c| {
                        let m = measured.iter().find(|(id, _)| id == c.id).map(|(_, m)| m.clone());
                        html! { <ClaimRow claim={*c} measured={m} link={props.links} /> }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ClaimRowProps {
    claim: TutorialClaim,
    measured: Option<Measured>,
    link: bool,
}

#[component]
fn ClaimRow(props: &ClaimRowProps) -> Html {
    let c = props.claim;
    let lab = use_lab();
    let session = use_run_session::<()>();
    let measure = c.preset.map(|preset| {
        let (session, lab) = (session.dispatcher(), lab.clone());
        Callback::from(move |_| {
            run_on_lab(&lab, session.clone(), move |_, _| async move {
                crate::web::claims::run_preset(preset).await.map(drop)
            });
        })
    });
    let slug = c.slug.parse().ok();
    html! {
        <tr data-claim={c.id}>
            <td data-label="Example">{ c.example }</td>
            <td data-label="The claim">
                { c.claim }
                if let (true, Some(slug)) = (props.link, slug) {
                    { " " }<Link<Route> to={Route::Learn { slug }}>{ "See the demo" }</Link<Route>>
                }
            </td>
            <td data-label="The tutorial gives">{ c.tutorial }</td>
            <td data-label="Measured here" class="claim-measured" aria-live="polite">
                { match &props.measured {
                    Some(m) => html! {
                        <>
                            <span class={classes!("claim-verdict", if m.holds { "holds" } else { "fails" })}>
                                { if m.holds { "✓ holds: " } else { "✗ does not hold: " } }
                            </span>
                            { m.value.clone() }
                        </>
                    },
                    None if c.preset.is_some() => html! { <span class="muted">{ "Not measured yet: press Measure." }</span> },
                    None => html! { <span class="muted">{ "Not measured yet: run the demo on its page." }</span> },
                } }
                if let Some(e) = &session.error { <p class="field-error">{ e.clone() }</p> }
                if let Some(onclick) = measure {
                    <button class="button small" disabled={session.busy()} onclick={onclick}
                        aria-label={format!("Measure {} ({})", c.example, c.id)}>
                        { if session.busy() { "Measuring…" } else { "Measure" } }
                    </button>
                }
            </td>
        </tr>
    }
}
