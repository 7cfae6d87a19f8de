//! The OpenAPI document walked: every documented operation is called as documented (path
//! parameters from their examples), without query parameters, with every documented example,
//! with each parameter malformed, with an unknown parameter and with an unknown item; each
//! answer must carry a documented status and content type, and its body must validate against
//! the schema documented for that status.

use crate::common::{app, get};
use axum::http::{header, StatusCode};
use axum::Router;
use serde_json::{json, Value};

const MALFORMED: &str = "%27%3B%20DROP%20TABLE%20drafts%3B%20--";

pub async fn every_documented_endpoint_answers_as_documented() {
    let t = app().await;
    let (status, headers, body) = get(&t.router, "/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CONTENT_TYPE).map(|v| v.as_bytes()), Some(&b"application/json"[..]));
    let doc: Value = serde_json::from_str(&body).expect("the document is JSON");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "an OpenAPI 3.1 document");
    assert_eq!(doc, serde_json::to_value(server::api::document()).expect("document"), "served as generated");
    // The check below can fail: a page of organisations missing its fields, or with a wrong
    // region, does not pass.
    let organisations = json!({"$ref": "#/components/schemas/Paged_OrganisationSummary"});
    assert!(!schema_errors(&doc, &organisations, &json!({"items": []})).is_empty());
    let wrong_region = json!({"items": [{"slug": "x", "name": "X", "acronym": "", "kind": "ngo", "country": "",
        "region": "atlantis", "position_count": 0, "demand_count": 0}], "page": 1, "per_page": 100, "total": 1});
    assert!(!schema_errors(&doc, &organisations, &wrong_region).is_empty());
    let mut dangling = Vec::new();
    dangling_refs(&doc, &doc, &mut dangling);
    assert!(dangling.is_empty(), "references to nothing: {dangling:?}");
    let paths = doc["paths"].as_object().expect("paths");
    for listed in [
        "/api/v1/timeline",
        "/api/v1/consultations/{key}",
        "/api/v1/elements/{letter}",
        "/api/v1/organisations/{slug}",
        "/api/v1/positions/{slug}",
        "/api/v1/demands/{slug}",
        "/api/v1/drafts/{slug}",
        "/api/v1/assessments",
        "/api/v1/scorecard/overview",
        "/api/v1/scorecard/gaps",
        "/api/v1/search",
    ] {
        assert!(paths.contains_key(listed), "{listed} is documented");
    }
    // the true record's facts are documented: what a position addresses and the draft it
    // responds to, what an assessment's evidence rests on and its source, documented changes
    let schemas = &doc["components"]["schemas"];
    for (schema, field) in [
        ("PositionView", "addresses"),
        ("PositionView", "addressee"),
        ("PositionView", "responds_to"),
        ("DemandLink", "position_addresses"),
        ("DemandLink", "responds_to"),
        ("DemandRecord", "addressing"),
        ("AssessmentView", "source_url"),
        ("AssessmentView", "basis"),
        ("DraftDetail", "changes"),
    ] {
        assert!(schemas[schema]["properties"].get(field).is_some(), "{schema}.{field} is documented");
    }
    // and the CSV download of the demands behind a number carries them
    let (status, _, csv) = get(&t.router, "/api/v1/scorecard/demands?format=csv&draft=revision-2", None).await;
    assert_eq!(status, StatusCode::OK);
    let header = csv.lines().next().unwrap_or_default();
    for column in ["position_addresses", "responds_to", "evidence_basis", "source_url", "by_tracker"] {
        assert!(header.split(',').any(|c| c == column), "{column} in {header}");
    }
    assert!(csv.lines().skip(1).any(|l| l.contains(",public_source,https://")), "a rating's source in the CSV");
    let mut calls = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            assert_eq!(method, "get", "{path}: the API is read-only");
            calls += walk(&t.router, &doc, path, op).await;
        }
    }
    assert!(calls > 100, "the walk made {calls} calls");
}

/// Calls one operation every way the document describes; returns how many calls it made.
async fn walk(app: &Router, doc: &Value, path: &str, op: &Value) -> usize {
    let params: Vec<&Value> = op["parameters"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let example = |p: &Value| -> String {
        let value = p.get("example").or_else(|| p["schema"].get("example"));
        match value {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => panic!("{path}: parameter {} has no example", p["name"]),
        }
    };
    let mut uri = path.to_string();
    let mut missing_uri = path.to_string();
    let mut query = Vec::new();
    for p in &params {
        let name = p["name"].as_str().expect("name");
        match p["in"].as_str() {
            Some("path") => {
                uri = uri.replace(&format!("{{{name}}}"), &example(p));
                missing_uri = missing_uri.replace(&format!("{{{name}}}"), "no-such-item");
            }
            Some("query") => {
                // Malformed: past its documented length for free text, else characters no
                // value of it may hold.
                let malformed = p["schema"]["maxLength"]
                    .as_u64()
                    .map_or_else(|| MALFORMED.to_string(), |n| "x".repeat(usize::try_from(n).unwrap_or(0) + 1));
                query.push((name.to_string(), example(p), malformed))
            }
            other => panic!("{path}: parameter {name} in {other:?}"),
        }
    }
    let mut calls = 0;
    let mut call = |uri: String, expected: StatusCode| {
        calls += 1;
        async move {
            let (status, headers, body) = get(app, &uri, None).await;
            assert_eq!(status, expected, "GET {uri}: {body}");
            conforms(doc, op, &uri, status, &headers, &body);
            body
        }
    };
    call(uri.clone(), StatusCode::OK).await;
    let all: Vec<String> = query.iter().map(|(k, v, _)| format!("{k}={v}")).collect();
    if !all.is_empty() {
        call(format!("{uri}?{}", all.join("&")), StatusCode::OK).await;
    }
    for (name, value, malformed) in &query {
        call(format!("{uri}?{name}={value}"), StatusCode::OK).await;
        let refusal = call(format!("{uri}?{name}={malformed}"), StatusCode::BAD_REQUEST).await;
        assert!(refusal.contains(name.as_str()), "GET {uri}?{name}=...: the refusal names {name}: {refusal}");
        if name == "format" {
            let (status, headers, body) = get(app, &format!("{uri}?format=csv"), None).await;
            assert_eq!(status, StatusCode::OK, "{uri}?format=csv");
            conforms(doc, op, &uri, status, &headers, &body);
            assert!(body.lines().count() > 1, "{uri}: a CSV with a header row and figures");
        }
    }
    let refusal = call(format!("{uri}?nonsense=1"), StatusCode::BAD_REQUEST).await;
    assert!(refusal.contains("nonsense"), "{uri}: the unknown parameter is named: {refusal}");
    if missing_uri != path {
        call(missing_uri, StatusCode::NOT_FOUND).await;
    }
    calls
}

/// The answer's status is documented, its content type is one documented for that status, and
/// a JSON body validates against the schema documented for it.
fn conforms(doc: &Value, op: &Value, uri: &str, status: StatusCode, headers: &axum::http::HeaderMap, body: &str) {
    let response = &op["responses"][status.as_str()];
    assert!(response.is_object(), "GET {uri}: status {status} is not documented");
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let media = content_type.split(';').next().unwrap_or_default().trim();
    let documented = response["content"].as_object().expect("documented content");
    let Some(media_doc) = documented.get(media) else {
        panic!("GET {uri}: {media} is not documented for {status} ({:?})", documented.keys().collect::<Vec<_>>());
    };
    if media != "application/json" {
        return;
    }
    let instance: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("GET {uri}: not JSON ({e})"));
    let errors = schema_errors(doc, &media_doc["schema"], &instance);
    assert!(errors.is_empty(), "GET {uri}: the body does not match its schema: {errors:#?}");
}

/// What is wrong with `instance` by `schema` (whose references point into the document).
fn schema_errors(doc: &Value, schema: &Value, instance: &Value) -> Vec<String> {
    let mut schema = schema.clone();
    if let Some(object) = schema.as_object_mut() {
        object.insert("components".into(), doc["components"].clone());
        object.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    }
    let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("bad schema: {e}"));
    validator.iter_errors(instance).take(5).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// Every `$ref` in `node` that points at nothing in the document.
fn dangling_refs(doc: &Value, node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                let found = target.strip_prefix('#').and_then(|pointer| doc.pointer(pointer)).is_some();
                if !found {
                    out.push(target.clone());
                }
            }
            map.values().for_each(|v| dangling_refs(doc, v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| dangling_refs(doc, v, out)),
        _ => {}
    }
}
