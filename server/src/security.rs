//! Security headers on every response.
use axum::http::{header, HeaderName, HeaderValue};
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy the app itself passes: scripts and styles from this origin
/// only, plus the inline hydration bootstrap Leptos writes (hence 'unsafe-inline' for scripts
/// until nonces are wired in) and WebAssembly compilation.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'";

pub fn layers() -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let pairs: [(HeaderName, &'static str); 4] = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    pairs
        .into_iter()
        .map(|(name, value)| SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)))
        .collect()
}

/// Refuses (400) an address whose path or query holds a NUL character, even percent-encoded
/// twice (the router decodes a path parameter once more): no database text can hold one
/// (PostgreSQL refuses it outright), so such an address can name nothing. Found by the hostile
/// input tests, where it answered 500 on PostgreSQL.
pub async fn refuse_nul(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::response::IntoResponse;
    use percent_encoding::percent_decode_str;
    let raw = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("");
    let once = percent_decode_str(raw).decode_utf8_lossy();
    let twice = percent_decode_str(&once).decode_utf8_lossy();
    if twice.contains('\0') {
        return (axum::http::StatusCode::BAD_REQUEST, "the address holds a NUL character").into_response();
    }
    next.run(req).await
}
