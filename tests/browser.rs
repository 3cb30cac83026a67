//! Browser tests (wasm-bindgen-test in headless Chromium): components rendered into a node, text asserted.
//! Run by scripts/test-web.sh:
//! `cargo test --target wasm32-unknown-unknown --test browser` with wasm-bindgen-test-runner and chromedriver.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::time::Duration;

use pop3_sim::{scenario, SessionState};
use pop3_tutor::components::{ExplainView, ExplainViewProps, LogEntry, LogEntryProps, StateDiagram, StateDiagramProps};
use pop3_tutor::console::{ClientStyle, EntryKind, Now, Shell};
use pop3_tutor::i18n::Lang;
use wasm_bindgen_test::*;
use yew::{BaseComponent, Callback};

wasm_bindgen_test_configure!(run_in_browser);

async fn render<C: BaseComponent>(props: C::Properties) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::from_millis(20)).await;
    root
}

/// The seed dialogue up to STAT, through the real shell.
fn seed_shell() -> Shell {
    let mut shell = Shell::new(scenario::builtin("seed").unwrap(), None, ClientStyle::WindowsEn).unwrap();
    for line in ["telnet pop.outlook.pl 110", "USER tester@outlook.pl", "PASS moje_hasło", "STAT"] {
        shell.submit(&[line.to_string()], Now { ms: 0, unix: 1_700_000_000 });
    }
    shell
}

#[wasm_bindgen_test]
async fn explain_view_decodes_stat_in_both_languages() {
    let shell = seed_shell();
    let entry = shell.log().last_explainable().cloned();
    let root = render::<ExplainView>(ExplainViewProps {
        entry: entry.clone(),
        latest: true,
        lang: Lang::En,
        onfollow: Callback::noop(),
    })
    .await;
    let text = root.text_content().unwrap();
    assert!(text.contains("+OK 2 53235"), "{text}");
    assert!(text.contains("2 messages"), "{text}");
    assert!(text.contains("53,235 octets"), "{text}");
    assert!(text.contains("RFC 1939 §5 (STAT)"), "{text}");
    let root =
        render::<ExplainView>(ExplainViewProps { entry, latest: true, lang: Lang::Pl, onfollow: Callback::noop() })
            .await;
    let text = root.text_content().unwrap();
    assert!(text.contains("2 wiadomości") && text.contains("53\u{a0}235 oktetów"), "{text}");
}

#[wasm_bindgen_test]
async fn state_diagram_lights_the_current_state() {
    let root = render::<StateDiagram>(StateDiagramProps {
        state: Some(SessionState::Transaction),
        live: true,
        lang: Lang::En,
    })
    .await;
    let current = root.query_selector("[aria-current=step]").unwrap().unwrap();
    assert!(current.text_content().unwrap().contains("TRANSACTION"));
    assert!(root.text_content().unwrap().contains("RETR"));
}

#[wasm_bindgen_test]
async fn a_hostile_reply_renders_as_text() {
    let mut shell = Shell::new(scenario::builtin("seed").unwrap(), None, ClientStyle::Unix).unwrap();
    shell.submit(&["<script>alert(1)</script>\u{1b}[31m".to_string()], Now { ms: 0, unix: 0 });
    let entry = shell.log().entries().find(|e| matches!(e.kind, EntryKind::Client { .. })).cloned().unwrap();
    let root = render::<LogEntry>(LogEntryProps {
        entry: Rc::clone(&entry),
        lang: Lang::En,
        selected: false,
        onselect: Callback::noop(),
        caption: None,
    })
    .await;
    assert!(root.query_selector("script").unwrap().is_none());
    let text = root.text_content().unwrap();
    assert!(text.contains("<script>alert(1)</script>\u{241b}[31m: command not found"), "{text}");
}

#[wasm_bindgen_test]
async fn a_demo_caption_renders_as_text_under_its_entry() {
    let mut shell = Shell::new(scenario::builtin("seed").unwrap(), None, ClientStyle::Unix).unwrap();
    shell.submit(&["telnet pop.outlook.pl 110".to_string()], Now { ms: 0, unix: 0 });
    let entry = shell.log().entries().last().cloned().unwrap();
    let root = render::<LogEntry>(LogEntryProps {
        entry: Rc::clone(&entry),
        lang: Lang::En,
        selected: false,
        onselect: Callback::noop(),
        caption: Some("<b>caption</b> for the step".into()),
    })
    .await;
    let caption = root.query_selector(".log-caption").unwrap().expect("the caption is drawn");
    assert_eq!(caption.text_content().unwrap(), "<b>caption</b> for the step");
    assert!(root.query_selector("b").unwrap().is_none(), "an author's caption is text, not markup");
    let entry_then_caption = root.last_element_child().unwrap();
    assert_eq!(entry_then_caption.class_name(), "log-caption", "the caption comes after its entry");
}
