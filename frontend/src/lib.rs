//! The wasm entry point. WellTrack renders every page on the server
//! (islands mode): this hydrates only the `#[island]` components on the page.

// Links the app so its islands' exported hydrate functions are in the wasm.
#[allow(unused_extern_crates)]
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
