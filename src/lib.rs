//! # pop3-tutor: the browser app
//!
//! A POP3 tutor that runs entirely in the browser: a console where you `telnet` to a simulated mail server and
//! type POP3 commands, an inspector showing the maildrop and the session state, and an explain pane that says
//! what each reply means. Built with Yew (client-side rendering) and trunk.
//!
//! | module | what |
//! | --- | --- |
//! | [`console`] | the console's logic without UI: shell, network emulation, driving the simulated session |
//! | [`state`] | the reducer: settings, notices, the explained reply, the console's view |
//! | [`i18n`] | every UI string, English and Polish |
//! | [`settings`], [`boot`], [`share`] | localStorage settings, the page address, `#s=` share links |
//! | [`bridge_link`] | `?bridge=`: a bridge on the page's own origin, another one (asked about first), or none |
//! | [`app`], [`pages`], [`components`], [`hooks`] | the Yew UI |
//! | [`lesson`] | guided lessons without UI: the lesson reader, goals, the tracker, what the tutor tells the lessons |
//! | [`lesson_app`] | the lesson panel: a module of its own (`src/bin/pop3-lessons.rs`), fetched when first opened |
//! | [`embed`] | the embeddable widget for help articles: a module of its own (`src/bin/pop3-embed.rs`, `embed.html`) |

#![forbid(unsafe_code)]

pub mod app;
pub mod boot;
pub mod bridge_link;
pub mod components;
pub mod console;
pub mod decoder;
pub mod embed;
pub mod hooks;
pub mod i18n;
pub mod lesson;
pub mod lesson_app;
pub mod pages;
pub mod settings;
pub mod share;
pub mod state;
pub mod web;

pub use app::App;
