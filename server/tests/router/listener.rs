//! The listener's bounds and its graceful stop, over real TCP connections.
use std::time::{Duration, Instant};

use axum::routing::get;
use axum::Router;
use server::listener::{serve, Limits, Stopped};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use crate::common::app;

const TIGHT: Limits = Limits {
    max_connections: 2,
    header_timeout: Duration::from_secs(1),
    idle_timeout: Duration::from_secs(2),
    write_timeout: Duration::from_secs(2),
    max_header_bytes: 16 * 1024,
};

/// Serves `router` with `limits` on a free port; the sender stops it.
async fn start(
    router: Router,
    limits: Limits,
    grace: Duration,
) -> (u16, oneshot::Sender<()>, tokio::task::JoinHandle<Stopped>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(
        listener,
        router,
        limits,
        async move {
            let _ = stopped.await;
        },
        grace,
    ));
    (port, stop, task)
}

/// Reads until the server closes the connection or `limit` passes: what arrived, and when.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(Ok(n)) = tokio::time::timeout(limit.saturating_sub(started.elapsed()), stream.read(&mut buf)).await {
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    (String::from_utf8_lossy(&got).into_owned(), started.elapsed())
}

pub async fn stalled_and_oversized_clients_are_cut_off() {
    let t = app().await;
    let (port, _stop, _task) = start(t.router.clone(), TIGHT, Duration::from_secs(1)).await;
    let addr = format!("127.0.0.1:{port}");

    // headers that never end: closed after the header timeout (1 s)
    let mut slow = TcpStream::connect(&addr).await.expect("connect");
    slow.write_all(b"GET /timeline HTTP/1.1\r\nHost: tracker.test\r\nX-Slow: ").await.expect("write");
    let (_, after) = read_until_closed(&mut slow, Duration::from_secs(10)).await;
    assert!(after < Duration::from_secs(4), "a stalled header held the connection {after:?}");

    // a body announced and never sent: the connection is cut when nothing arrives (2 s)
    let mut stalled = TcpStream::connect(&addr).await.expect("connect");
    stalled
        .write_all(b"POST /login HTTP/1.1\r\nHost: tracker.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=a")
        .await
        .expect("write");
    let (answer, after) = read_until_closed(&mut stalled, Duration::from_secs(15)).await;
    assert!(after < Duration::from_secs(8), "a stalled body held the request {after:?}: {answer}");
    assert!(!answer.starts_with("HTTP/1.1 303"), "a half-sent form was acted on: {answer}");

    // headers over the limit: 431, and nothing else read
    let mut big = TcpStream::connect(&addr).await.expect("connect");
    let padding = "x".repeat(20 * 1024);
    big.write_all(format!("GET /timeline HTTP/1.1\r\nHost: tracker.test\r\nX-Big: {padding}\r\n\r\n").as_bytes())
        .await
        .expect("write");
    let (answer, _) = read_until_closed(&mut big, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 431"), "oversized headers: {}", answer.lines().next().unwrap_or(""));

    // two connections at most: a third waits until one is closed (the idle ones, at 1 s)
    let idle: Vec<TcpStream> =
        vec![TcpStream::connect(&addr).await.expect("connect"), TcpStream::connect(&addr).await.expect("connect")];
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let mut third = TcpStream::connect(&addr).await.expect("the kernel queues it");
    third.write_all(b"GET /healthz HTTP/1.1\r\nHost: tracker.test\r\nConnection: close\r\n\r\n").await.expect("write");
    let (answer, _) = read_until_closed(&mut third, Duration::from_secs(10)).await;
    let waited = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(waited >= Duration::from_millis(700), "served past the connection limit after {waited:?}");
    drop(idle);
}

pub async fn a_stop_finishes_requests_in_flight_and_refuses_new_connections() {
    let slow = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            "finished"
        }),
    );
    let (port, stop, task) = start(slow.clone(), Limits::default(), Duration::from_secs(5)).await;
    let addr = format!("127.0.0.1:{port}");
    let mut in_flight = TcpStream::connect(&addr).await.expect("connect");
    in_flight.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").await.expect("write");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = stop.send(());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(TcpStream::connect(&addr).await.is_err(), "a new connection was accepted after the stop");
    let (answer, _) = read_until_closed(&mut in_flight, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("finished"), "{answer}");
    assert_eq!(task.await.expect("the listener"), Stopped::Drained);

    // a request longer than the grace period is cut, and the listener says so
    let (port, stop, task) = start(slow, Limits::default(), Duration::from_millis(300)).await;
    let mut in_flight = TcpStream::connect(format!("127.0.0.1:{port}")).await.expect("connect");
    in_flight.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").await.expect("write");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let _ = stop.send(());
    assert_eq!(task.await.expect("the listener"), Stopped::Cut);
    assert!(started.elapsed() < Duration::from_secs(1), "the grace period was not kept: {:?}", started.elapsed());
}
