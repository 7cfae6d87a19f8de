//! The query kit the services share: `sql.rs`, the building blocks of queries written once for
//! SQLite and PostgreSQL (sea-query), with the scorecard's rule in SQL; `load.rs`, the loads
//! many pages need (the drafts, a page of organisations, the demands behind a list with their
//! signatories and elements, each in one query for the whole list).
pub(crate) mod load;
pub(crate) mod sql;
