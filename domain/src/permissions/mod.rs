//! Who may do what, one module per area, as predicates checked by the domain functions
//! before they change anything.
pub mod accounts;
pub mod comments;
pub mod record;
pub mod scorecard;
pub mod timeline;

use crate::error::{DomainError, DomainResult};

/// Turns a predicate's answer into the domain's refusal. Whether it reads "sign in first" or
/// "not allowed" is the web layer's to say, in one place (`app::error::AppError::refusal`).
pub fn ensure(allowed: bool) -> DomainResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}
