//! Starts the pop3-tutor app in the page (`trunk serve`, `trunk build --release`).

fn main() {
    yew::Renderer::<pop3_tutor::App>::new().render();
}
