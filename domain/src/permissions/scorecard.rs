//! The scorecard: drafts of the compact and the assessments of demands against them.
use crate::audit::Actor;

/// Entering a draft (its details and its text): coordinators.
pub fn can_enter_drafts(actor: &Actor) -> bool {
    matches!(actor, Actor::Coordinator { .. } | Actor::System)
}

/// Rating a demand against a draft: coordinators.
pub fn can_assess(actor: &Actor) -> bool {
    matches!(actor, Actor::Coordinator { .. } | Actor::System)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_coordinators_enter_drafts_and_assess() {
        let coordinator = Actor::Coordinator { user_id: 1 };
        let member = Actor::Member { user_id: 2, organisation_id: Some(5) };
        assert!(can_enter_drafts(&coordinator) && can_assess(&coordinator));
        assert!(!can_enter_drafts(&member) && !can_assess(&member));
        assert!(!can_enter_drafts(&Actor::Anonymous) && !can_assess(&Actor::Anonymous));
    }
}
