//! Work deferred until the browser has painted a component for the first time.

use yew::prelude::*;

/// Runs `f` once, right after the component's first paint: from a task queued in the next animation frame, so
/// it neither delays that paint nor forces a layout before it. Used to give the command line the focus (the
/// `autofocus` attribute is not applied to elements inserted after the page loaded, and focusing during the
/// first render would force a synchronous layout) and to render the side column once the console is on screen.
/// `f` is called at most once; later renders' `f` are dropped. Unmounting before the frame cancels it.
#[hook]
pub fn use_after_first_paint<F>(f: F)
where
    F: FnOnce() + 'static,
{
    use_effect_with((), move |_| {
        let frame = gloo_render::request_animation_frame(move |_| {
            gloo_timers::callback::Timeout::new(0, f).forget();
        });
        move || drop(frame)
    });
}
