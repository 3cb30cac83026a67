//! Custom hooks: where side effects live (the simulated session's clock and timers, localStorage, the
//! bridge's WebSocket in real-server mode, the service worker of the offline copy).

mod bridge;
mod use_after_first_paint;
mod use_command_line;
mod use_console;
mod use_details;
mod use_history;
mod use_lessons;
mod use_offline;
mod use_settings;

pub use use_after_first_paint::use_after_first_paint;
pub use use_command_line::{split_paste, use_command_line, CommandLineActions, CommandLineHandle};
pub use use_console::{use_console, BridgeClient, BridgeSetting, ConsoleHandle};
pub use use_details::use_details;
pub use use_history::{use_history, History, HistoryHandle, HISTORY_MAX};
pub use use_lessons::{use_lessons, LessonsDeps, LessonsHandle, LessonsLoad};
pub use use_offline::{use_offline, Offline};
pub use use_settings::{load_settings, use_persist_settings};
