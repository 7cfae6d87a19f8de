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

/// Preparing an unpublished position for an organisation: its members, and coordinators.
pub fn can_prepare_for(actor: &Actor, organisation_id: i32) -> bool {
    match actor {
        Actor::Coordinator { .. } | Actor::System => true,
        Actor::Member { organisation_id: Some(org), .. } => *org == organisation_id,
        Actor::Member { organisation_id: None, .. } | Actor::Anonymous => false,
    }
}

/// Editing a position and its demands: coordinators always; members of a signatory
/// organisation while it is a draft (once published, it is the coalition's record).
pub fn can_edit_position(actor: &Actor, signatories: &[i32], status: crate::types::PositionStatus) -> bool {
    match actor {
        Actor::Coordinator { .. } | Actor::System => true,
        Actor::Member { organisation_id: Some(org), .. } => {
            status == crate::types::PositionStatus::Draft && signatories.contains(org)
        }
        Actor::Member { organisation_id: None, .. } | Actor::Anonymous => false,
    }
}

/// Publishing a draft (or taking a position back to draft): coordinators.
pub fn can_publish(actor: &Actor) -> bool {
    matches!(actor, Actor::Coordinator { .. } | Actor::System)
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

    #[test]
    fn members_draft_for_their_organisation_and_coordinators_publish() {
        use crate::types::PositionStatus::{Draft, Published};
        let member = Actor::Member { user_id: 2, organisation_id: Some(5) };
        assert!(can_prepare_for(&member, 5) && !can_prepare_for(&member, 6));
        assert!(can_edit_position(&member, &[5], Draft));
        assert!(!can_edit_position(&member, &[5], Published), "published positions are the coalition's record");
        assert!(!can_edit_position(&member, &[6], Draft));
        assert!(can_edit_position(&Actor::Coordinator { user_id: 1 }, &[6], Published));
        assert!(!can_publish(&member) && can_publish(&Actor::Coordinator { user_id: 1 }));
        assert!(!can_prepare_for(&Actor::Anonymous, 5));
    }
}
