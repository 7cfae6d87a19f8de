//! One module per page.
pub mod account;
pub mod accounts;
pub mod consultation;
pub mod consultation_edit;
pub mod draft;
pub mod draft_assess;
pub mod draft_edit;
pub mod drafts;
pub mod element;
pub mod elements;
pub mod home;
pub mod invitation;
pub mod login;
pub mod moderation;
pub mod organisation;
pub mod organisations;
pub mod phase_edit;
pub mod position;
pub mod record_edit;
pub mod scorecard;
pub mod scorecard_change;
pub mod scorecard_demands;
pub mod scorecard_gaps;
pub mod scorecard_matrix;
pub mod timeline;

pub use crate::components::error_view::NotFound;
