//! The tracker's domain: the types every layer shares (always compiled, also to WebAssembly)
//! and, with the `ssr` feature, the entities, the services that read and change the record,
//! the permissions and the built-in dataset.
pub mod draft_text;
pub mod fuzzing;
pub mod types;

#[cfg(feature = "ssr")]
pub mod compare;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod backup;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod error;
#[cfg(feature = "ssr")]
pub mod permissions;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod single_flight;
#[cfg(feature = "ssr")]
pub mod synthetic;

#[cfg(feature = "ssr")]
pub use error::{DomainError, DomainResult};
