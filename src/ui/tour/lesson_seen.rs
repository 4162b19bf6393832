//! The "What you just saw" box: numbers measured in the reader's own run, never made up.

use yew::prelude::*;

/// One measured fact for the box.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    /// What was measured, e.g. "Blocked 2000 ms".
    pub label: AttrValue,
    /// The number, formatted, e.g. "1987 ms late".
    pub value: AttrValue,
    /// One sentence saying what the number means.
    pub detail: AttrValue,
}

/// Shows the facts measured so far, in the order they were measured, or, before any run, says
/// how to get some.
pub fn lesson_seen(seen: &[Seen]) -> Html {
    html! {
        <section class="lesson-seen" aria-labelledby="seen-h" data-testid="what-you-saw">
            <h2 id="seen-h">{ "What you just saw" }</h2>
            if seen.is_empty() {
                <p class="muted">{ "Run the demo to see your numbers." }</p>
            } else {
                <dl>
                    { for seen.iter().map(|s| html! {
                        <div class="seen-row">
                            <dt>{ s.label.clone() }</dt>
                            <dd><strong class="seen-value">{ s.value.clone() }</strong>{ " " }<span>{ s.detail.clone() }</span></dd>
                        </div>
                    }) }
                </dl>
            }
        </section>
    }
}
