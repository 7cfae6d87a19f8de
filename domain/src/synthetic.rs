//! A synthetic record at a chosen scale, for benchmarks: organisations with realistic
//! proportions (about 20 demands each in two positions, 1 to 4 elements per demand, every
//! demand assessed against nearly all of the 7 drafts, about 10 comments per position, 200
//! consultations), deterministic from a seed. It is added beside the built-in dataset (which it
//! needs: phases, elements, drafts) with bulk inserts in one transaction, and marked by one
//! revision so every cache sees the change.
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::sea_query::{Expr, Func, Query, SimpleExpr};
use sea_orm::{ColumnTrait, EntityName, IdenStatic, Iterable};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::entities::*;
use crate::error::{DomainError, DomainResult};
use crate::types::{
    ConsultationKind, ConsultationStatus, EntityType, OrganisationKind, PositionStatus, Rating, Region, RevisionAction,
    Stance,
};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub organisations: u32,
    pub seed: u64,
}

/// What was generated, and how long it took.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub organisations: usize,
    pub positions: usize,
    pub demands: usize,
    pub mappings: usize,
    pub assessments: usize,
    pub comments: usize,
    pub consultations: usize,
    pub seconds: f64,
}

/// The slug prefix of every synthetic organisation.
pub const PREFIX: &str = "synthetic-";

const CONSULTATIONS: usize = 200;
const COMMENT_AUTHORS: usize = 200;
/// The most bound parameters one INSERT carries (below SQLite's 32,766 and PostgreSQL's 65,535).
const MAX_PARAMS: usize = 30_000;

const ADJECTIVES: &[&str] = &[
    "Coastal",
    "Northern",
    "Southern",
    "United",
    "Independent",
    "Open",
    "Regional",
    "Solidarity",
    "Common",
    "Caribbean",
    "Andean",
    "Sahel",
    "Mekong",
    "Balkan",
    "Pacific",
    "Horn",
    "Great Lakes",
    "Gulf",
    "Alpine",
    "Delta",
];
const NOUNS: &[&str] = &[
    "Migrant Workers",
    "Domestic Workers",
    "Refugee Rights",
    "Diaspora",
    "Seafarers",
    "Families",
    "Youth",
    "Women Migrants",
    "Legal Aid",
    "Health Access",
    "Labour Mobility",
    "Border Monitoring",
    "Return Watch",
];
const BODIES: &[&str] = &["Network", "Alliance", "Association", "Centre", "Forum", "Platform", "Union", "Coalition"];
const VERBS: &[&str] = &["Guarantee", "Ensure", "Establish", "Protect", "End", "Fund", "Recognise", "Monitor"];
const OBJECTS: &[&str] = &[
    "firewalls between public services and immigration enforcement",
    "access to justice for migrants regardless of status",
    "fair recruitment without fees charged to workers",
    "alternatives to immigration detention, above all for children",
    "portable social protection for migrant workers",
    "safe and regular pathways for family reunification",
    "independent monitoring of returns and readmission",
    "search and rescue at sea without criminalisation",
    "recognition of skills and qualifications",
    "consular protection for migrants in crisis",
    "data collection disaggregated by sex and age",
    "participation of migrant-led organisations in review",
];
const COMMENTS: &[&str] = &[
    "This is close to what our members asked for at the regional consultation.",
    "The wording in the **latest draft** is weaker than in the zero draft.",
    "We should cite the ILO conventions here.",
    "Agreed, but *detention of children* must be named explicitly.",
    "Can we add the paragraph number for the evidence?",
    "Our national platform supports this demand without reservation.",
];
const COUNTRIES: &[(&str, Region)] = &[
    ("Senegal", Region::Africa),
    ("Kenya", Region::Africa),
    ("South Africa", Region::Africa),
    ("Lebanon", Region::ArabStates),
    ("Jordan", Region::ArabStates),
    ("Philippines", Region::AsiaPacific),
    ("Nepal", Region::AsiaPacific),
    ("Bangladesh", Region::AsiaPacific),
    ("Belgium", Region::Europe),
    ("Italy", Region::Europe),
    ("Germany", Region::Europe),
    ("Mexico", Region::LatinAmericaCaribbean),
    ("Colombia", Region::LatinAmericaCaribbean),
    ("Guatemala", Region::LatinAmericaCaribbean),
    ("United States", Region::NorthAmerica),
    ("Canada", Region::NorthAmerica),
    ("Switzerland", Region::Global),
];

/// A value of a row.
type Row = Vec<SimpleExpr>;

fn v<T: Into<sea_orm::Value>>(x: T) -> SimpleExpr {
    Expr::val(x)
}

/// Rows inserted in chunks that fit the databases' parameter limits.
async fn insert<C: ConnectionTrait, E: EntityName + EntityTrait>(db: &C, entity: E, rows: Vec<Row>) -> DomainResult<()>
where
    E::Column: IdenStatic,
{
    let columns: Vec<E::Column> = E::Column::iter().collect();
    if rows.is_empty() {
        return Ok(());
    }
    let per_chunk = (MAX_PARAMS / columns.len()).max(1);
    for chunk in rows.chunks(per_chunk) {
        let mut q = Query::insert();
        q.into_table(entity).columns(columns.clone());
        for row in chunk {
            q.values(row.clone()).map_err(|e| DomainError::Corrupt(format!("synthetic row: {e}")))?;
        }
        db.execute(&q).await?;
    }
    Ok(())
}

async fn next_id<C: ConnectionTrait, E: EntityTrait + EntityName>(
    db: &C,
    entity: E,
    id: E::Column,
) -> DomainResult<i32> {
    let mut q = Query::select();
    q.expr_as(Func::max(Expr::col(id)), "max").from(entity);
    #[derive(sea_orm::FromQueryResult)]
    struct Max {
        max: Option<i32>,
    }
    let max = crate::services::query::sql::one::<Max, _>(db, &q).await?.and_then(|row| row.max).unwrap_or(0);
    Ok(max + 1)
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    items.choose(rng).unwrap_or(&items[0])
}

/// A rating for a demand of `quality` (-1..1) on the `nth` of `drafts` drafts: later drafts
/// tend to answer more demands, as negotiations do.
fn rating(rng: &mut ChaCha8Rng, quality: f64, nth: usize, drafts: usize) -> Rating {
    let drift = nth as f64 / drafts.max(1) as f64 * 0.6;
    let x = quality + drift + rng.random_range(-0.5..0.5);
    match x {
        x if x > 0.9 => Rating::Met,
        x if x > 0.3 => Rating::PartlyMet,
        x if x > -0.6 => Rating::NotAddressed,
        _ => Rating::Contradicted,
    }
}

/// Adds `scale.organisations` synthetic organisations and everything that hangs off them.
pub async fn generate(db: &DatabaseConnection, scale: Scale) -> DomainResult<Report> {
    let started = Instant::now();
    let already = organisation::Entity::find().filter(organisation::Column::Slug.starts_with(PREFIX)).one(db).await?;
    if already.is_some() {
        return Err(DomainError::Invalid(crate::types::Invalid::new(
            "organisations",
            crate::types::InvalidReason::AlreadyTaken,
        )));
    }
    let elements: Vec<i32> =
        element::Entity::find().order_by_asc(element::Column::Ordinal).all(db).await?.iter().map(|e| e.id).collect();
    let drafts = draft::Entity::find().order_by_asc(draft::Column::ReleasedOn).all(db).await?;
    let phases = phase::Entity::find().order_by_asc(phase::Column::Ordinal).all(db).await?;
    if elements.is_empty() || drafts.is_empty() || phases.is_empty() {
        return Err(DomainError::Corrupt("load the built-in dataset first (server seed)".into()));
    }
    let sections = draft_section::Entity::find()
        .filter(draft_section::Column::Kind.eq(crate::types::SectionKind::Objective))
        .all(db)
        .await?;
    let objectives: Vec<Vec<String>> = drafts
        .iter()
        .map(|d| {
            sections
                .iter()
                .filter(|s| s.draft_id == d.id)
                .map(|s| format!("objective-{}", s.number))
                .collect::<Vec<_>>()
        })
        .collect();

    let mut rng = ChaCha8Rng::seed_from_u64(scale.seed);
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut report = Report::default();
    let kinds = [
        OrganisationKind::Ngo,
        OrganisationKind::Ngo,
        OrganisationKind::Ngo,
        OrganisationKind::MigrantLed,
        OrganisationKind::MigrantLed,
        OrganisationKind::TradeUnion,
        OrganisationKind::FaithBased,
        OrganisationKind::Academic,
        OrganisationKind::Network,
    ];

    // Organisations, and coalitions (every 50th is a network with up to 20 members).
    let first_org = next_id(&txn, organisation::Entity, organisation::Column::Id).await?;
    let n = scale.organisations as usize;
    let mut orgs = Vec::with_capacity(n);
    let mut memberships = Vec::new();
    for i in 0..n {
        let id = first_org + i as i32;
        let (country, region) = *pick(&mut rng, COUNTRIES);
        let kind = if i % 50 == 0 { OrganisationKind::Network } else { *pick(&mut rng, &kinds) };
        let name =
            format!("{} {} {} {}", pick(&mut rng, ADJECTIVES), pick(&mut rng, NOUNS), pick(&mut rng, BODIES), i + 1);
        let acronym: String =
            name.split_whitespace().filter_map(|w| w.chars().next()).filter(char::is_ascii_uppercase).collect();
        let slug = format!("{PREFIX}{:05}", i + 1);
        orgs.push(vec![
            v(id),
            v(slug.clone()),
            v(name),
            v(acronym),
            v(kind),
            v(country),
            v(region),
            v(format!("https://example.org/{slug}")),
            v("A synthetic organisation generated for benchmarks."),
            v(1),
            v(now),
        ]);
        if i % 50 == 0 && n > 1 {
            let mut members = std::collections::BTreeSet::new();
            for _ in 0..20 {
                let m = rng.random_range(0..n);
                if m != i {
                    members.insert(first_org + m as i32);
                }
            }
            memberships.extend(members.into_iter().map(|m| vec![v(id), v(m)]));
        }
    }
    report.organisations = orgs.len();
    insert(&txn, organisation::Entity, orgs).await?;
    insert(&txn, coalition_membership::Entity, memberships).await?;

    // Comment authors: members who cannot sign in (no password).
    let first_user = next_id(&txn, user::Entity, user::Column::Id).await?;
    let authors: Vec<Row> = (0..COMMENT_AUTHORS.min(n.max(1)))
        .map(|i| {
            vec![
                v(first_user + i as i32),
                v(format!("synthetic-member-{i}@example.invalid")),
                v(format!("Synthetic member {i}")),
                v(""),
                v(crate::types::Role::Member),
                v(first_org + (i % n.max(1)) as i32),
                v(true),
                v(now),
                v(1),
                v("en"),
            ]
        })
        .collect();
    let author_count = authors.len() as i32;
    insert(&txn, user::Entity, authors).await?;

    // Consultations, within the phases.
    let first_consultation = next_id(&txn, consultation::Entity, consultation::Column::Id).await?;
    let consultation_kinds = [
        ConsultationKind::RegionalCivilSociety,
        ConsultationKind::NationalMultistakeholder,
        ConsultationKind::RegionalConsultativeProcess,
        ConsultationKind::MultistakeholderHearing,
    ];
    let mut consultations = Vec::new();
    let mut consultation_elements = Vec::new();
    for i in 0..CONSULTATIONS {
        let id = first_consultation + i as i32;
        let phase = pick(&mut rng, &phases);
        let days = (phase.ends_on - phase.starts_on).num_days().max(1);
        let start = phase.starts_on + Duration::days(rng.random_range(0..days));
        let end = (start + Duration::days(rng.random_range(0..3))).min(phase.ends_on.max(start));
        let (city, region) = *pick(&mut rng, COUNTRIES);
        consultations.push(vec![
            v(id),
            v(format!("synthetic-consultation-{:03}", i + 1)),
            v(*pick(&mut rng, &consultation_kinds)),
            v(format!("Synthetic consultation {} ({city})", i + 1)),
            v(phase.id),
            v(start),
            v(end),
            v(crate::types::DatePrecision::Day),
            v(city),
            v(city),
            v(region),
            v("A synthetic organiser"),
            v(crate::types::CivilSocietyAccess::Open),
            v(if end < now.date_naive() { ConsultationStatus::Held } else { ConsultationStatus::Planned }),
            v(""),
            v(1),
            v(now),
        ]);
        let k = rng.random_range(0..4);
        let mut covered: Vec<i32> = elements.choose_multiple(&mut rng, k).copied().collect();
        covered.sort_unstable();
        consultation_elements.extend(covered.into_iter().map(|e| vec![v(id), v(e)]));
    }
    report.consultations = consultations.len();
    insert(&txn, consultation::Entity, consultations).await?;
    insert(&txn, consultation_element::Entity, consultation_elements).await?;

    // Positions (two per organisation, a few co-signed, a few still in draft), their demands,
    // mappings, assessments and comments.
    let mut ids = Ids {
        position: next_id(&txn, position::Entity, position::Column::Id).await?,
        demand: next_id(&txn, demand::Entity, demand::Column::Id).await?,
        assessment: next_id(&txn, assessment::Entity, assessment::Column::Id).await?,
        comment: next_id(&txn, comment::Entity, comment::Column::Id).await?,
    };
    let base_day = NaiveDate::from_ymd_opt(2016, 9, 19).ok_or_else(|| DomainError::Corrupt("date".into()))?;
    let mut batch = Batch::default();
    for i in 0..n {
        let org = first_org + i as i32;
        for p in 0..2 {
            let position_id = ids.position;
            ids.position += 1;
            let published = rng.random_bool(0.98);
            // made before the zero draft (5 Feb 2018), so every draft's scorecard counts it
            let day = base_day + Duration::days(rng.random_range(0..500));
            batch.positions.push(vec![
                v(position_id),
                v(format!("{PREFIX}{:05}-p{}", i + 1, p + 1)),
                v(format!("Position {} of synthetic organisation {}", p + 1, i + 1)),
                v(day),
                v("day"),
                v(day),
                v(crate::types::Addresses::Negotiation),
                v(""),
                v(Option::<i32>::None),
                v(if published { PositionStatus::Published } else { PositionStatus::Draft }),
                v(Option::<i32>::None),
                v(""),
                v(Option::<i32>::None),
                v("A synthetic position for benchmarks."),
                v(Option::<i32>::None),
                v(1),
                v(now),
            ]);
            batch.signatories.push(vec![v(position_id), v(org)]);
            if rng.random_bool(0.15) && n > 1 {
                let other = first_org + rng.random_range(0..n) as i32;
                if other != org {
                    batch.signatories.push(vec![v(position_id), v(other)]);
                }
            }
            let mut demand_ids = Vec::new();
            for d in 0..rng.random_range(8..=13) {
                let demand_id = ids.demand;
                ids.demand += 1;
                demand_ids.push(demand_id);
                batch.demands.push(vec![
                    v(demand_id),
                    v(format!("{PREFIX}{:05}-p{}-d{:02}", i + 1, p + 1, d + 1)),
                    v(position_id),
                    v(d + 1),
                    v(format!("{} {}.", pick(&mut rng, VERBS), pick(&mut rng, OBJECTS))),
                    v(""),
                    v(1),
                ]);
                let k = rng.random_range(1..=4);
                let mut mapped: Vec<i32> = elements.choose_multiple(&mut rng, k).copied().collect();
                mapped.sort_unstable();
                for e in mapped {
                    let stance = if rng.random_bool(0.15) { Stance::Limit } else { Stance::Advance };
                    batch.mappings.push(vec![v(demand_id), v(e), v(stance)]);
                }
                if published {
                    let quality = rng.random_range(-1.0..0.6);
                    for (nth, draft) in drafts.iter().enumerate() {
                        if !rng.random_bool(0.98) {
                            continue;
                        }
                        let r = rating(&mut rng, quality, nth, drafts.len());
                        let section = if r == Rating::NotAddressed {
                            String::new()
                        } else {
                            objectives[nth].choose(&mut rng).cloned().unwrap_or_default()
                        };
                        let at = Utc.from_utc_datetime(&draft.released_on.and_hms_opt(12, 0, 0).unwrap_or_default())
                            + Duration::days(7);
                        batch.assessments.push(vec![
                            v(ids.assessment),
                            v(demand_id),
                            v(draft.id),
                            v(r),
                            v(section),
                            v(if r == Rating::NotAddressed { "searched the whole text" } else { "synthetic evidence" }),
                            v("Synthetic rating."),
                            v(false),
                            v("https://example.org/synthetic-wording"),
                            v(Option::<i32>::None),
                            v(at),
                            v(1),
                        ]);
                        ids.assessment += 1;
                    }
                }
            }
            if published {
                let first_comment = ids.comment;
                for c in 0..rng.random_range(5..=15) {
                    let parent = (c > 0 && rng.random_bool(0.3)).then(|| rng.random_range(first_comment..ids.comment));
                    let on_demand = rng.random_bool(0.4).then(|| *pick(&mut rng, &demand_ids));
                    let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap_or_default()) + Duration::hours(c);
                    batch.comments.push(vec![
                        v(ids.comment),
                        v(position_id),
                        v(on_demand),
                        v(parent),
                        v(first_user + rng.random_range(0..author_count.max(1))),
                        v(*pick(&mut rng, COMMENTS)),
                        v("visible"),
                        v(""),
                        v(Option::<i32>::None),
                        v(at),
                        v(at),
                        v(1),
                    ]);
                    ids.comment += 1;
                }
            }
        }
        if batch.assessments.len() >= 50_000 || i + 1 == n {
            batch.flush(&txn, &mut report).await?;
        }
    }
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        for table in ["organisations", "users", "consultations", "positions", "demands", "assessments", "comments"] {
            let sql = format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))");
            txn.execute_unprepared(&sql).await?;
        }
    }
    let note = format!(
        "Synthetic dataset: {} organisations, {} demands, {} assessments (seed {})",
        report.organisations, report.demands, report.assessments, scale.seed
    );
    insert(
        &txn,
        revision::Entity,
        vec![vec![
            v(next_id(&txn, revision::Entity, revision::Column::Id).await?),
            v(EntityType::Organisation),
            v(first_org),
            v("synthetic dataset"),
            v(RevisionAction::Created),
            v("[]"),
            v("system"),
            v(Option::<i32>::None),
            v(note),
            v(now),
        ]],
    )
    .await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared(
            "SELECT setval(pg_get_serial_sequence('revisions', 'id'), (SELECT MAX(id) FROM revisions))",
        )
        .await?;
    }
    crate::services::tallies::rebuild_all(&txn).await?;
    // every page an instance kept is out of date
    crate::services::changes::note(&txn, vec![crate::services::changes::Topic::ANY.into()]).await?;
    txn.commit().await?;
    // Fresh planner statistics for the new volumes (both databases understand ANALYZE).
    db.execute_unprepared("ANALYZE").await?;
    crate::services::search::compact(db).await?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

struct Ids {
    position: i32,
    demand: i32,
    assessment: i32,
    comment: i32,
}

#[derive(Default)]
struct Batch {
    positions: Vec<Row>,
    signatories: Vec<Row>,
    demands: Vec<Row>,
    mappings: Vec<Row>,
    assessments: Vec<Row>,
    comments: Vec<Row>,
}

impl Batch {
    /// Writes what was gathered, parents before children.
    async fn flush<C: ConnectionTrait>(&mut self, db: &C, report: &mut Report) -> DomainResult<()> {
        report.positions += self.positions.len();
        report.demands += self.demands.len();
        report.mappings += self.mappings.len();
        report.assessments += self.assessments.len();
        report.comments += self.comments.len();
        insert(db, position::Entity, std::mem::take(&mut self.positions)).await?;
        insert(db, position_signatory::Entity, std::mem::take(&mut self.signatories)).await?;
        insert(db, demand::Entity, std::mem::take(&mut self.demands)).await?;
        insert(db, demand_element::Entity, std::mem::take(&mut self.mappings)).await?;
        insert(db, assessment::Entity, std::mem::take(&mut self.assessments)).await?;
        insert(db, comment::Entity, std::mem::take(&mut self.comments)).await?;
        Ok(())
    }
}
