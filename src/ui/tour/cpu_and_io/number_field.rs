//! A labelled text field for a number, with its validation message (or its hint) beside it; what
//! the reader typed is kept as typed, whatever it is.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What [`number_field`] draws.
pub struct NumberFieldProps {
    /// The input's id (its message's id is `<id>-msg`).
    pub id: &'static str,
    /// The label.
    pub label: &'static str,
    /// What the reader typed.
    pub text: String,
    /// `Ok(hint)` for a valid value, `Err(message)` saying what to type.
    pub note: Result<String, String>,
    /// Called with the new text on every keystroke.
    pub on_text: Callback<String>,
}

/// The field, its label and its message.
pub fn number_field(props: &NumberFieldProps) -> Html {
    let oninput = props.on_text.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let msg = format!("{}-msg", props.id);
    html! {
        <div class="field">
            <label for={props.id}>{ props.label }</label>
            <input id={props.id} type="text" inputmode="decimal" value={props.text.clone()} oninput={oninput}
                aria-invalid={props.note.is_err().to_string()} aria-describedby={msg.clone()} />
            <span id={msg} class={if props.note.is_err() { "error" } else { "muted" }}>
                { props.note.clone().unwrap_or_else(|e| e) }
            </span>
        </div>
    }
}
