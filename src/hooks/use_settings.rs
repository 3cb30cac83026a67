use yew::prelude::*;

use crate::settings::{Corrupt, Settings, STORAGE_KEY};
use crate::web;

/// Reads the saved settings. An unreadable saved value is removed (so it is reported only once) and its error
/// returned.
pub fn load_settings() -> Result<Settings, Corrupt> {
    match Settings::parse_saved(web::storage_get(STORAGE_KEY).as_deref()) {
        Ok(s) => Ok(s.unwrap_or_default()),
        Err(e) => {
            web::storage_remove(STORAGE_KEY);
            Err(e)
        }
    }
}

/// Saves the settings whenever they change (not on the first render: nothing was chosen yet).
#[hook]
pub fn use_persist_settings(settings: &Settings) {
    let first = use_mut_ref(|| true);
    use_effect_with(settings.clone(), move |settings| {
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            web::storage_set(STORAGE_KEY, &settings.to_saved());
        }
    });
}
