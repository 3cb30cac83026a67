use yew::prelude::*;

/// Whether a `<details>` element is open, following the reader's toggles, and the `ontoggle` handler that
/// keeps it so: a folded panel then renders its body only while open (nothing to lay out, or fetch, until it
/// is unfolded).
#[hook]
pub fn use_details(open_at_first: bool) -> (bool, Callback<Event>) {
    let open = use_state(|| open_at_first);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open")))
    };
    (*open, ontoggle)
}
