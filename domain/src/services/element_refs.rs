//! Which elements a consultation addresses, by letter: the small lookups the timeline and the
//! consultation pages share with the element pages (a leaf, so neither imports the other).
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{consultation_element, element};
use crate::error::DomainResult;
use crate::types::{ElementLetter, ElementRef};

pub(crate) fn letter_of(m: &element::Model) -> char {
    m.letter.chars().next().unwrap_or('?')
}

/// The ids of the given letters (unknown letters are skipped: there are exactly 24).
pub async fn ids_for_letters<C: ConnectionTrait>(db: &C, letters: &[ElementLetter]) -> DomainResult<Vec<i32>> {
    if letters.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<String> = letters.iter().map(|l| l.to_string()).collect();
    Ok(element::Entity::find()
        .filter(element::Column::Letter.is_in(wanted))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect())
}

pub(crate) async fn letters_by_id<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<i32, char>> {
    Ok(element::Entity::find().all(db).await?.iter().map(|e| (e.id, letter_of(e))).collect())
}

/// Every consultation's element letters, sorted.
pub async fn letters_by_consultation<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<i32, Vec<char>>> {
    let letters = letters_by_id(db).await?;
    let mut out: HashMap<i32, Vec<char>> = HashMap::new();
    for ce in consultation_element::Entity::find().all(db).await? {
        if let Some(l) = letters.get(&ce.element_id) {
            out.entry(ce.consultation_id).or_default().push(*l);
        }
    }
    for v in out.values_mut() {
        v.sort_unstable();
    }
    Ok(out)
}

pub async fn refs_for_consultation<C: ConnectionTrait>(db: &C, consultation_id: i32) -> DomainResult<Vec<ElementRef>> {
    let ids: Vec<i32> = consultation_element::Entity::find()
        .filter(consultation_element::Column::ConsultationId.eq(consultation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|ce| ce.element_id)
        .collect();
    Ok(element::Entity::find()
        .filter(element::Column::Id.is_in(ids))
        .order_by_asc(element::Column::Ordinal)
        .all(db)
        .await?
        .into_iter()
        .map(|e| ElementRef { letter: letter_of(&e), text: e.text })
        .collect())
}
