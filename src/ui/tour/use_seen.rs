//! The facts of a tour page's "What you just saw" box, filled in by its demos as they measure.

use crate::ui::tour::lesson_seen::Seen;
use yew::prelude::*;

/// Keeps the latest fact per label, in the order each label was first seen.
pub fn upsert(seen: &[Seen], fact: Seen) -> Vec<Seen> {
    let mut all = seen.to_vec();
    match all.iter_mut().find(|s| s.label == fact.label) {
        Some(s) => *s = fact,
        None => all.push(fact),
    }
    all
}

/// The facts measured so far on this page, and the callback a demo calls with a new one (a
/// fact with a label already shown replaces it: a rerun shows its own numbers, not both).
#[hook]
pub fn use_seen() -> (Vec<Seen>, Callback<Seen>) {
    let seen = use_state(Vec::<Seen>::new);
    let on_seen = {
        let seen = seen.clone();
        Callback::from(move |fact: Seen| seen.set(upsert(&seen, fact)))
    };
    ((*seen).clone(), on_seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(label: &'static str, value: &'static str) -> Seen {
        Seen { label: label.into(), value: value.into(), detail: "".into() }
    }

    #[test]
    fn a_rerun_replaces_its_own_fact_and_keeps_the_order() {
        let a = upsert(&[], fact("copy", "1"));
        let b = upsert(&a, fact("shared", "99"));
        let c = upsert(&b, fact("copy", "2"));
        assert_eq!(c, vec![fact("copy", "2"), fact("shared", "99")]);
    }
}
