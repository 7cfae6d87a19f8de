//! The fixtures the domain tests share, built in one place: people, the worklist and
//! comparison filters, and a rating's evidence.
use domain::audit::{Actor, Audit};
use domain::services::users::{self, NewUser};
use domain::types::{AssessmentFields, Rating, Role, ScorecardFilter};

use super::TestDb;

/// The password every test account has.
pub const PASSWORD: &str = "correct horse battery staple";

/// A new account (of `organisation` for a member), as the person acting.
pub async fn person(t: &TestDb, email: &str, role: Role, organisation: Option<&str>) -> Actor {
    let input = NewUser {
        email: email.into(),
        name: format!("Name of {email}"),
        role,
        organisation: organisation.map(str::to_string),
        password: PASSWORD.into(),
    };
    users::create(&t.db, &Audit::now(Actor::System), input).await.expect("account").actor()
}

/// The demands of `draft` still to rate, first page (the coordinators' worklist).
pub fn worklist(draft: &str) -> ScorecardFilter {
    ScorecardFilter { draft: Some(draft.into()), page: 1, pending_only: true, ..Default::default() }
}

/// The change from draft `from` to draft `to`, first page.
pub fn comparing(from: &str, to: &str) -> ScorecardFilter {
    ScorecardFilter { from: Some(from.into()), to: Some(to.into()), page: 1, ..Default::default() }
}

/// A rating citing `section` with `quote`, and a source for the draft's wording.
pub fn rating(rating: Rating, section: &str, quote: &str) -> AssessmentFields {
    AssessmentFields {
        rating,
        section: section.into(),
        quote: quote.into(),
        note: String::new(),
        source_url: "https://example.org/draft-wording".into(),
    }
}
