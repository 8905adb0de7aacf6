//! How a file goes out: as what it is (`nosniff`), sandboxed, cached only by the owner's browser,
//! shown inline when it is an image and downloaded otherwise, under a safely encoded name.

use super::{
    Fetched, fetch_ok, file_path, id_of, samples, stored_files, thumbnail_path, upload, uploaded,
    written,
};
use crate::expenses::body;
use crate::helpers::{TestUser, on_every_backend, spawn_app};

const CSP: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

fn assert_inert(file: &Fetched, context: &str) {
    assert_eq!(
        file.header("x-content-type-options"),
        "nosniff",
        "{context}"
    );
    assert_eq!(file.header("content-security-policy"), CSP, "{context}");
    assert_eq!(
        file.header("cache-control"),
        "private, max-age=3600, immutable",
        "{context}"
    );
    assert_eq!(
        file.headers
            .get_all("content-security-policy")
            .iter()
            .count(),
        1,
        "{context}: one policy, not the site's as well"
    );
}

#[tokio::test]
async fn an_image_is_shown_inline_with_headers_that_keep_it_inert() {
    let app = spawn_app().await;
    let user = app.user().await;
    let id = id_of(&uploaded(&user, "scan.png", samples::png(10, 10)).await);

    let file = fetch_ok(&user, &file_path(id)).await;
    assert_inert(&file, "file");
    assert_eq!(file.header("content-type"), "image/png");
    assert_eq!(
        file.header("content-disposition"),
        "inline; filename=\"scan.png\"; filename*=UTF-8''scan.png"
    );
    let inline = fetch_ok(&user, &format!("{}?download=false", file_path(id))).await;
    assert!(inline.header("content-disposition").starts_with("inline;"));

    let download = fetch_ok(&user, &format!("{}?download=true", file_path(id))).await;
    assert_inert(&download, "download");
    assert_eq!(
        download.header("content-disposition"),
        "attachment; filename=\"scan.png\"; filename*=UTF-8''scan.png"
    );
    assert_eq!(download.bytes, file.bytes);

    let thumbnail = fetch_ok(&user, &thumbnail_path(id)).await;
    assert_inert(&thumbnail, "thumbnail");
    assert_eq!(thumbnail.header("content-type"), "image/jpeg");
    assert!(
        thumbnail
            .header("content-disposition")
            .starts_with("inline;")
    );
}

#[tokio::test]
async fn a_pdf_is_always_a_download() {
    let app = spawn_app().await;
    let user = app.user().await;
    let id = id_of(&uploaded(&user, "Invoice 42.pdf", samples::pdf()).await);
    for query in ["", "?download=false", "?download=true"] {
        let file = fetch_ok(&user, &format!("{}{query}", file_path(id))).await;
        assert_inert(&file, query);
        assert_eq!(file.header("content-type"), "application/pdf");
        assert_eq!(
            file.header("content-disposition"),
            "attachment; filename=\"Invoice 42.pdf\"; filename*=UTF-8''Invoice%2042.pdf",
            "{query}"
        );
    }
}

#[tokio::test]
async fn a_missing_receipt_is_a_json_404_that_is_not_cached() {
    let app = spawn_app().await;
    let user = app.user().await;
    for path in [file_path(999_999), thumbnail_path(999_999)] {
        let response = user.get(&path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()["cache-control"],
            "no-store",
            "{path}: an error is not immutable"
        );
        assert_eq!(body(response).await["error"]["code"], "not_found", "{path}");
    }
}

/// The stored name and the header built from it are safe whatever the uploader called the file.
async fn assert_safe_name(user: &TestUser, id: i64, stored: &str) {
    assert!(
        !stored.contains(['/', '\\']) && !stored.chars().any(char::is_control),
        "{stored:?}"
    );
    assert!(stored.ends_with(".png"), "{stored:?}");
    let file = fetch_ok(user, &file_path(id)).await;
    let disposition = file.header("content-disposition");
    assert!(!disposition.contains(['\r', '\n', '\0']), "{disposition:?}");
    assert_eq!(
        disposition.matches("filename=\"").count(),
        1,
        "{disposition}"
    );
    assert_eq!(
        disposition.matches("filename*=").count(),
        1,
        "{disposition}"
    );
    let ascii = disposition
        .split_once("filename=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(ascii, _)| ascii)
        .expect("a quoted ASCII name");
    assert!(
        ascii
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .-_()".contains(c)),
        "{disposition}"
    );
}

on_every_backend!(hostile_file_names_are_cleaned, |app| {
    let user = app.user().await;
    let long = format!("{}.png", "n".repeat(300));
    let cleaned = [
        ("../../etc/passwd.png", "passwd.png".to_string()),
        ("..\\..\\windows\\win.ini", "win.png".to_string()),
        ("/var/www/index.html", "index.png".to_string()),
        ("a\tb.png", "ab.png".to_string()),
        ("x\u{85}y\u{9b}z.png", "xyz.png".to_string()),
        (
            "evil\"; filename=\"x.html",
            "evil\"; filename=\"x.png".to_string(),
        ),
        ("Café €.png", "Café €.png".to_string()),
        (" .. ", "receipt.png".to_string()),
        (long.as_str(), format!("{}.png", "n".repeat(120))),
    ];
    for (name, expected) in cleaned {
        let receipt = uploaded(&user, name, samples::png(4, 4)).await;
        assert_eq!(receipt["original_name"], expected.as_str(), "{name:?}");
        assert_safe_name(&user, id_of(&receipt), &expected).await;
    }
    let file = fetch_ok(
        &user,
        &file_path(id_of(
            &uploaded(&user, "Café €.png", samples::png(4, 4)).await,
        )),
    )
    .await;
    assert_eq!(
        file.header("content-disposition"),
        "inline; filename=\"Caf_ _.png\"; filename*=UTF-8''Caf%C3%A9%20%E2%82%AC.png"
    );

    // CR, LF, NUL and DEL cannot be written into a multipart header: the form is refused as unreadable,
    // or, should a parser let them through, they are removed.
    for name in [
        "a\r\nb.png",
        "a\0b.png",
        "a\u{7f}b.png",
        "a\rContent-Type: text/html\r\n\r\n<script>.png",
    ] {
        let before = written(&app).await;
        let response = upload(&user, name, samples::png(4, 4)).await;
        let status = response.status().as_u16();
        let answer = body(response).await;
        match status {
            400 => assert_eq!(written(&app).await, before, "{name:?}"),
            201 => {
                let stored = answer["original_name"].as_str().expect("name");
                assert_safe_name(&user, id_of(&answer), stored).await;
            }
            _ => panic!("{name:?}: {status} {answer}"),
        }
    }
    assert!(
        stored_files(&app)
            .iter()
            .all(|file| !file.contains("passwd") && !file.contains("..")),
        "no name reaches the store"
    );
});
