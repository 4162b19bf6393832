//! The snippet builder of the event-loop page: reorder, remove and add lines.

use engine::event_loop_model::Item;
use yew::prelude::*;

/// One edit of the snippet, applied to a copy of its lines.
type Edit = Box<dyn Fn(&mut Vec<Item>)>;

/// Props of [`EventLoopSnippet`].
#[derive(Properties, PartialEq)]
pub struct EventLoopSnippetProps {
    /// The snippet's lines, in program order.
    pub items: Vec<Item>,
    /// Called with the edited snippet.
    pub on_change: Callback<Vec<Item>>,
    /// Whether editing is disabled (while a run is in progress).
    #[prop_or_default]
    pub disabled: bool,
}

/// The snippet as numbered Rust lines with move/remove buttons, and buttons to add the kinds of
/// line it does not have yet.
#[component]
pub fn EventLoopSnippet(props: &EventLoopSnippetProps) -> Html {
    let edit = |f: Edit| {
        let (items, on_change) = (props.items.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let mut items = items.clone();
            f(&mut items);
            on_change.emit(items);
        })
    };
    let n = props.items.len();
    html! {
        <div class="el-snippet">
            <ol class="el-lines" aria-label="Snippet lines">
                { for props.items.iter().enumerate().map(|(k, item)| html! {
                    <li class={classes!("el-line", format!("kind-{}", item.key()))}>
                        <code>{ item.rust() }</code>
                        <span class="el-line-tools">
                            <button class="icon" aria-label={format!("Move line {} up", k + 1)} title="Move up"
                                disabled={props.disabled || k == 0} onclick={edit(Box::new(move |v| v.swap(k, k - 1)))}>{ "↑" }</button>
                            <button class="icon" aria-label={format!("Move line {} down", k + 1)} title="Move down"
                                disabled={props.disabled || k + 1 == n} onclick={edit(Box::new(move |v| v.swap(k, k + 1)))}>{ "↓" }</button>
                            <button class="icon" aria-label={format!("Remove line {}", k + 1)} title="Remove"
                                disabled={props.disabled || n == 1} onclick={edit(Box::new(move |v| { v.remove(k); }))}>{ "✕" }</button>
                        </span>
                    </li>
                }) }
            </ol>
            if n < Item::ALL.len() {
                <p class="el-add">
                    <span class="muted">{ "Add a line: " }</span>
                    { for Item::ALL.iter().filter(|i| !props.items.contains(i)).map(|&i| html! {
                        <button class={classes!("chip-button", format!("kind-{}", i.key()))} disabled={props.disabled}
                            onclick={edit(Box::new(move |v| v.push(i)))}>{ format!("+ {}", i.name()) }</button>
                    }) }
                </p>
            }
        </div>
    }
}
