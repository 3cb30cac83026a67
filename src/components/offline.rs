//! The offline copy's status in the page's header: "Available offline" once the whole build is cached, and
//! "A new version is available" with a "Reload" button when one waits (never a reload by itself: see
//! [`crate::hooks::use_offline`]). One live region, present from the start, so each appears once to a screen
//! reader.

use yew::prelude::*;

use crate::hooks::Offline;
use crate::i18n::{Key, Lang};

/// Props of [`OfflineStatus`].
#[derive(Properties, Clone, PartialEq)]
pub struct OfflineStatusProps {
    /// What the worker reported.
    pub offline: Offline,
    /// The UI language.
    pub lang: Lang,
}

/// The offline copy's status.
#[function_component(OfflineStatus)]
pub fn offline_status(props: &OfflineStatusProps) -> Html {
    let Offline { ready, update } = props.offline;
    let t = |k: Key| k.text(props.lang);
    let onclick = {
        let offline = props.offline;
        Callback::from(move |_| offline.reload())
    };
    html! {
        <div class="offline-status" role="status">
            if update {
                <p class="offline-update">
                    { t(Key::UpdateWaiting) }{ " " }
                    <button type="button" {onclick}>{ t(Key::UpdateReload) }</button>
                </p>
            } else if ready {
                <p class="offline-ready">{ t(Key::OfflineReady) }</p>
            }
        </div>
    }
}
