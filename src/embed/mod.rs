//! The embed: a help article's POP3 session that plays step by step with captions, then hands the reader a
//! live console at exactly that point. Built as its own module (the `pop3-embed` binary, started by
//! `embed.html`), without the tutor's trainer tools, lessons and settings: the console, the simulator and the
//! explanations are the tutor's own.
//!
//! | file | what |
//! | --- | --- |
//! | [`params`] | the URL parameters (a contract) |
//! | [`player`] | playback as a plain state machine: typing, sending, waiting, captions, pauses |
//! | [`widget`] | the widget: console, controls, the loop that plays the demo into the console |
//! | [`frame`] | the host page: posted events, the frame's height, visibility, media preferences |
//!
//! The widget writes no storage and sets no cookies: everything it starts from is in its address.

pub mod frame;
pub mod params;
pub mod player;
pub mod snippet;
pub mod widget;

use pop3_sim::Scenario;

use crate::boot::{self, Notice, ReadShared};
use crate::i18n::Lang;
use crate::web;

pub use params::{EmbedParams, EmbedTheme};

/// What the widget starts from, read from its address once.
#[derive(Debug)]
pub struct Start {
    /// The scenario (`scenario=ID` or `#s=`), whose `demo` is played.
    pub scenario: Scenario,
    /// `lang=`.
    pub lang: Option<Lang>,
    /// The browser's language, when it is one of ours.
    pub browser_lang: Option<Lang>,
    /// Problems with the address, said in the widget.
    pub notices: Vec<Notice>,
    /// The widget's own parameters.
    pub params: EmbedParams,
    /// The tutor's address for the same scenario and language, relative to the widget's page.
    pub tutor: String,
    /// Whether embed.js made the frame and sizes it to the widget (it names the frame [`SIZED_FRAME`]).
    pub sized_by_host: bool,
}

/// The name embed.js gives the frames it sizes to their content (`window.name` inside the frame): a plain
/// iframe keeps its own height, which the widget then fills.
pub const SIZED_FRAME: &str = "pop3-tutor-sized";

impl Start {
    /// Reads the page's address, `#s=` with `read_shared`.
    pub fn read(read_shared: ReadShared) -> Start {
        let (search, fragment) = web::location_parts();
        let browser_lang = web::browser_language().as_deref().and_then(Lang::from_tag);
        let mut start = Start::from_address(&search, &fragment, browser_lang, read_shared);
        start.sized_by_host = web_sys::window().and_then(|w| w.name().ok()).is_some_and(|n| n == SIZED_FRAME);
        start
    }

    /// Reads an address's query and fragment.
    pub fn from_address(search: &str, fragment: &str, browser_lang: Option<Lang>, read_shared: ReadShared) -> Start {
        let boot = boot::boot_with(search, fragment, read_shared);
        let params = EmbedParams::read(search);
        // An embed says what went wrong, not that a shared scenario opened as it should.
        let mut notices: Vec<Notice> = boot
            .notices
            .into_iter()
            .filter(|n| matches!(n, Notice::UnknownScenario { .. } | Notice::BadShareLink(_)))
            .collect();
        if !params.bad.is_empty() {
            notices.push(Notice::BadEmbedParams(params.bad.clone()));
        }
        let lang = boot.url_lang.or(browser_lang).unwrap_or_default().tag();
        // A shared scenario goes on in the same fragment it came in (writing it out again would bring the
        // scenario writer into the widget's module for a copy of what the address already holds).
        let shared = fragment.strip_prefix('#').filter(|f| f.split('&').any(|p| p.starts_with("s=")));
        let tutor = match shared {
            Some(fragment) if !notices.iter().any(|n| matches!(n, Notice::BadShareLink(_))) => {
                format!("./?lang={lang}#{fragment}")
            }
            _ => format!("./?scenario={}&lang={lang}", boot.scenario.id),
        };
        Start {
            scenario: boot.scenario,
            lang: boot.url_lang,
            browser_lang,
            notices,
            params,
            tutor,
            sized_by_host: false,
        }
    }
}

/// Starts the widget in the page's body. The two modules differ only in `read_shared` (see `embed-start.js`):
/// `pop3-embed` passes [`boot::no_shared_scenarios`], so the scenario format's reader is not linked into it
/// (the built-in scenarios are compiled in as values); `pop3-embed-shared` passes [`crate::share::decode`].
pub fn start(read_shared: ReadShared) {
    yew::Renderer::<widget::Embed>::with_props(widget::EmbedProps { read_shared }).render();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share;

    #[test]
    fn the_tutors_address_carries_the_same_scenario_and_language() {
        let s = Start::from_address("?scenario=wrong-password&lang=pl&autoplay=1", "", None, share::decode);
        assert_eq!(
            (s.scenario.id.as_str(), s.tutor.as_str()),
            ("wrong-password", "./?scenario=wrong-password&lang=pl")
        );
        let s = Start::from_address("", "", Some(Lang::Pl), share::decode);
        assert_eq!(s.tutor, "./?scenario=seed&lang=pl");
        let mut mine = pop3_sim::scenario::builtin("seed").unwrap();
        mine.id = "mine".into();
        let fragment = format!("#{}", crate::share::encode(&mine));
        let s = Start::from_address("?lang=en", &fragment, None, share::decode);
        assert_eq!(s.scenario.id, "mine");
        assert_eq!(s.tutor, format!("./?lang=en{fragment}"));
        assert!(s.notices.is_empty(), "opening a shared scenario is not news in an embed: {:?}", s.notices);
        let s = Start::from_address("?scenario=nope", "#s=1.!!", None, share::decode);
        assert_eq!(s.tutor, "./?scenario=seed&lang=en");
        assert_eq!(s.notices.len(), 2, "the bad link and the unknown id: {:?}", s.notices);
    }

    #[test]
    fn the_module_without_the_reader_opens_built_ins_and_refuses_a_shared_scenario() {
        let s = Start::from_address("?scenario=wrong-password&lang=pl", "", None, boot::no_shared_scenarios);
        assert_eq!(s.scenario, pop3_sim::scenario::builtin("wrong-password").unwrap());
        assert!(s.notices.is_empty());
        let mut mine = pop3_sim::scenario::builtin("seed").unwrap();
        mine.id = "mine".into();
        let fragment = format!("#{}", share::encode(&mine));
        let s = Start::from_address("?lang=en", &fragment, None, boot::no_shared_scenarios);
        assert_eq!(s.scenario.id, "seed");
        assert_eq!(s.notices, [Notice::BadShareLink(share::ShareError::NotInThisModule)]);
        assert_eq!(s.tutor, "./?scenario=seed&lang=en", "the link it could not read is not passed on as good");
    }
}
