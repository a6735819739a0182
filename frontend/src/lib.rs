//! Browser entry point. Pages are rendered on the server and stay plain HTML: only the islands
//! (`#[island]` components of the app crate: forms and their buttons) are hydrated. Everything
//! else, the router included, never reaches the browser.

use wasm_bindgen::prelude::wasm_bindgen;

// Links the app crate, whose islands are exported to the island loader by `#[island]`.
#[allow(unused_imports)]
pub use app::islands_linked;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
