//! Property tests of the score rules (DOMAIN.md "The scorecard"): over arbitrary sets of
//! ratings, scores stay within [-1, 1]; a demand going from "not addressed" to "met" never
//! lowers a score it counts in; demands not assessed never change a score.
use domain::types::{Rating, RatingCounts};
use proptest::prelude::*;

fn rating() -> impl Strategy<Value = Option<Rating>> {
    prop_oneof![
        Just(None),
        Just(Some(Rating::Met)),
        Just(Some(Rating::PartlyMet)),
        Just(Some(Rating::NotAddressed)),
        Just(Some(Rating::Contradicted)),
    ]
}

proptest! {
    #[test]
    fn scores_stay_within_minus_one_and_one(ratings in proptest::collection::vec(rating(), 0..400)) {
        let counts = RatingCounts::of(ratings.iter().copied());
        if let Some(score) = counts.score() {
            prop_assert!((-1.0..=1.0).contains(&score.value()), "{}", score.value());
            prop_assert!((-1.0..=1.0).contains(&score.rounded()));
            prop_assert_eq!(score.based_on, counts.assessed());
        } else {
            prop_assert_eq!(counts.assessed(), 0);
        }
    }

    #[test]
    fn not_addressed_to_met_never_lowers_a_score(
        ratings in proptest::collection::vec(rating(), 1..300),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut before = ratings.clone();
        let i = pick.index(before.len());
        before[i] = Some(Rating::NotAddressed);
        let mut after = before.clone();
        after[i] = Some(Rating::Met);
        let b = RatingCounts::of(before).score().map(|s| s.value());
        let a = RatingCounts::of(after).score().map(|s| s.value());
        let (Some(b), Some(a)) = (b, a) else { return Err(TestCaseError::fail("both have an assessed demand")) };
        prop_assert!(a >= b, "{a} < {b}");
    }

    #[test]
    fn not_assessed_demands_never_change_a_score(
        ratings in proptest::collection::vec(rating(), 0..300),
        extra in 0u32..1000,
    ) {
        let counts = RatingCounts::of(ratings.iter().copied());
        let mut more = counts;
        more.add(None, extra);
        prop_assert_eq!(counts.score(), more.score());
    }

    #[test]
    fn a_score_does_not_depend_on_the_order_of_demands(mut ratings in proptest::collection::vec(rating(), 0..200)) {
        let forward = RatingCounts::of(ratings.iter().copied()).score();
        ratings.reverse();
        prop_assert_eq!(forward, RatingCounts::of(ratings).score());
    }
}
