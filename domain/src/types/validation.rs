//! A validation failure names the field and the reason, so the page can show both.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvalidReason {
    /// The value is not one of the known values.
    UnknownValue(String),
    /// The value is not a date (YYYY-MM-DD).
    NotADate(String),
    /// The value is not a whole number in range.
    NotANumber(String),
    /// A value is required.
    Required,
    /// The value is longer than allowed.
    TooLong { max: usize },
    /// The value is shorter than allowed.
    TooShort { min: usize },
    /// Another record already uses this value.
    AlreadyTaken,
    /// The dates do not make a valid span for the precision.
    BadDateSpan,
    /// The end date is before the start date.
    EndBeforeStart,
    /// The start date does not fit the precision (a month starts on the 1st, ...).
    PrecisionMismatch,
    /// The current password given is not the account's.
    WrongPassword,
    /// The two new passwords typed differ.
    Mismatch,
    /// The link has expired or was already used (an invitation).
    Expired,
    /// The value is not an email address.
    NotAnEmail,
    /// A draft's text holds no objective and no numbered paragraph.
    NoSections,
    /// A draft's text uses a section number twice (the section, e.g. "objective-3", and lines).
    DuplicateSection { section: String, first_line: usize, line: usize },
    /// The section cited is not one of the draft's.
    UnknownSection(String),
    /// The demand belongs to a position that is not published.
    NotPublished,
    /// An uploaded file is not UTF-8 text.
    NotText,
    /// A draft's text splits into more sections than allowed.
    TooManySections { max: usize },
    /// The demand cannot be rated against this draft (the scorecard's rule, with the reason).
    NotScored(super::scoring_rule::NotScored),
    /// Only a position addressing the negotiation responds to a draft.
    OnlyForNegotiation,
    /// The position's date is before the release of the draft it says it responds to.
    BeforeRelease { released: chrono::NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("invalid {field}: {reason:?}")]
pub struct Invalid {
    pub field: String,
    pub reason: InvalidReason,
}

impl Invalid {
    pub fn new(field: &str, reason: InvalidReason) -> Self {
        Invalid { field: field.to_string(), reason }
    }
}
