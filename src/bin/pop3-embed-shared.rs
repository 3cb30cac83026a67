//! The embed's module for a scenario carried whole in the address (`#s=…`): the same widget as `pop3-embed`,
//! with the scenario format's reader. `embed.html`'s start script loads it only for such an address.

fn main() {
    pop3_tutor::embed::start(pop3_tutor::share::decode);
}
