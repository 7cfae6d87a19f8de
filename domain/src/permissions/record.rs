//! The record: elements, organisations, positions, demands, drafts.
use crate::audit::Actor;

/// Recording organisations, positions, demands, element mappings and drafts.
pub fn can_edit_record(actor: &Actor) -> bool {
    matches!(actor, Actor::Coordinator { .. } | Actor::System)
}

/// Whether the actor may see a position that is still a draft of `signatories`.
pub fn can_see_draft_position(actor: &Actor, signatories: &[i32]) -> bool {
    match actor {
        Actor::Coordinator { .. } | Actor::System => true,
        Actor::Member { organisation_id: Some(org), .. } => signatories.contains(org),
        Actor::Member { organisation_id: None, .. } | Actor::Anonymous => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_visible_to_their_organisation_and_coordinators_only() {
        assert!(can_see_draft_position(&Actor::Coordinator { user_id: 1 }, &[5]));
        assert!(can_see_draft_position(&Actor::Member { user_id: 2, organisation_id: Some(5) }, &[5, 6]));
        assert!(!can_see_draft_position(&Actor::Member { user_id: 3, organisation_id: Some(7) }, &[5]));
        assert!(!can_see_draft_position(&Actor::Anonymous, &[5]));
        assert!(!can_edit_record(&Actor::Anonymous));
    }
}
