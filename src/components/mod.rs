//! The pieces of the screen. Each has a section of `styles/app.css` headed by its file name (one stylesheet:
//! one request, and gzip shares its dictionary across the sections).

mod bridge_confirm;
mod challenge;
mod console;
pub mod decoder;
mod editor;
mod embed_snippet;
mod explain;
mod inspector;
mod lessons;
mod log;
mod notices;
mod offline;
mod scenario;
mod settings;
mod state_diagram;
mod wait;

pub use bridge_confirm::{BridgeConfirm, BridgeConfirmProps};
pub use challenge::Challenge;
pub use console::{Console, ConsoleProps, COMMAND_INPUT_ID};
pub use editor::ScenarioEditor;
pub use embed_snippet::EmbedSnippet;
pub use explain::{ExplainPane, ExplainView, ExplainViewProps};
pub use inspector::{Inspector, Maildrop, MaildropProps};
pub use lessons::LessonsPanel;
pub use log::{Captions, LogEntry, LogEntryProps, LogView, LogViewProps};
pub use notices::{Notices, NoticesProps};
pub use offline::{OfflineStatus, OfflineStatusProps};
pub use scenario::ScenarioPanel;
pub use settings::SettingsPanel;
pub use state_diagram::{StateDiagram, StateDiagramProps};
pub use wait::{WaitIndicator, WaitIndicatorProps};
