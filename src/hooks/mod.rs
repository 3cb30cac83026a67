//! Custom hooks: where side effects live (the simulated session's clock and timers, localStorage, the
//! bridge's WebSocket in real-server mode).

mod bridge;
mod use_console;
mod use_settings;

pub use use_console::{use_console, ConsoleHandle};
pub use use_settings::{load_settings, use_persist_settings};
