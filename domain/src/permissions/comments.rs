//! Comments: members and coordinators write; authors edit and delete their own; coordinators
//! moderate (hide with a reason, restore); the public reads.
use crate::audit::Actor;

/// Writing a comment or a reply (on a position the actor can see).
pub fn can_comment(actor: &Actor) -> bool {
    matches!(actor, Actor::Member { .. } | Actor::Coordinator { .. })
}

/// Editing or deleting a comment: its author only.
pub fn can_change_comment(actor: &Actor, author_id: Option<i32>) -> bool {
    author_id.is_some() && actor.user_id() == author_id
}

/// Hiding and restoring comments, and closing reports.
pub fn can_moderate(actor: &Actor) -> bool {
    matches!(actor, Actor::Coordinator { .. })
}

/// Reporting a comment to the coordinators.
pub fn can_report(actor: &Actor) -> bool {
    can_comment(actor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_do_what_with_comments() {
        let member = Actor::Member { user_id: 2, organisation_id: Some(1) };
        let coordinator = Actor::Coordinator { user_id: 1 };
        assert!(can_comment(&member) && can_comment(&coordinator));
        assert!(!can_comment(&Actor::Anonymous));
        assert!(can_change_comment(&member, Some(2)));
        assert!(!can_change_comment(&member, Some(3)));
        assert!(!can_change_comment(&coordinator, Some(2)), "coordinators hide, they do not rewrite");
        assert!(!can_change_comment(&Actor::Anonymous, None));
        assert!(can_moderate(&coordinator) && !can_moderate(&member));
        assert!(!can_report(&Actor::Anonymous));
    }
}
