//! Timestamps in exports: RFC 3339 to the microsecond (PostgreSQL's precision), so a value read
//! back from either database is written the same way.
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{de::Error, Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Micros, true))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(d)?;
    let at = DateTime::parse_from_rfc3339(&text).map_err(D::Error::custom)?.with_timezone(&Utc);
    if at.timestamp_subsec_nanos() % 1_000 != 0 {
        return Err(D::Error::custom("a timestamp finer than a microsecond"));
    }
    Ok(at)
}

/// The same for optional timestamps (`null` when absent).
pub mod opt {
    use super::*;

    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super")] DateTime<Utc>);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(at)| at))
    }
}
