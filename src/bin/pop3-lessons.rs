//! The lessons' module (`crate::lesson_app`): trunk builds it beside the tutor (`index.html`'s second rust
//! link), and the tutor fetches and starts it the first time lessons are opened.

fn main() {
    pop3_tutor::lesson_app::start();
}
