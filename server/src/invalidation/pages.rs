//! The topics each public address depends on (see `domain::services::changes::Topic`). An
//! address not described here depends on every change.
use domain::services::changes::Topic;

fn param<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name && !v.is_empty()).then_some(v)
    })
}

/// A draft named in the address, or the default one (`latest` or `first`). Slugs are plain
/// lowercase words and hyphens; anything else is not a slug the product knows, and is taken
/// as the default.
fn draft_name<'a>(query: Option<&'a str>, name: &str, default: &'a str) -> &'a str {
    param(query, name)
        .filter(|s| s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
        .unwrap_or(default)
}

fn draft(query: Option<&str>, name: &str, default: &str) -> String {
    Topic::scores(draft_name(query, name, default))
}

/// Stands, in an address's topics, for those its answer declares (the organisations a page
/// lists, in the `DECLARED_HEADER` header): a page that declares none is not kept.
pub const DECLARED: &str = "declared";
pub use domain::services::changes::DECLARED_HEADER;

pub fn topics_of(path: &str, query: Option<&str>) -> Vec<String> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let record = || Topic::RECORD.to_string();
    let timeline = || Topic::TIMELINE.to_string();
    match segments.as_slice() {
        ["timeline"]
        | ["consultations", _]
        | ["calendar.ics"]
        | ["api", "v1", "timeline"]
        | ["api", "v1", "consultations"]
        | ["api", "v1", "consultations", _] => {
            vec![timeline(), record()]
        }
        ["elements"] | ["elements", _] | ["api", "v1", "elements"] | ["api", "v1", "elements", _] => {
            vec![timeline(), record()]
        }
        // the process's phases, the coming consultations and the timeline's latest changes
        [""] => vec![timeline(), record()],
        // names and counts of published positions and demands; the drafts' texts
        ["organisations"]
        | ["api", "v1", "organisations"]
        | ["drafts"]
        | ["drafts", _]
        | ["api", "v1", "drafts"]
        | ["api", "v1", "drafts", _] => vec![record()],
        ["scorecard"] | ["api", "v1", "scorecard", "overview"] => {
            vec![draft(query, "draft", "latest"), Topic::TREND.into(), record()]
        }
        // a page of the matrix: its head, and the organisations it lists (declared by the
        // answer); all of it (CSV) depends on every rating of the draft
        ["scorecard", "matrix"] | ["api", "v1", "scorecard", "matrix"] if param(query, "format") != Some("csv") => {
            vec![Topic::head(draft_name(query, "draft", "latest")), Topic::HEADS.into(), record(), DECLARED.into()]
        }
        ["scorecard", "matrix" | "demands"] | ["api", "v1", "scorecard", "matrix" | "demands"] => {
            vec![draft(query, "draft", "latest"), record()]
        }
        // the gaps list demands never rated on any draft
        ["scorecard", "gaps"] | ["api", "v1", "scorecard", "gaps"] => {
            vec![draft(query, "draft", "latest"), Topic::TREND.into(), record()]
        }
        ["scorecard", "change"] | ["api", "v1", "scorecard", "change"] => {
            vec![draft(query, "from", "first"), draft(query, "to", "latest"), record()]
        }
        ["organisations", slug] | ["api", "v1", "organisations", slug] => vec![Topic::organisation(slug), record()],
        ["positions", slug] => vec![Topic::position(slug), Topic::comments(slug), Topic::ACCOUNTS.into(), record()],
        ["api", "v1", "positions", slug] => vec![Topic::position(slug), record()],
        _ => vec![Topic::ANY.into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_their_topics() {
        assert_eq!(
            topics_of("/scorecard/matrix", Some("draft=revision-1&page=2")),
            ["scores:revision-1:head", "heads", "record", "declared"]
        );
        assert_eq!(topics_of("/api/v1/scorecard/matrix", Some("format=csv")), ["scores:latest", "record"]);
        assert_eq!(topics_of("/scorecard", None), ["scores:latest", "trend", "record"]);
        assert_eq!(
            topics_of("/scorecard/change", Some("to=revision-2")),
            ["scores:first", "scores:revision-2", "record"]
        );
        assert!(topics_of("/positions/p1", None).contains(&"comments:p1".to_string()));
        assert_eq!(topics_of("/timeline", Some("region=africa")), ["timeline", "record"]);
        assert_eq!(topics_of("/", None), ["timeline", "record"]);
        assert_eq!(topics_of("/drafts/revision-1", None), ["record"]);
        assert_eq!(topics_of("/drafts/revision-1/assess", None), ["any"]);
        assert_eq!(topics_of("/feed.atom", None), ["any"]);
        assert_eq!(topics_of("/scorecard", Some("draft=%27x")), ["scores:latest", "trend", "record"]);
    }
}
