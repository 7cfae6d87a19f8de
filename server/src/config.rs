//! Configuration from the environment.
use std::net::SocketAddr;

use leptos::config::{Env, LeptosOptions};

/// Where the server listens and where the built site (JS, WebAssembly, CSS) is.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub site_root: String,
}

#[derive(Debug, thiserror::Error)]
#[error("LEPTOS_SITE_ADDR is not an address such as 127.0.0.1:3000: {0:?}")]
pub struct BadAddress(String);

impl ServerConfig {
    /// `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000) and `LEPTOS_SITE_ROOT` (default target/site).
    pub fn from_env() -> Result<Self, BadAddress> {
        let raw = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_string());
        let addr = raw.parse().map_err(|_| BadAddress(raw))?;
        let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_string());
        Ok(ServerConfig { addr, site_root })
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
