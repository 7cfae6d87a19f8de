//! The 24 elements of the New York Declaration (Annex II, para 8), the thematic sessions they
//! were consolidated into, and who addresses them.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::element_refs::letter_of;
use crate::audit::Audit;
use crate::entities::{consultation, element, thematic_session};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, record::can_edit_record};
use crate::types::*;

async fn thematic_refs<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<i32, ThematicSessionRef>> {
    let sessions = thematic_session::Entity::find().all(db).await?;
    let consultation_ids: Vec<i32> = sessions.iter().filter_map(|s| s.consultation_id).collect();
    let slugs: HashMap<i32, String> = consultation::Entity::find()
        .filter(consultation::Column::Id.is_in(consultation_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    Ok(sessions
        .into_iter()
        .map(|s| {
            let slug = s.consultation_id.and_then(|id| slugs.get(&id).cloned());
            (s.id, ThematicSessionRef { number: s.number, title: s.title, consultation_slug: slug })
        })
        .collect())
}

/// The 24 elements, (a) to (x), each with how many organisations and published demands address
/// it: read from the kept counts, whatever the size of the record.
pub async fn list<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<ElementSummary>> {
    let elements = element::Entity::find().order_by_asc(element::Column::Ordinal).all(db).await?;
    let thematic = thematic_refs(db).await?;
    // draft 0 of the kept counts: every published demand, per element (see `tallies`)
    let rows = super::tallies::read::elements(db, 0).await?;
    let demands: HashMap<i32, (usize, usize, usize)> = rows
        .iter()
        .map(|(id, m)| {
            let (n, limits) = (usize::try_from(m.demands).unwrap_or(0), usize::try_from(m.limits).unwrap_or(0));
            (*id, (n, n.saturating_sub(limits), limits))
        })
        .collect();
    let organisations: HashMap<i32, usize> =
        rows.iter().map(|(id, m)| (*id, usize::try_from(m.organisations).unwrap_or(0))).collect();
    Ok(elements
        .iter()
        .map(|e| {
            let (n, advance, limit) = demands.get(&e.id).copied().unwrap_or_default();
            ElementSummary {
                letter: letter_of(e),
                text: e.text.clone(),
                thematic_session: e.thematic_session_id.and_then(|id| thematic.get(&id).cloned()),
                organisation_count: organisations.get(&e.id).copied().unwrap_or_default(),
                demand_count: n,
                advance_count: advance,
                limit_count: limit,
            }
        })
        .collect())
}

/// Organisations a page of an element lists.
pub const ORGANISATIONS_PER_PAGE: u32 = 50;

/// One element with its counts, one page of the organisations addressing it (by name) with
/// their demands on it, and the consultations covering it. A fixed number of queries, each
/// bounded by the page: the counts (two GROUP BY), the page of organisations, their demands.
pub async fn get<C: ConnectionTrait>(db: &C, letter: ElementLetter, page: u32) -> DomainResult<ElementDetail> {
    use super::query::{load, sql};
    use crate::entities::{demand_element, organisation, position};
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{FromQueryResult, QuerySelect};
    let e = element::Entity::find()
        .filter(element::Column::Letter.eq(letter.to_string()))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Element))?;
    let thematic = thematic_refs(db).await?;
    // draft 0 of the kept counts: every published demand, per element and per organisation
    // and element (see `tallies`)
    let counts = super::tallies::read::per_draft(db, &[0], 0, e.id).await?.remove(&0);
    let (n, limit, organisation_count) = counts
        .map(|m| {
            let n = |v: i32| usize::try_from(v).unwrap_or(0);
            (n(m.demands), n(m.limits), n(m.organisations))
        })
        .unwrap_or_default();
    let advance = n.saturating_sub(limit);
    // The organisations that signed a published demand mapped to the element, by name.
    let shown = organisation::Entity::find()
        .filter(
            Expr::col((organisation::Entity, organisation::Column::Id))
                .in_subquery(super::tallies::read::organisations_on_element(0, e.id)),
        )
        .order_by_asc(organisation::Column::Name)
        .order_by_asc(organisation::Column::Id)
        .offset(u64::from(page.saturating_sub(1)) * u64::from(ORGANISATIONS_PER_PAGE))
        .limit(u64::from(ORGANISATIONS_PER_PAGE))
        .all(db)
        .await?;
    // Their demands on the element, one row per demand and organisation of the page.
    let mut q = sql::published_demands();
    sql::mapped(&mut q);
    sql::signed(&mut q);
    q.and_where(sql::element_id().eq(e.id)).and_where(sql::signatory().is_in(shown.iter().map(|o| o.id)));
    load::select_demand_link(&mut q);
    q.column((demand_element::Entity, demand_element::Column::Stance))
        .column((position::Entity, position::Column::SourceId))
        .expr(sql::signatory());
    load::order_demands(&mut q);
    #[derive(FromQueryResult)]
    struct Signed {
        #[sea_orm(nested)]
        link: load::DemandLinkRow,
        stance: Stance,
        source_id: Option<i32>,
        organisation_id: i32,
    }
    let rows = if shown.is_empty() { Vec::new() } else { sql::all::<Signed, _>(db, &q).await? };
    let sources = super::sources::titles(db).await?;
    let mut demands: HashMap<i32, Vec<DemandOnElement>> = HashMap::new();
    for row in rows {
        let (_, _, link) = row.link.into_parts();
        demands.entry(row.organisation_id).or_default().push(DemandOnElement {
            slug: link.slug,
            text: link.text,
            stance: row.stance,
            position: ConsultationRef { slug: link.position_slug, title: link.position_title },
            source_title: row.source_id.and_then(|id| sources.get(&id).cloned()),
        });
    }
    let organisations = shown
        .iter()
        .map(|o| OrganisationOnElement {
            organisation: load::organisation_ref(o),
            demands: demands.remove(&o.id).unwrap_or_default(),
        })
        .collect();
    let consultations =
        super::consultations::list(db, &TimelineFilter { element: Some(letter), ..Default::default() }).await?;
    let summary = ElementSummary {
        letter: letter_of(&e),
        text: e.text.clone(),
        thematic_session: e.thematic_session_id.and_then(|id| thematic.get(&id).cloned()),
        organisation_count,
        demand_count: n,
        advance_count: advance,
        limit_count: limit,
    };
    Ok(ElementDetail { summary, organisations, page, per_page: ORGANISATIONS_PER_PAGE, consultations })
}

/// A thematic session of Phase I, linked to the consultation that held it.
pub async fn create_thematic_session<C: ConnectionTrait>(
    db: &C,
    audit: &Audit,
    number: i32,
    title: &str,
    consultation_id: Option<i32>,
) -> DomainResult<i32> {
    ensure(can_edit_record(&audit.actor))?;
    let m = thematic_session::ActiveModel {
        number: Set(number),
        title: Set(title.to_string()),
        consultation_id: Set(consultation_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

pub async fn thematic_session_id<C: ConnectionTrait>(db: &C, number: i32) -> DomainResult<Option<i32>> {
    Ok(thematic_session::Entity::find()
        .filter(thematic_session::Column::Number.eq(number))
        .one(db)
        .await?
        .map(|t| t.id))
}

/// Records an element with its verbatim text and the thematic session it was consolidated into.
pub async fn create(
    db: &DatabaseConnection,
    audit: &Audit,
    letter: ElementLetter,
    text: &str,
    thematic_session_id: Option<i32>,
) -> DomainResult<()> {
    ensure(can_edit_record(&audit.actor))?;
    if text.trim().is_empty() {
        return Err(Invalid::new("text", InvalidReason::Required).into());
    }
    let ordinal = (letter.as_char() as u8 - b'a') as i32;
    element::ActiveModel {
        letter: Set(letter.to_string()),
        ordinal: Set(ordinal),
        text: Set(text.to_string()),
        thematic_session_id: Set(thematic_session_id),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn exists<C: ConnectionTrait>(db: &C, letter: ElementLetter) -> DomainResult<bool> {
    Ok(element::Entity::find().filter(element::Column::Letter.eq(letter.to_string())).one(db).await?.is_some())
}

/// Links a thematic session to the consultation that held it.
pub async fn link_thematic_session<C: ConnectionTrait>(
    db: &C,
    audit: &Audit,
    number: i32,
    consultation_id: i32,
) -> DomainResult<()> {
    ensure(can_edit_record(&audit.actor))?;
    let session = thematic_session::Entity::find()
        .filter(thematic_session::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::ThematicSession))?;
    let mut active: thematic_session::ActiveModel = session.into();
    active.consultation_id = Set(Some(consultation_id));
    active.update(db).await?;
    Ok(())
}
