//! The embed's module for built-in scenarios (`pop3_tutor::embed`): trunk builds it beside the tutor
//! (`index.html`'s rust links), and `embed.html`'s start script loads it when the address carries no `#s=`.
//! It opens no shared scenario, so the scenario format's reader is left out of it.

fn main() {
    pop3_tutor::embed::start(pop3_tutor::boot::no_shared_scenarios);
}
