//! Public pages, feeds and exports are the same for every anonymous reader in a language, and
//! they are read in bursts (the day a draft comes out) and spread over thousands of addresses.
//! Their rendered bytes are kept gzipped (one copy; the rare reader who refuses gzip gets them
//! unpacked), with an ETag, in a cache bounded by memory that forgets the least recently read
//! first (moka). A kept page depends on the topics of its address (`invalidation::pages`) and is
//! served while none of them changed since it was rendered: answering from the cache reads
//! nothing from the database. When a change makes a page out of date, the next reader renders
//! it again; readers who arrive during that render get the page as it was just before (they
//! never queue behind a render, and never get a page older than the change being rendered),
//! and so does the reader who started it if the render takes longer than a few milliseconds
//! (`RENDER_WAIT_MS`): a change can make dozens of pages out of date at once.
//! Renders run on threads of their own (`renderer`), so a reader of a kept page never waits
//! for one, and a render goes on to be kept when the reader who started it leaves.
//! Requests with a session cookie are never served from here, and their pages are marked
//! private. A kept page repeats the script nonce Leptos wrote into it; the
//! Content-Security-Policy does not rely on nonces (see `security::CSP`), so nothing is lost.
use std::io::{Read, Write};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::single_flight::{Gates, Turn};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};

use crate::auth::SESSION_COOKIE;
use crate::invalidation::{pages, Invalidation};
use crate::lang;

/// The memory kept pages may take by default (`PAGE_CACHE_MB`).
pub const DEFAULT_BUDGET_MB: u64 = 64;
/// How long, by default, a reader who may have a changed page as it was waits for its render
/// (`RENDER_WAIT_MS`).
pub const DEFAULT_WAIT_MS: u64 = 25;
/// A response larger than this is served but not kept.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// A longer address or language header is not used as a key.
const MAX_KEY_BYTES: usize = 2_048;
/// The same level nginx uses by default for on-the-fly compression.
const GZIP_LEVEL: u32 = 6;
/// Renders under way at once: fewer than the connections a pool holds (8 on SQLite).
const MAX_RENDERS: usize = 2;
/// What an entry costs besides its bytes (headers, topics, the map's own).
const ENTRY_OVERHEAD: usize = 512;

/// What varies the bytes of a public page besides its address.
const VARY: &str = "Accept-Encoding, Accept-Language, Cookie";

/// Kinds of response worth keeping: pages, the API's JSON and CSV, the feeds.
const CACHEABLE_TYPES: &[&str] =
    &["text/html", "application/json", "text/csv", "application/atom+xml", "text/calendar"];

pub struct PageCache {
    pages: moka::sync::Cache<String, Arc<Page>>,
    /// A page missed by many readers at once is rendered once; the others wait for it.
    rendering: Arc<Gates>,
    /// Renders of public pages under way at once (they run on their own threads, see
    /// `renderer`; the bound keeps a burst of them from taking every pooled connection).
    renders: tokio::sync::Semaphore,
    /// How long a reader who may have the previous page waits for a render before getting it.
    wait: std::time::Duration,
    invalidation: Arc<Invalidation>,
}

/// A kept response: its type, its ETag, its body gzipped, and what it depends on.
struct Page {
    content_type: HeaderValue,
    content_disposition: Option<HeaderValue>,
    etag: HeaderValue,
    gzip: Bytes,
    topics: Vec<String>,
    rendered: u64,
}

impl PageCache {
    /// A cache of at most `budget_bytes` of kept pages, whose readers wait at most `wait` for
    /// a changed page's render when they may have the page as it was before.
    pub fn new(budget_bytes: u64, wait: std::time::Duration, invalidation: Arc<Invalidation>) -> Self {
        let pages = moka::sync::Cache::builder()
            .max_capacity(budget_bytes)
            .weigher(|key: &String, page: &Arc<Page>| {
                u32::try_from(key.len() + page.gzip.len() + ENTRY_OVERHEAD).unwrap_or(u32::MAX)
            })
            .build();
        PageCache {
            pages,
            rendering: Arc::default(),
            renders: tokio::sync::Semaphore::new(MAX_RENDERS),
            wait,
            invalidation,
        }
    }

    /// The kept page under `key`, if no change touched it since it was rendered.
    fn fresh(&self, key: &str) -> Option<Arc<Page>> {
        self.pages.get(key).filter(|page| self.invalidation.fresh(&page.topics, page.rendered))
    }

    /// How many responses are kept (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.pages.run_pending_tasks();
        usize::try_from(self.pages.entry_count()).unwrap_or(usize::MAX)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes kept, as the budget counts them.
    pub fn weight(&self) -> u64 {
        self.pages.run_pending_tasks();
        self.pages.weighted_size()
    }
}

/// The value of cookie `name`, if the request carries it.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|cookies| {
        // The value as it stands in the header: the parsed cookie borrows it.
        cookie::Cookie::split_parse(cookies)
            .filter_map(Result::ok)
            .find(|c| c.name() == name)
            .and_then(|c| c.value_raw())
    })
}

/// Paths whose answers are never kept: static files (served with their own validators), the
/// language switch, the logout, and the one-time link pages (invitations, password resets).
fn excluded(path: &str) -> bool {
    // One-time links (invitations, password resets) say whether they still work: never kept.
    path.starts_with("/pkg/")
        || path.starts_with("/lang/")
        || path.starts_with("/invitations/")
        || path.starts_with("/password/")
        || path == "/logout"
}

/// The key of an anonymous GET, or None when it must not be served from the cache.
fn key_of(req: &Request, today: chrono::NaiveDate) -> Option<String> {
    if req.method() != Method::GET || excluded(req.uri().path()) {
        return None;
    }
    let headers = req.headers();
    if cookie(headers, SESSION_COOKIE).is_some() {
        return None;
    }
    let language = cookie(headers, lang::COOKIE).unwrap_or("");
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    // The timeline tells past from coming consultations by today's date.
    let key = format!("{today}|{language}|{accept}|{target}");
    (key.len() <= MAX_KEY_BYTES).then_some(key)
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| p.replace(' ', "").trim_start_matches("q=").parse::<f32>() == Ok(0.0));
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
    })
}

/// Whether the request's `If-None-Match` names the page's ETag (weakly, as GET compares).
fn matches_etag(request: &HeaderMap, etag: &HeaderValue) -> bool {
    use headers::HeaderMapExt;
    let Some(if_none_match) = request.typed_get::<headers::IfNoneMatch>() else { return false };
    let Some(etag) = etag.to_str().ok().and_then(|e| e.parse::<headers::ETag>().ok()) else { return false };
    !if_none_match.precondition_passes(&etag)
}

fn gzip(bytes: &[u8]) -> Option<Bytes> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::new(GZIP_LEVEL));
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

fn etag_of(bytes: &[u8]) -> Option<HeaderValue> {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).ok()
}

fn respond(page: &Page, request: &HeaderMap) -> Response {
    let mut response = if matches_etag(request, &page.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else if accepts_gzip(request) {
        let mut r = Response::new(Body::from(page.gzip.clone()));
        r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        r
    } else {
        let mut plain = Vec::with_capacity(page.gzip.len() * 4);
        if GzDecoder::new(&page.gzip[..]).read_to_end(&mut plain).is_err() {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Response::new(Body::from(plain))
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, page.content_type.clone());
    if let Some(disposition) = &page.content_disposition {
        headers.insert(header::CONTENT_DISPOSITION, disposition.clone());
    }
    headers.insert(header::ETAG, page.etag.clone());
    // Browsers and proxies may keep it, but must ask again (a 304 when nothing changed).
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static(VARY));
    response
}

/// The topics of an address with `pages::DECLARED` replaced by those the answer declared;
/// None when the address needs a declaration and the answer made none.
fn with_declared(topics: Vec<String>, declared: Option<HeaderValue>) -> Option<Vec<String>> {
    if !topics.iter().any(|t| t == pages::DECLARED) {
        return Some(topics);
    }
    let declared = declared?;
    let listed = declared.to_str().ok()?.split(' ').filter(|t| !t.is_empty()).map(String::from);
    Some(topics.into_iter().filter(|t| t != pages::DECLARED).chain(listed).collect())
}

/// Keeps a fresh response if it is a complete, cookie-free 200 of a public kind (and not
/// larger than is kept: then it goes out as it came).
async fn capture(response: Response, topics: Vec<String>, rendered: u64) -> Result<Page, Response> {
    let cacheable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().contains_key(header::CONTENT_ENCODING)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| CACHEABLE_TYPES.iter().any(|c| t.starts_with(c)));
    if !cacheable {
        return Err(response);
    }
    let (parts, body) = response.into_parts();
    // Pages are rendered whole before they are sent (`SsrMode::Async`), so collecting the
    // body holds nothing in memory that was not there already.
    let plain = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, "a public response could not be kept");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    if plain.len() > MAX_BODY_BYTES {
        return Err(Response::from_parts(parts, Body::from(plain)));
    }
    let (Some(gzip), Some(etag), Some(content_type)) =
        (gzip(&plain), etag_of(&plain), parts.headers.get(header::CONTENT_TYPE).cloned())
    else {
        return Err(Response::from_parts(parts, Body::from(plain)));
    };
    Ok(Page {
        content_type,
        content_disposition: parts.headers.get(header::CONTENT_DISPOSITION).cloned(),
        etag,
        gzip,
        topics,
        rendered,
    })
}

/// The middleware: serves anonymous GETs from the cache, fills it, and marks signed-in
/// readers' pages private.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    let Some(key) = key_of(&req, chrono::Utc::now().date_naive()) else {
        let signed_in = cookie(req.headers(), SESSION_COOKIE).is_some();
        // a signed-in reader's page is rendered on the render threads too (static files and
        // changes are not renders)
        let page = req.method() == Method::GET && !req.uri().path().starts_with("/pkg/");
        let mut response = if page {
            on_render_threads(next.run(req)).await.unwrap_or_else(|failed| failed)
        } else {
            next.run(req).await
        };
        response.headers_mut().remove(pages::DECLARED_HEADER);
        if signed_in && !response.headers().contains_key(header::CACHE_CONTROL) {
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
        }
        return response;
    };
    let kept = cache.pages.get(&key);
    if let Some(page) = kept.as_ref().filter(|p| cache.invalidation.fresh(&p.topics, p.rendered)) {
        crate::metrics::page_cache("hit");
        return respond(page, req.headers());
    }
    // Out of date or never rendered: one reader renders it, and while it does the others get
    // the page as it was before the change (never one from before a lost connection or an
    // unnamed change); with no such page, they wait for the render. The reader who renders it
    // gets that page too if the render takes longer than `wait`.
    // The turn is taken here, not on the render threads: a reader who gets the previous page
    // must not wait for a render thread to be free to learn that it may.
    let previous = kept.filter(|p| cache.invalidation.may_serve_while_rendering(p.rendered));
    let turn = match &previous {
        Some(previous) => match cache.rendering.try_enter(&key) {
            Some(turn) => Some(turn),
            None => {
                crate::metrics::page_cache("stale");
                return respond(previous, req.headers());
            }
        },
        None => None,
    };
    crate::metrics::page_cache("miss");
    let headers = req.headers().clone();
    // The render goes on if the reader leaves (the page is kept for the next one).
    let mut job = renderer().spawn(render(cache.clone(), key, turn, req, next));
    let done = match previous {
        // A reader who may have the previous page waits for the new one only so long: a
        // render queued behind others (a change can make dozens of pages out of date) would
        // otherwise hold it for all of theirs.
        Some(previous) => match tokio::time::timeout(cache.wait, &mut job).await {
            Ok(done) => done,
            Err(_) => return respond(&previous, &headers),
        },
        None => job.await,
    };
    match done.map_err(failed) {
        Ok(Rendered::Kept(page)) => respond(&page, &headers),
        Ok(Rendered::NotKept(response)) | Err(response) => response,
    }
}

/// The answer to a render that panicked.
fn failed(e: tokio::task::JoinError) -> Response {
    tracing::error!(error = %e, "a page's render failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// Runs `job` on the render threads (see `renderer`).
async fn on_render_threads<T: Send + 'static>(
    job: impl std::future::Future<Output = T> + Send + 'static,
) -> Result<T, Response> {
    renderer().spawn(job).await.map_err(failed)
}

/// What a render gave the reader who asked for it.
enum Rendered {
    /// The page, fresh (kept, or rendered by another meanwhile).
    Kept(Arc<Page>),
    /// An answer not to keep (an error, a redirect, too large…), as it came.
    NotKept(Response),
}

/// Renders the page under `key` once for all the readers missing it, and keeps it. `turn`:
/// the key's turn, already taken; without it, the render waits for it.
async fn render(cache: Arc<PageCache>, key: String, turn: Option<Turn>, req: Request, next: Next) -> Rendered {
    let _turn = match turn {
        Some(turn) => turn,
        None => cache.rendering.enter(&key).await,
    };
    if let Some(page) = cache.fresh(&key) {
        return Rendered::Kept(page);
    }
    // a closed semaphore (never closed here) would only lose the bound
    let _render = cache.renders.acquire().await.ok();
    let topics = pages::topics_of(req.uri().path(), req.uri().query());
    // read before rendering: a change announced during the render makes the page out of date
    let rendered = cache.invalidation.now();
    let mut response = next.run(req).await;
    let Some(topics) = with_declared(topics, response.headers_mut().remove(pages::DECLARED_HEADER)) else {
        // the address depends on what the answer lists, and it did not say: not kept
        cache.pages.invalidate(&key);
        return Rendered::NotKept(response);
    };
    match capture(response, topics, rendered).await {
        Ok(page) => {
            let page = Arc::new(page);
            // kept even if a change came during the render: then it is out of date already, and
            // the next reader renders it again, but until then it is the newest previous page
            // (the one it replaces is older still)
            if cache.invalidation.may_serve_while_rendering(page.rendered) {
                cache.pages.insert(key, page.clone());
            } else {
                cache.pages.invalidate(&key);
            }
            Rendered::Kept(page)
        }
        Err(response) => {
            // the address no longer gives a page to keep: the previous one is not served either
            cache.pages.invalidate(&key);
            Rendered::NotKept(response)
        }
    }
}

/// The runtime public pages are rendered on, apart from the one answering requests: a render
/// is mostly CPU (tens of milliseconds at 10,000 organisations) and does not yield while it
/// writes the page, so on a request thread it held up every reader queued behind it on that
/// thread, kept pages included. On threads of their own, renders share the cores with the
/// request threads by the operating system's turns: a kept page never waits for a render.
fn renderer() -> tokio::runtime::Handle {
    static RENDERER: std::sync::OnceLock<Option<tokio::runtime::Runtime>> = std::sync::OnceLock::new();
    let runtime = RENDERER.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let threads = std::env::var("RENDER_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or((cores / 2).max(1));
        if threads == 0 {
            return None;
        }
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .thread_name("render")
            .enable_all()
            .build()
            .map_err(|e| tracing::warn!(error = %e, "no threads for renders: rendering on the request threads"))
            .ok()
    });
    match runtime {
        Some(runtime) => runtime.handle().clone(),
        None => tokio::runtime::Handle::current(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        h
    }

    /// A site of one public page whose body counts its renders, each taking `slow`, behind the
    /// cache.
    fn counting_site(
        cache: Arc<PageCache>,
        slow: std::time::Duration,
    ) -> (axum::Router, Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let renders = Arc::new(AtomicUsize::new(0));
        let counter = renders.clone();
        let router = axum::Router::new()
            .route(
                "/scorecard",
                axum::routing::get(move || {
                    let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                    async move {
                        tokio::time::sleep(slow).await;
                        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], format!("render {n}"))
                    }
                }),
            )
            .layer(axum::middleware::from_fn_with_state(cache, serve));
        (router, renders)
    }

    async fn read(router: &axum::Router) -> String {
        use tower::ServiceExt;
        let request = Request::builder().uri("/scorecard").body(Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        String::from_utf8(axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap()
    }

    #[tokio::test]
    async fn while_one_reader_renders_a_changed_page_the_others_get_it_as_it_was() {
        let invalidation = Arc::new(Invalidation::new(Arc::default()));
        invalidation.set_listening(true);
        let cache = Arc::new(PageCache::new(1 << 20, std::time::Duration::from_secs(60), invalidation.clone()));
        let (site, renders) = counting_site(cache.clone(), std::time::Duration::ZERO);
        assert_eq!(read(&site).await, "render 1");
        assert_eq!(read(&site).await, "render 1", "kept");
        invalidation.changed(&["scores:latest"]);
        let request = Request::builder().uri("/scorecard").body(Body::empty()).unwrap();
        let key = key_of(&request, chrono::Utc::now().date_naive()).unwrap();
        {
            // another reader is rendering it again
            let _turn = cache.rendering.try_enter(&key).expect("free");
            assert_eq!(read(&site).await, "render 1", "the previous page, without waiting");
            assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 1);
        }
        assert_eq!(read(&site).await, "render 2", "the next reader renders it again");
        assert_eq!(read(&site).await, "render 2");
        // after a change that names everything, nobody gets the previous page
        invalidation.changed(&["any"]);
        let _turn = cache.rendering.try_enter(&key).expect("free");
        let waiting = tokio::time::timeout(std::time::Duration::from_millis(200), read(&site)).await;
        assert!(waiting.is_err(), "the reader waits for the render rather than get a page of before");
    }

    #[tokio::test]
    async fn a_reader_waits_for_a_slow_render_only_so_long_and_the_next_gets_it() {
        use std::time::{Duration, Instant};
        let invalidation = Arc::new(Invalidation::new(Arc::default()));
        invalidation.set_listening(true);
        let cache = Arc::new(PageCache::new(1 << 20, Duration::from_millis(20), invalidation.clone()));
        let (site, renders) = counting_site(cache.clone(), Duration::from_millis(400));
        assert_eq!(read(&site).await, "render 1", "nothing kept: the first reader waits");
        invalidation.changed(&["scores:latest"]);
        let started = Instant::now();
        assert_eq!(read(&site).await, "render 1", "the page as it was");
        assert!(started.elapsed() < Duration::from_millis(300), "{:?}", started.elapsed());
        // the render goes on without the reader who started it, and is kept
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 2);
        let started = Instant::now();
        assert_eq!(read(&site).await, "render 2");
        assert!(started.elapsed() < Duration::from_millis(300), "kept: {:?}", started.elapsed());
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_page_rendered_while_another_change_came_is_the_next_previous_page() {
        use std::time::Duration;
        let invalidation = Arc::new(Invalidation::new(Arc::default()));
        invalidation.set_listening(true);
        let cache = Arc::new(PageCache::new(1 << 20, Duration::from_secs(60), invalidation.clone()));
        let (site, _) = counting_site(cache.clone(), Duration::from_millis(200));
        assert_eq!(read(&site).await, "render 1");
        invalidation.changed(&["scores:latest"]);
        let during = tokio::spawn({
            let site = site.clone();
            async move { read(&site).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        invalidation.changed(&["scores:latest"]);
        assert_eq!(during.await.unwrap(), "render 2", "the reader who waited gets what was rendered");
        // render 2 is out of date already: the next reader renders it again, and the one after
        // gets render 2 meanwhile, not render 1 nor a wait
        let next = tokio::spawn({
            let site = site.clone();
            async move { read(&site).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let started = std::time::Instant::now();
        assert_eq!(read(&site).await, "render 2");
        assert!(started.elapsed() < Duration::from_millis(100), "{:?}", started.elapsed());
        assert_eq!(next.await.unwrap(), "render 3");
    }

    #[test]
    fn a_page_that_lists_what_it_shows_depends_on_what_it_declared() {
        let topics = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let matrix = topics(&["scores:latest:head", "record", pages::DECLARED]);
        assert_eq!(
            with_declared(matrix.clone(), Some(HeaderValue::from_static("organisation:a organisation:b"))),
            Some(topics(&["scores:latest:head", "record", "organisation:a", "organisation:b"]))
        );
        assert_eq!(with_declared(matrix, None), None, "no declaration, not kept");
        assert_eq!(with_declared(topics(&["timeline"]), None), Some(topics(&["timeline"])));
    }

    #[test]
    fn gzip_is_used_only_when_accepted() {
        assert!(accepts_gzip(&headers(&[(header::ACCEPT_ENCODING, "gzip, deflate, br")])));
        assert!(accepts_gzip(&headers(&[(header::ACCEPT_ENCODING, "br;q=1.0, gzip;q=0.8")])));
        assert!(!accepts_gzip(&headers(&[(header::ACCEPT_ENCODING, "gzip;q=0")])));
        assert!(!accepts_gzip(&headers(&[(header::ACCEPT_ENCODING, "identity")])));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn etags_are_compared_strong_or_weak() {
        let etag = HeaderValue::from_static("\"abc\"");
        assert!(matches_etag(&headers(&[(header::IF_NONE_MATCH, "\"abc\"")]), &etag));
        assert!(matches_etag(&headers(&[(header::IF_NONE_MATCH, "\"x\", W/\"abc\"")]), &etag));
        assert!(!matches_etag(&headers(&[(header::IF_NONE_MATCH, "\"abd\"")]), &etag));
        assert!(!matches_etag(&HeaderMap::new(), &etag));
    }

    #[test]
    fn signed_in_and_unsafe_requests_have_no_key() {
        let today = chrono::NaiveDate::from_ymd_opt(2018, 12, 10).unwrap();
        let get = |cookie: Option<&str>, method: Method, path: &str| {
            let mut b = Request::builder().method(method).uri(path);
            if let Some(c) = cookie {
                b = b.header(header::COOKIE, c);
            }
            key_of(&b.body(Body::empty()).unwrap(), today)
        };
        assert!(get(None, Method::GET, "/scorecard?draft=rev1").is_some());
        assert!(get(Some("i18n_pref_locale=fr"), Method::GET, "/").is_some_and(|k| k.contains("|fr|")));
        assert!(get(Some(&format!("a=b; {SESSION_COOKIE}=xyz")), Method::GET, "/").is_none());
        assert!(get(None, Method::POST, "/").is_none());
        assert!(get(None, Method::GET, "/pkg/gcm-tracker.wasm").is_none());
        assert_ne!(get(None, Method::GET, "/a"), get(None, Method::GET, "/a?b"));
    }
}
