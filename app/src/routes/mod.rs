//! One module per page.
pub mod consultation;
pub mod drafts;
pub mod element;
pub mod elements;
pub mod home;
pub mod organisation;
pub mod organisations;
pub mod timeline;

pub use crate::components::error_view::NotFound;
