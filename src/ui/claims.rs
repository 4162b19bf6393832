//! `/claims`: every claim of the tutorial's chapters 2–9, what the tutorial gives, and the
//! value measured in this browser by the demo that measures it (or here, for the claims a
//! playground preset measures).

use crate::ui::route::Route;
use crate::ui::shared::claims_table::{use_measured, ClaimsTable};
use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{run_on_lab, use_worded_run_session, Action};
use yew::prelude::*;
use yew_router::prelude::*;

/// The claims page.
#[component]
pub fn ClaimsPage() -> Html {
    let measured = use_measured();
    let lab = use_lab();
    // The stage says which preset is being measured.
    let session = use_worded_run_session::<()>();
    let all = engine::claims::all();
    let held = measured.iter().filter(|(_, m)| m.holds).count();
    let quick: Vec<&'static str> = {
        let mut p: Vec<_> = all.iter().filter_map(|c| c.preset).collect();
        p.dedup();
        p
    };
    let measure_all = {
        let (session, lab, quick) = (session.dispatcher(), lab.clone(), quick.clone());
        Callback::from(move |_| {
            let quick = quick.clone();
            run_on_lab(&lab, session.clone(), move |_, session| async move {
                for (i, p) in quick.iter().enumerate() {
                    let stage = format!("Measuring {} of {}: {p}…", i + 1, quick.len());
                    session.dispatch(Action::Started(Some(stage)));
                    let _ = crate::web::claims::run_preset(p).await;
                }
                Ok(())
            });
        })
    };
    html! {
        <div class="claims-page">
            <header class="lesson-head">
                <h1>{ "The tutorial's claims, measured" }</h1>
                <p class="lede">
                    { "Every claim chapters 2–9 of “Asynchronous Python” make, in our words, with the number the tutorial gives and the one your browser measured. Each value is kept in this browser until a demo measures it again." }
                </p>
                <p aria-live="polite" data-testid="claims-summary">
                    { format!("{} of {} claims measured here; {held} held.", measured.len(), all.len()) }
                </p>
                <p>
                    <button class="button primary" disabled={session.busy()} onclick={measure_all}>
                        { format!("Measure the {} quick claims here", quick.len()) }
                    </button>
                    { " " }
                    <span class="muted" aria-live="polite">
                        { session.stage.clone().unwrap_or_else(|| "Each runs a playground preset on this page's event loop, one after another; the others need their page's demo.".into()) }
                    </span>
                </p>
            </header>
            { for (2..=9u8).map(|n| {
                let lesson = crate::ui::tour::lessons::of_chapter(n).next();
                html! {
                    <section class="claims-chapter" aria-labelledby={format!("ch{n}-h")}>
                        <h2 id={format!("ch{n}-h")}>
                            { format!("Chapter {n}: ") }
                            if let Some(l) = lesson {
                                <Link<Route> to={Route::Learn { slug: l.slug }}>{ l.title }</Link<Route>>
                            }
                        </h2>
                        <ClaimsTable chapter={n} links=true />
                    </section>
                }
            }) }
        </div>
    }
}
