//! The server: start-up as library functions (so tests boot the same app `main` runs), the
//! HTTP router, and the command line.
pub mod cli;
pub mod config;
pub mod lang;
pub mod router;
pub mod security;
