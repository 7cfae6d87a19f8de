//! Configuration from the environment.
use std::net::SocketAddr;

use leptos::config::{Env, LeptosOptions};

/// Where the server listens, where the built site (JS, WebAssembly, CSS) is, and how it is
/// reached from outside.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub site_root: String,
    pub settings: Settings,
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
}

impl Settings {
    /// Settings for tests and local runs: http://localhost, cookies without Secure.
    pub fn local(addr: SocketAddr) -> Self {
        Settings { public_url: format!("http://{addr}"), secure_cookies: false, trust_proxy: false }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("LEPTOS_SITE_ADDR is not an address such as 127.0.0.1:3000: {0:?}")]
pub struct BadAddress(String);

fn flag(name: &str, default: bool) -> bool {
    match std::env::var(name) {
        Ok(v) => !matches!(v.trim().to_ascii_lowercase().as_str(), "0" | "false" | "no" | "off"),
        Err(_) => default,
    }
}

impl ServerConfig {
    /// `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000), `LEPTOS_SITE_ROOT` (default target/site),
    /// `PUBLIC_URL` (default http://LEPTOS_SITE_ADDR), `SECURE_COOKIES` (default: on for https),
    /// `TRUST_PROXY` (default off).
    pub fn from_env() -> Result<Self, BadAddress> {
        let raw = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_string());
        let addr = raw.parse().map_err(|_| BadAddress(raw))?;
        let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_string());
        let public_url = std::env::var("PUBLIC_URL").unwrap_or_else(|_| format!("http://{addr}"));
        let settings = Settings {
            secure_cookies: flag("SECURE_COOKIES", public_url.starts_with("https://")),
            public_url,
            trust_proxy: flag("TRUST_PROXY", false),
        };
        Ok(ServerConfig { addr, site_root, settings })
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
