//! Property tests of the score rules (DOMAIN.md "The scorecard"): over arbitrary sets of
//! ratings, scores stay within [-1, 1]; a demand going from "not addressed" to "met" never
//! lowers a score it counts in; demands not assessed never change a score; a score is the mean
//! of the points DOMAIN.md gives, computed independently of the counts.
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
    fn a_score_is_the_mean_of_the_points_domain_md_gives(ratings in proptest::collection::vec(rating(), 0..300)) {
        // DOMAIN.md: met 1, partly met 0.5, not addressed 0, contradicted -1; the mean over the
        // assessed demands. Computed here from the list, not from the counts.
        let points: Vec<f64> = ratings
            .iter()
            .flatten()
            .map(|r| match r {
                Rating::Met => 1.0,
                Rating::PartlyMet => 0.5,
                Rating::NotAddressed => 0.0,
                Rating::Contradicted => -1.0,
            })
            .collect();
        let score = RatingCounts::of(ratings.iter().copied()).score().map(|s| s.value());
        let expected = (!points.is_empty()).then(|| points.iter().sum::<f64>() / points.len() as f64);
        match (score, expected) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9, "{a} != {b}"),
            (a, b) => prop_assert_eq!(a, b),
        }
    }

    #[test]
    fn merged_counts_score_as_the_demands_together(
        a in proptest::collection::vec(rating(), 0..200),
        b in proptest::collection::vec(rating(), 0..200),
    ) {
        let mut merged = RatingCounts::of(a.iter().copied());
        merged.merge(&RatingCounts::of(b.iter().copied()));
        prop_assert_eq!(merged.score(), RatingCounts::of(a.into_iter().chain(b)).score());
    }
}
