//! The WebAssembly entry. The pages are HTML from the server; only their islands (the
//! `#[island]` components of the `app` crate) are hydrated here, so only their code ships.
use wasm_bindgen::prelude::wasm_bindgen;

// Links the app's islands, which `#[island]` exports to the page's hydration script.
extern crate app;

#[wasm_bindgen]
extern "C" {
    /// `performance.mark(name)`: the benchmark reads the moment hydration ended from it.
    #[wasm_bindgen(js_namespace = performance)]
    fn mark(name: &str);
}

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    mark("hydrated");
}
