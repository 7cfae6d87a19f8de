//! The scorecard's method (DOMAIN.md, "The scorecard"), as pure functions: the points of a
//! rating, the score of a set of demands, how a demand moved between two drafts.
//!
//! Points are kept doubled (met 2, partly met 1, not addressed 0, contradicted -2) so that sums
//! stay exact integers; a score is their mean, halved, over the demands that were assessed.
//! Demands not assessed against a draft are counted apart and never enter a score.
use serde::{Deserialize, Serialize};

use super::enums::Rating;

impl Rating {
    /// The rating's points, doubled: met 2, partly met 1, not addressed 0, contradicted -2.
    pub fn half_points(self) -> i64 {
        match self {
            Rating::Met => 2,
            Rating::PartlyMet => 1,
            Rating::NotAddressed => 0,
            Rating::Contradicted => -2,
        }
    }

    /// The rating's points: met 1, partly met 0.5, not addressed 0, contradicted -1.
    pub fn points(self) -> f64 {
        self.half_points() as f64 / 2.0
    }

    /// The ratings from best to worst, the order tables show them in.
    pub const ALL: [Rating; 4] = [Rating::Met, Rating::PartlyMet, Rating::NotAddressed, Rating::Contradicted];
}

/// How many demands got each rating, and how many were not assessed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingCounts {
    pub met: u32,
    pub partly_met: u32,
    pub not_addressed: u32,
    pub contradicted: u32,
    pub not_assessed: u32,
}

impl RatingCounts {
    /// Counts a list of ratings (`None`: not assessed).
    pub fn of(ratings: impl IntoIterator<Item = Option<Rating>>) -> Self {
        let mut counts = RatingCounts::default();
        for r in ratings {
            counts.add(r, 1);
        }
        counts
    }

    pub fn add(&mut self, rating: Option<Rating>, n: u32) {
        *self.slot(rating) += n;
    }

    pub fn merge(&mut self, other: &RatingCounts) {
        for r in Rating::ALL {
            self.add(Some(r), other.get(Some(r)));
        }
        self.add(None, other.not_assessed);
    }

    pub fn get(&self, rating: Option<Rating>) -> u32 {
        match rating {
            Some(Rating::Met) => self.met,
            Some(Rating::PartlyMet) => self.partly_met,
            Some(Rating::NotAddressed) => self.not_addressed,
            Some(Rating::Contradicted) => self.contradicted,
            None => self.not_assessed,
        }
    }

    fn slot(&mut self, rating: Option<Rating>) -> &mut u32 {
        match rating {
            Some(Rating::Met) => &mut self.met,
            Some(Rating::PartlyMet) => &mut self.partly_met,
            Some(Rating::NotAddressed) => &mut self.not_addressed,
            Some(Rating::Contradicted) => &mut self.contradicted,
            None => &mut self.not_assessed,
        }
    }

    /// Demands that were assessed (the count a score is based on).
    pub fn assessed(&self) -> u32 {
        self.met + self.partly_met + self.not_addressed + self.contradicted
    }

    /// Every demand counted, assessed or not.
    pub fn demands(&self) -> u32 {
        self.assessed() + self.not_assessed
    }

    /// The mean points over the assessed demands; none when no demand was assessed.
    pub fn score(&self) -> Option<Score> {
        let based_on = self.assessed();
        if based_on == 0 {
            return None;
        }
        let half_points = Rating::ALL.iter().map(|r| r.half_points() * i64::from(self.get(Some(*r)))).sum();
        Some(Score { half_points, based_on })
    }
}

/// A score: the mean points of `based_on` assessed demands, from -1 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// The sum of the doubled points.
    pub half_points: i64,
    /// How many assessed demands it is the mean of (never 0).
    pub based_on: u32,
}

impl Score {
    pub fn value(&self) -> f64 {
        self.half_points as f64 / (2.0 * f64::from(self.based_on))
    }

    /// The value rounded to two decimals: what pages, CSV and JSON all show.
    pub fn rounded(&self) -> f64 {
        (self.value() * 100.0).round() / 100.0
    }

    /// The value as shown: two decimals with its sign ("+0.50", "-1.00", "0.00").
    pub fn display(&self) -> String {
        let r = self.rounded();
        if r > 0.0 {
            format!("+{r:.2}")
        } else if r < 0.0 {
            format!("\u{2212}{:.2}", -r)
        } else {
            "0.00".to_string()
        }
    }

    pub fn band(&self) -> ScoreBand {
        let v = self.value();
        if v <= -0.5 {
            ScoreBand::Contradicted
        } else if v < 0.0 {
            ScoreBand::Negative
        } else if v < 0.25 {
            ScoreBand::Low
        } else if v < 0.75 {
            ScoreBand::Partial
        } else {
            ScoreBand::High
        }
    }
}

/// The colour band of a score (never the only signal: the number is always shown with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoreBand {
    Contradicted,
    Negative,
    Low,
    Partial,
    High,
}

impl ScoreBand {
    /// The CSS class of the band; `score-none` is for cells with no score.
    pub fn class(self) -> &'static str {
        match self {
            ScoreBand::Contradicted => "score-contradicted",
            ScoreBand::Negative => "score-negative",
            ScoreBand::Low => "score-low",
            ScoreBand::Partial => "score-partial",
            ScoreBand::High => "score-high",
        }
    }
}

/// How a demand's rating moved from one draft to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Movement {
    /// Rated on both, with more points on the later one.
    Improved,
    /// Rated on both, with fewer points on the later one.
    Regressed,
    /// Rated on both with the same points.
    Unchanged,
    /// Rated on one of the two drafts only, or on neither: not comparable.
    NotComparable,
}

pub fn movement(from: Option<Rating>, to: Option<Rating>) -> Movement {
    match (from, to) {
        (Some(a), Some(b)) => match b.half_points().cmp(&a.half_points()) {
            std::cmp::Ordering::Greater => Movement::Improved,
            std::cmp::Ordering::Less => Movement::Regressed,
            std::cmp::Ordering::Equal => Movement::Unchanged,
        },
        _ => Movement::NotComparable,
    }
}

/// How many demands moved each way between two drafts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MovementCounts {
    pub improved: u32,
    pub regressed: u32,
    pub unchanged: u32,
    pub not_comparable: u32,
}

impl MovementCounts {
    pub fn add(&mut self, m: Movement, n: u32) {
        match m {
            Movement::Improved => self.improved += n,
            Movement::Regressed => self.regressed += n,
            Movement::Unchanged => self.unchanged += n,
            Movement::NotComparable => self.not_comparable += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(met: u32, partly: u32, not_addressed: u32, contradicted: u32, not_assessed: u32) -> RatingCounts {
        RatingCounts { met, partly_met: partly, not_addressed, contradicted, not_assessed }
    }

    #[test]
    fn points_follow_the_method() {
        assert_eq!(Rating::Met.points(), 1.0);
        assert_eq!(Rating::PartlyMet.points(), 0.5);
        assert_eq!(Rating::NotAddressed.points(), 0.0);
        assert_eq!(Rating::Contradicted.points(), -1.0);
    }

    #[test]
    fn a_score_is_the_mean_over_assessed_demands_with_its_count() {
        let s = counts(1, 1, 1, 1, 0).score().expect("assessed demands");
        assert_eq!(s.based_on, 4);
        assert_eq!(s.value(), 0.125);
        assert_eq!(s.display(), "+0.13");
        assert_eq!(counts(0, 0, 0, 2, 0).score().map(|s| s.display()), Some("\u{2212}1.00".to_string()));
        assert_eq!(counts(0, 0, 3, 0, 0).score().map(|s| s.display()), Some("0.00".to_string()));
    }

    #[test]
    fn no_score_without_an_assessed_demand() {
        assert_eq!(counts(0, 0, 0, 0, 0).score(), None);
        assert_eq!(counts(0, 0, 0, 0, 7).score(), None);
    }

    #[test]
    fn not_assessed_demands_are_counted_apart_never_as_zero() {
        let with = counts(2, 0, 0, 0, 5).score();
        let without = counts(2, 0, 0, 0, 0).score();
        assert_eq!(with, without);
        assert_eq!(with.map(|s| s.value()), Some(1.0));
        assert_eq!(counts(2, 0, 0, 0, 5).demands(), 7);
    }

    #[test]
    fn counting_and_merging() {
        let c = RatingCounts::of([Some(Rating::Met), None, Some(Rating::Contradicted), Some(Rating::Met)]);
        assert_eq!(c, counts(2, 0, 0, 1, 1));
        let mut m = c;
        m.merge(&counts(0, 1, 1, 0, 1));
        assert_eq!(m, counts(2, 1, 1, 1, 2));
    }

    #[test]
    fn bands_cover_the_range() {
        let band = |c: RatingCounts| c.score().map(|s| s.band());
        assert_eq!(band(counts(0, 0, 0, 1, 0)), Some(ScoreBand::Contradicted));
        assert_eq!(band(counts(0, 0, 2, 1, 0)), Some(ScoreBand::Negative));
        assert_eq!(band(counts(0, 0, 1, 0, 0)), Some(ScoreBand::Low));
        assert_eq!(band(counts(0, 1, 0, 0, 0)), Some(ScoreBand::Partial));
        assert_eq!(band(counts(1, 0, 0, 0, 0)), Some(ScoreBand::High));
    }

    #[test]
    fn movements_compare_points_of_rated_pairs_only() {
        use Rating::*;
        assert_eq!(movement(Some(NotAddressed), Some(Met)), Movement::Improved);
        assert_eq!(movement(Some(Met), Some(PartlyMet)), Movement::Regressed);
        assert_eq!(movement(Some(Contradicted), Some(Contradicted)), Movement::Unchanged);
        assert_eq!(movement(None, Some(Met)), Movement::NotComparable);
        assert_eq!(movement(Some(Met), None), Movement::NotComparable);
    }
}
