//! The server: start-up as library functions (so tests boot the same app `main` runs), the
//! HTTP router, and the command line.
pub mod actions;
pub mod api;
pub mod auth;
pub mod availability;
pub mod cli;
pub mod config;
pub mod csrf;
pub mod deadline;
pub mod feeds;
pub mod forms;
pub mod health;
pub mod invalidation;
pub mod lang;
pub mod listener;
pub mod mail;
pub mod metrics;
pub mod page_cache;
pub mod request_log;
pub mod router;
pub mod security;
pub mod shutdown;
pub mod state;
