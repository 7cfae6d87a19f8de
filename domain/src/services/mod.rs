//! The domain functions: reads (`list`, `get`, ...) and writes (`create`, `update`, ...), each
//! taking a database connection. Server functions, HTTP handlers, the command line, the seed
//! and the tests all call these.
pub mod assessments;
pub mod catalogue;
pub mod changes;
pub mod comment_limit;
pub mod comments;
pub mod consultations;
pub mod demands;
pub mod draft_changes;
pub mod drafts;
pub mod editing;
pub mod element_refs;
pub mod elements;
pub mod following;
pub mod invitations;
pub mod markdown;
pub mod notifications;
pub mod organisations;
pub mod outbox;
pub mod password_resets;
pub mod phases;
pub mod position_editing;
pub mod positions;
pub(crate) mod query;
pub mod revisions;
pub mod scorecard;
pub mod search;
pub mod sessions;
pub mod sign_in;
pub mod sources;
pub mod tallies;
pub mod timeline;
pub(crate) mod tokens;
pub mod unsubscribe;
pub mod users;

pub(crate) mod convert;
