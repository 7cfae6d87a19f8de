//! The language switch: `/lang/{code}?next=/path` sets the language cookie and goes back,
//! so choosing a language works without JavaScript.
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The cookie leptos_i18n reads on the server (and on the client) to pick the language.
pub const COOKIE: &str = "i18n_pref_locale";
pub const LANGUAGES: &[&str] = &["en", "fr", "es"];

#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only paths on this site: "/..." but not "//host" (no open redirect).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && !n.contains(['\r', '\n']) => n,
        _ => "/",
    }
}

pub async fn switch(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    if !LANGUAGES.contains(&code.as_str()) {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    }
    let cookie = format!("{COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax");
    let location = safe_next(q.next.as_deref()).to_string();
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(cookie), Ok(location)) = (HeaderValue::from_str(&cookie), HeaderValue::from_str(&location)) {
        headers.insert(header::SET_COOKIE, cookie);
        headers.insert(header::LOCATION, location);
    } else {
        headers.insert(header::LOCATION, HeaderValue::from_static("/"));
    }
    response
}

/// The reader's language: the language cookie, else the browser's first known language.
pub fn request_locale(headers: &header::HeaderMap) -> app::i18n::Locale {
    use app::i18n::Locale;
    let cookie = crate::page_cache::cookie(headers, COOKIE);
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let wanted = cookie.into_iter().chain(accept.split(',').map(|l| l.split(';').next().unwrap_or("").trim()));
    for language in wanted {
        match language.get(..2) {
            Some("fr") => return Locale::fr,
            Some("es") => return Locale::es,
            Some("en") => return Locale::en,
            _ => {}
        }
    }
    Locale::en
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/timeline?region=africa")), "/timeline?region=africa");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
