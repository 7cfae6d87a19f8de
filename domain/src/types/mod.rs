//! Types shared by every layer, compiled for the server and for the browser alike.
pub mod accounts;
pub mod dates;
pub mod enums;
pub mod filters;
pub mod forms;
pub mod record_forms;
pub mod validation;
pub mod views;

pub use accounts::{
    AccountView, CommentView, InvitationView, ReportView, Viewer, INVITATION_VALID_DAYS, MIN_PASSWORD_CHARS,
};
pub use dates::{DateLabel, DatePrecision, DateSpan, DateSpanError};
pub use enums::*;
pub use filters::{AsOf, ElementLetter, TimelineFilter, TimelineQuery};
pub use forms::{ConsultationInput, FormValues, PhaseInput};
pub use record_forms::{DemandFields, OrganisationInput, PositionFields};
pub use validation::{Invalid, InvalidReason};
pub use views::*;
