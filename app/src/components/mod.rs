//! Pieces shared by the pages.
pub mod breadcrumb;
pub mod comments;
pub mod conflict;
pub mod date;
pub mod error_view;
pub mod field;
pub mod follow;
pub mod layout;
pub mod loaded;
pub mod loading;
pub mod record_editor;
pub mod scorecard;
