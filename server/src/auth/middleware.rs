//! Puts the signed-in account (or none) into every request for the pages and server
//! functions, and notices a session cookie that no longer opens a session ("expired").
use app::auth::RequestUser;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::AuthSession;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "tracker_session";

fn has_session_cookie(req: &Request) -> bool {
    req.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).any(|cookies| {
        cookies.split(';').any(|c| c.trim().split_once('=').is_some_and(|(name, _)| name.trim() == SESSION_COOKIE))
    })
}

/// The middleware (runs inside the authentication layer).
pub async fn request_user(mut req: Request, next: Next) -> Response {
    let account = req.extensions().get::<AuthSession>().and_then(|a| a.user.clone()).map(|u| u.0);
    let session_expired = account.is_none() && has_session_cookie(&req);
    req.extensions_mut().insert(RequestUser { account, session_expired });
    let mut response = next.run(req).await;
    if session_expired && !response.headers().contains_key(header::SET_COOKIE) {
        // Forget the dead cookie so the message shows once.
        let removal = format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        if let Ok(v) = HeaderValue::from_str(&removal) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}
