use std::rc::Rc;

use yew::prelude::*;

use super::StateDiagram;
use crate::app::use_app;
use crate::console::display::{decode_header, display_text};
use crate::console::MailboxView;
use crate::i18n::{self, Key, Lang};

/// Rows listed per mailbox; the rest are summarised.
pub const MAX_ROWS: usize = 200;

/// Props of [`Maildrop`].
#[derive(Properties, Clone)]
pub struct MaildropProps {
    /// The mailboxes to show.
    pub maildrops: Rc<Vec<MailboxView>>,
    /// The UI language.
    pub lang: Lang,
}

impl PartialEq for MaildropProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.maildrops, &other.maildrops) && self.lang == other.lang
    }
}

/// The maildrop as the server sees it: numbers, sizes, UIDLs, deletion marks.
#[function_component(Maildrop)]
pub fn maildrop(props: &MaildropProps) -> Html {
    let lang = props.lang;
    let t = |k: Key| k.text(lang);
    let boxes = props.maildrops.iter().map(|m| {
        let total: u64 = m.rows.iter().filter(|r| !r.deleted).map(|r| r.octets).sum();
        let count = m.rows.iter().filter(|r| !r.deleted).count() as u64;
        let rows = m.rows.iter().take(MAX_ROWS).map(|r| {
            let mark = if r.expunged {
                t(Key::MarkExpunged)
            } else if r.deleted {
                t(Key::MarkDeleted)
            } else {
                ""
            };
            // A long subject is cut with an ellipsis in the narrow column; the title shows it whole.
            let subject = display_text(&decode_header(r.subject.as_deref().unwrap_or("")));
            html! {
                <tr class={classes!(r.deleted.then_some("is-deleted"))}>
                    <td class="num">{ r.number }</td>
                    <td class="num">{ i18n::number(r.octets, lang) }</td>
                    <td class="uidl"><code>{ display_text(&r.uidl) }</code></td>
                    <td class="mark">{ mark }</td>
                    <td class="subject" title={subject.clone()}>{ subject }</td>
                </tr>
            }
        });
        let label = i18n::maildrop_total(&display_text(&m.user), count, total, lang);
        html! {
            // Scrolls sideways on narrow screens: focusable, so the keyboard can scroll it too.
            <div class="maildrop-box" tabindex="0" role="region" aria-label={label.clone()}>
                <p class="maildrop-caption">
                    <strong>{ label }</strong>
                    { " — " }
                    { if m.session_view { t(Key::MaildropSession) } else { t(Key::MaildropCommitted) } }
                </p>
                if m.rows.is_empty() {
                    <p>{ t(Key::NoMessages) }</p>
                } else {
                    <table class="maildrop-table">
                        <thead>
                            <tr>
                                <th scope="col">{ t(Key::ColNumber) }</th>
                                <th scope="col">{ t(Key::ColOctets) }</th>
                                <th scope="col">{ t(Key::ColUidl) }</th>
                                <th scope="col">{ t(Key::ColMark) }</th>
                                <th scope="col">{ t(Key::ColSubject) }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                    if m.rows.len() > MAX_ROWS {
                        <p>{ i18n::more_rows((m.rows.len() - MAX_ROWS) as u64, lang) }</p>
                    }
                }
            </div>
        }
    });
    html! {
        <section class="maildrop" aria-labelledby="maildrop-heading">
            <h3 id="maildrop-heading">{ t(Key::MaildropHeading) }</h3>
            { for boxes }
        </section>
    }
}

/// Beside the console: the session state diagram and the maildrop, live.
#[function_component(Inspector)]
pub fn inspector() -> Html {
    let app = use_app();
    let lang = app.lang();
    let view = app.view();
    html! {
        <section class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading">{ Key::InspectorHeading.text(lang) }</h2>
            <StateDiagram state={view.session_state} live={view.live} {lang} />
            <Maildrop maildrops={view.maildrops.clone()} {lang} />
        </section>
    }
}
