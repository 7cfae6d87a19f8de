//! Configuration from the environment.
use std::net::SocketAddr;

use domain::services::comment_limit::CommentLimit;
use leptos::config::{Env, LeptosOptions};

/// Where the server listens, where the built site (JS, WebAssembly, CSS) is, and how it is
/// reached from outside.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub site_root: String,
    pub settings: Settings,
    /// Where `/metrics` is served (`METRICS_ADDR`, for example 127.0.0.1:9464); off if unset.
    pub metrics_addr: Option<SocketAddr>,
    /// How long requests in flight, then the background workers, may take to finish once
    /// the server is told to stop (`SHUTDOWN_GRACE_SECS`, default 20).
    pub shutdown_grace: std::time::Duration,
    /// The bounds on each connection (`MAX_CONNECTIONS`, `HEADER_TIMEOUT_SECS`,
    /// `IDLE_TIMEOUT_SECS`; see `listener.rs`).
    pub limits: crate::listener::Limits,
}

/// What the request handlers need to know about the deployment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The address people use, for absolute links in feeds (`PUBLIC_URL`).
    pub public_url: String,
    /// Session cookies only over HTTPS (`SECURE_COOKIES`; by default on when `PUBLIC_URL` is https).
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` (`TRUST_PROXY=1` behind a proxy).
    pub trust_proxy: bool,
    /// Comments per account within a window (`COMMENT_LIMIT`, default 20, 0 for none;
    /// `COMMENT_LIMIT_MINUTES`, default 10).
    pub comment_limit: CommentLimit,
    /// The memory kept public pages may take, in megabytes (`PAGE_CACHE_MB`, default 64).
    pub page_cache_mb: u64,
    /// How long a reader of a changed public page waits for its render before getting the page
    /// as it was before the change, in milliseconds (`RENDER_WAIT_MS`, default 25).
    pub render_wait_ms: u64,
    /// The longest a request may take before it is answered 503 (`REQUEST_TIMEOUT_SECS`, default 30).
    pub request_timeout: std::time::Duration,
    /// How email is sent (`SMTP_URL`, `MAIL_FROM`); `None`: no email.
    pub mailer: Option<crate::mail::Mailer>,
}

impl Settings {
    /// Settings for tests and local runs: http://localhost, cookies without Secure.
    pub fn local(addr: SocketAddr) -> Self {
        Settings {
            public_url: format!("http://{addr}"),
            secure_cookies: false,
            trust_proxy: false,
            comment_limit: CommentLimit::DEFAULT,
            page_cache_mb: crate::page_cache::DEFAULT_BUDGET_MB,
            // a test that reads a page after changing it gets the changed page, however slow
            // the build renders it
            render_wait_ms: 60_000,
            // generous: a loaded test machine renders slowly, and the bound is tested on its own
            request_timeout: std::time::Duration::from_secs(300),
            mailer: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not an address such as 127.0.0.1:3000: {value:?}")]
    BadAddress { name: &'static str, value: String },
    #[error("{name} is not a whole number of 0 or more: {value:?}")]
    BadNumber { name: &'static str, value: String },
    #[error("{0}")]
    Mail(String),
}

fn number(name: &'static str, default: u64) -> Result<u64, ConfigError> {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().map_err(|_| ConfigError::BadNumber { name, value: v }),
        Err(_) => Ok(default),
    }
}

fn flag(name: &str, default: bool) -> bool {
    match std::env::var(name) {
        Ok(v) => !matches!(v.trim().to_ascii_lowercase().as_str(), "0" | "false" | "no" | "off"),
        Err(_) => default,
    }
}

impl ServerConfig {
    /// `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000), `LEPTOS_SITE_ROOT` (default target/site),
    /// `PUBLIC_URL` (default http://LEPTOS_SITE_ADDR), `SECURE_COOKIES` (default: on for https),
    /// `TRUST_PROXY` (default off), `COMMENT_LIMIT` and `COMMENT_LIMIT_MINUTES` (20 in 10),
    /// `PAGE_CACHE_MB` (64), `RENDER_WAIT_MS` (25), `SMTP_URL` and `MAIL_FROM` (no email without).
    pub fn from_env() -> Result<Self, ConfigError> {
        let raw = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_string());
        let addr = raw.parse().map_err(|_| ConfigError::BadAddress { name: "LEPTOS_SITE_ADDR", value: raw })?;
        let minutes = number("COMMENT_LIMIT_MINUTES", CommentLimit::DEFAULT.minutes as u64)?;
        let comment_limit = CommentLimit {
            max: number("COMMENT_LIMIT", CommentLimit::DEFAULT.max)?,
            minutes: i64::try_from(minutes.clamp(1, 24 * 60)).unwrap_or(CommentLimit::DEFAULT.minutes),
        };
        let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_string());
        let public_url = std::env::var("PUBLIC_URL").unwrap_or_else(|_| format!("http://{addr}"));
        let settings = Settings {
            secure_cookies: flag("SECURE_COOKIES", public_url.starts_with("https://")),
            public_url,
            trust_proxy: flag("TRUST_PROXY", false),
            comment_limit,
            page_cache_mb: number("PAGE_CACHE_MB", crate::page_cache::DEFAULT_BUDGET_MB)?,
            render_wait_ms: number("RENDER_WAIT_MS", crate::page_cache::DEFAULT_WAIT_MS)?,
            request_timeout: std::time::Duration::from_secs(number("REQUEST_TIMEOUT_SECS", 30)?.max(1)),
            mailer: crate::mail::Mailer::from_env().map_err(ConfigError::Mail)?,
        };
        let metrics_addr = match std::env::var("METRICS_ADDR") {
            Ok(raw) if !raw.trim().is_empty() => {
                Some(raw.trim().parse().map_err(|_| ConfigError::BadAddress { name: "METRICS_ADDR", value: raw })?)
            }
            _ => None,
        };
        let shutdown_grace = std::time::Duration::from_secs(number("SHUTDOWN_GRACE_SECS", 20)?);
        let defaults = crate::listener::Limits::default();
        let limits = crate::listener::Limits {
            max_connections: usize::try_from(number("MAX_CONNECTIONS", defaults.max_connections as u64)?.max(1))
                .unwrap_or(defaults.max_connections),
            header_timeout: std::time::Duration::from_secs(
                number("HEADER_TIMEOUT_SECS", defaults.header_timeout.as_secs())?.max(1),
            ),
            idle_timeout: std::time::Duration::from_secs(
                number("IDLE_TIMEOUT_SECS", defaults.idle_timeout.as_secs())?.max(1),
            ),
            ..defaults
        };
        Ok(ServerConfig { addr, site_root, settings, metrics_addr, shutdown_grace, limits })
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("gcm-tracker")
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.addr)
            .env(Env::PROD)
            .build()
    }
}
