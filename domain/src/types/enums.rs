//! The closed vocabularies of the record. Stored as their snake_case names, parsed strictly
//! (an unknown value is a validation error, never a silent default).

use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
                 AsRefStr, Display, EnumString, EnumIter, IntoStaticStr)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        // Stored in text columns as the same snake_case names (the columns' values are read
        // and written as the enum itself; an unknown stored value is a `DbErr`, not a panic).
        #[cfg_attr(
            feature = "ssr",
            derive(sea_orm::DeriveActiveEnum),
            sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($variant),+ }
    };
}

vocabulary!(
    /// What kind of meeting a consultation is. After adoption: a regional review of the
    /// compact's implementation (from 2020), the International Migration Review Forum (every
    /// four years from 2022).
    ConsultationKind {
        Thematic,
        RegionalIntergovernmental,
        RegionalCivilSociety,
        NationalMultistakeholder,
        RegionalConsultativeProcess,
        MultistakeholderHearing,
        Stocktaking,
        NegotiationRound,
        Conference,
        Endorsement,
        RegionalReview,
        ReviewForum,
    }
);

vocabulary!(
    /// Where a consultation stands.
    ConsultationStatus { Planned, Confirmed, Held, Postponed, Cancelled }
);

vocabulary!(
    /// How open a consultation is to civil society.
    CivilSocietyAccess { Open, Accredited, ByInvitation, Closed, Unknown }
);

vocabulary!(
    /// The regions the UN regional commissions and civil-society networks use.
    Region { Global, Africa, ArabStates, AsiaPacific, Europe, LatinAmericaCaribbean, NorthAmerica }
);

vocabulary!(
    /// What kind of body an organisation is.
    OrganisationKind { MigrantLed, Ngo, TradeUnion, FaithBased, Academic, Network }
);

vocabulary!(
    /// What an organisation wants the compact to do with an element.
    Stance { Advance, Limit }
);

vocabulary!(
    /// What a position addresses: the compact's negotiation (the only positions a draft's
    /// scorecard counts), the compact's follow-up and review, or another addressee (a
    /// government, a regional body), kept as context.
    Addresses { Negotiation, FollowUp, Other }
);

vocabulary!(
    /// A position is a draft (its organisation and coordinators see it) until published.
    PositionStatus { Draft, Published }
);

vocabulary!(
    /// How a draft answers a demand.
    Rating { Met, PartlyMet, NotAddressed, Contradicted }
);

vocabulary!(
    /// How a draft's text was entered.
    TextFormat { Markdown, Plain }
);

vocabulary!(
    /// A signed-in person's role. The public has no account and no role.
    Role { Coordinator, Member }
);

vocabulary!(
    /// The kind of a numbered section in a draft.
    SectionKind { Preamble, Principle, Objective, Paragraph, Other }
);

vocabulary!(
    /// A comment is shown, hidden by a coordinator (with a reason), or deleted by its author.
    CommentStatus { Visible, Hidden, Deleted }
);

vocabulary!(
    /// What a revision records.
    RevisionAction { Created, Updated, Deleted }
);

vocabulary!(
    /// The kinds of record: what a revision is about, what a "not found" names.
    EntityType {
        Phase,
        Consultation,
        Element,
        Organisation,
        Position,
        Demand,
        Draft,
        Assessment,
        Comment,
        Account,
        DocumentedChange,
        ThematicSession,
    }
);

vocabulary!(
    /// What a search result is: the kinds of document the search index holds.
    SearchKind { Organisation, Position, Demand, Consultation, Section, Change, Comment }
);

vocabulary!(
    /// What a person can follow.
    FollowKind { Organisation, Element, Consultation, Position, Draft }
);

vocabulary!(
    /// What a notification tells: a demand rated against a draft, a position published, a
    /// consultation rescheduled (its dates, place or status changed), a new draft of the
    /// compact, a reply to one's comment.
    NoticeKind { Rating, Published, Rescheduled, NewDraft, Reply }
);

vocabulary!(
    /// How a person wants a kind of notification: an email at once, one email a day gathering
    /// them, or only on the notifications page.
    Delivery { Immediate, Daily, Never }
);

impl Region {
    /// Regions for the filter lists, in the order people expect them.
    pub fn all() -> Vec<Region> {
        use strum::IntoEnumIterator;
        Region::iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_is_refused() {
        assert_eq!(
            "regional_intergovernmental".parse::<ConsultationKind>(),
            Ok(ConsultationKind::RegionalIntergovernmental)
        );
        assert_eq!(ConsultationKind::NegotiationRound.as_ref(), "negotiation_round");
        assert!("somewhere".parse::<Region>().is_err());
        assert_eq!(Region::LatinAmericaCaribbean.to_string(), "latin_america_caribbean");
    }

    /// The names the database holds are the names people and files use: sea-orm's value of
    /// each variant is its strum and serde name, so the stored strings did not change.
    #[cfg(feature = "ssr")]
    #[test]
    fn stored_values_are_the_snake_case_names() {
        use sea_orm::ActiveEnum;
        use strum::IntoEnumIterator;

        fn check<T>()
        where
            T: ActiveEnum<Value = String> + IntoEnumIterator + AsRef<str> + Serialize + std::fmt::Debug + PartialEq,
        {
            for v in T::iter() {
                assert_eq!(v.to_value(), v.as_ref(), "{v:?}");
                assert_eq!(serde_json::to_value(&v).expect("serialise"), serde_json::json!(v.as_ref()));
                assert_eq!(T::try_from_value(&v.as_ref().to_string()).expect("known"), v);
            }
            assert!(T::try_from_value(&"somewhere".to_string()).is_err(), "an unknown value is an error");
        }
        check::<ConsultationKind>();
        check::<ConsultationStatus>();
        check::<CivilSocietyAccess>();
        check::<Region>();
        check::<OrganisationKind>();
        check::<Stance>();
        check::<Addresses>();
        check::<PositionStatus>();
        check::<Rating>();
        check::<TextFormat>();
        check::<Role>();
        check::<SectionKind>();
        check::<CommentStatus>();
        check::<RevisionAction>();
        check::<EntityType>();
        check::<crate::types::DatePrecision>();
        check::<FollowKind>();
        check::<NoticeKind>();
        check::<Delivery>();
    }
}
