//! The embed's module (`pop3_tutor::embed`): trunk builds it beside the tutor (`index.html`'s third rust
//! link), and `embed.html` starts it.

fn main() {
    pop3_tutor::embed::start();
}
