//! The timeline: phases and consultations.
use crate::audit::Actor;

/// Creating, editing, rescheduling, cancelling and deleting phases and consultations.
pub fn can_edit_timeline(actor: &Actor) -> bool {
    matches!(actor, Actor::Coordinator { .. } | Actor::System)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_coordinators_and_the_system_edit_the_timeline() {
        assert!(can_edit_timeline(&Actor::Coordinator { user_id: 1 }));
        assert!(can_edit_timeline(&Actor::System));
        assert!(!can_edit_timeline(&Actor::Member { user_id: 2, organisation_id: Some(1) }));
        assert!(!can_edit_timeline(&Actor::Anonymous));
    }
}
