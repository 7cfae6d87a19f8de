//! The WebAssembly entry: hydrates the server-rendered page.
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// `performance.mark(name)`: the benchmark reads the moment hydration ended from it.
    #[wasm_bindgen(js_namespace = performance)]
    fn mark(name: &str);
}

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    mark("hydrated");
}
