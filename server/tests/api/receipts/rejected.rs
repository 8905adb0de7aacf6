//! Every refused upload gets its status and writes nothing: no row, no activity, no file.

use serde_json::json;

use super::{RECEIPTS, assert_refused, file_form, samples, upload, written};
use crate::helpers::{on_every_backend, spawn_app};

fn pdf_with(objects: &str) -> Vec<u8> {
    samples::pdf_with(objects)
}

on_every_backend!(files_that_are_not_receipts_are_unsupported, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    for (name, bytes, claimed) in [
        ("receipt.jpg", samples::HTML.to_vec(), "image/jpeg"),
        ("receipt.png", samples::HTML.to_vec(), "image/png"),
        ("receipt.svg", samples::SVG.to_vec(), "image/svg+xml"),
        ("receipt.pdf", samples::SVG.to_vec(), "application/pdf"),
        ("notes.txt", b"Lunch 12.50 EUR".to_vec(), "text/plain"),
        ("anim.gif", samples::GIF.to_vec(), "image/gif"),
        ("a.bin", vec![0; 64], "application/octet-stream"),
        (
            "archive.jpg",
            b"PK\x03\x04\x14\x00\x00\x00".to_vec(),
            "image/jpeg",
        ),
    ] {
        let response = user
            .post_multipart(RECEIPTS, file_form(name, bytes, claimed))
            .await;
        assert_refused(response, 415, "unsupported_media_type", name).await;
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(images_that_cannot_be_read_are_refused, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let mut fake = vec![0xFF, 0xD8, 0xFF, 0xE0];
    fake.extend_from_slice(samples::HTML);
    let mut cut_png = samples::png(64, 64);
    cut_png.truncate(60);
    for (name, bytes) in [
        ("truncated.jpg", samples::truncated_jpeg()),
        ("html-behind-magic.jpg", fake),
        ("truncated.png", cut_png),
        ("riff.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ".to_vec()),
    ] {
        let error = assert_refused(upload(&user, name, bytes).await, 422, "validation", name).await;
        assert_eq!(error["error"]["field"], "file", "{name}: {error}");
    }
    assert_eq!(written(&app).await, before);
});

/// The JPEG decoder pads a file cut off in its picture data; the check for the end-of-image
/// marker is what refuses it.
#[tokio::test]
async fn a_jpeg_cut_off_in_its_picture_data_is_refused() {
    let app = spawn_app().await;
    let user = app.user().await;
    let before = written(&app).await;
    let response = upload(&user, "cut.jpg", samples::jpeg_cut_in_scan()).await;
    let error = assert_refused(response, 422, "validation", "cut in the scan").await;
    assert_eq!(error["error"]["field"], "file", "{error}");
    assert_eq!(written(&app).await, before);
}

on_every_backend!(a_pixel_bomb_is_refused_before_it_is_decoded, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    for (width, height) in [(100_000, 100_000), (40_001, 1000), (1, 0x7fff_ffff)] {
        let bomb = samples::pixel_bomb(width, height);
        let context = format!("{width}×{height}");
        let error = assert_refused(
            upload(&user, "bomb.png", bomb).await,
            422,
            "validation",
            &context,
        )
        .await;
        assert_eq!(error["error"]["field"], "file", "{context}: {error}");
        let message = error["error"]["message"].as_str().expect("message");
        assert!(
            message.contains("pixels"),
            "{context}: the pixel cap said so: {message}"
        );
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(pdfs_with_markup_scripts_or_no_end_are_refused, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let cases = [
        (
            "markup",
            pdf_with("<html><body><script>alert(1)</script></body></html>"),
        ),
        ("svg", pdf_with("<svg onload=alert(1)>")),
        (
            "javascript",
            pdf_with("1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"),
        ),
        ("js", pdf_with("1 0 obj << /JS (app.alert(1)) >> endobj")),
        (
            "js delimited",
            pdf_with("1 0 obj <</JS(app.alert(1))>> endobj"),
        ),
        (
            "launch",
            pdf_with("1 0 obj << /S /Launch /F (calc.exe) >> endobj"),
        ),
        (
            "embedded",
            pdf_with("1 0 obj << /Type /EmbeddedFile /Length 3 >> endobj"),
        ),
        (
            "rich media",
            pdf_with("1 0 obj << /Subtype /RichMedia >> endobj"),
        ),
        (
            "xfa",
            pdf_with("1 0 obj << /AcroForm << /XFA 2 0 R >> >> endobj"),
        ),
        (
            "no end",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec(),
        ),
        ("end too early", [samples::pdf(), vec![b' '; 2048]].concat()),
    ];
    for (context, bytes) in cases {
        let error = assert_refused(
            upload(&user, "doc.pdf", bytes).await,
            422,
            "validation",
            context,
        )
        .await;
        assert_eq!(error["error"]["field"], "file", "{context}: {error}");
    }
    // A name that merely starts like an action is fine.
    let response = upload(
        &user,
        "ok.pdf",
        pdf_with("1 0 obj << /JSON 1 /Launcher 2 >> endobj"),
    )
    .await;
    assert_eq!(response.status(), 201);
    assert_eq!(written(&app).await.receipts, before.receipts + 1);
});

on_every_backend!(an_empty_file_or_no_file_is_refused, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let empty = upload(&user, "empty.jpg", Vec::new()).await;
    let error = assert_refused(empty, 422, "validation", "an empty file").await;
    assert_eq!(error["error"]["field"], "file", "{error}");
    let no_part = user
        .post_bytes(
            RECEIPTS,
            "multipart/form-data; boundary=XYZ",
            b"--XYZ--\r\n".to_vec(),
        )
        .await;
    let error = assert_refused(no_part, 422, "validation", "a form without parts").await;
    assert_eq!(error["error"]["field"], "file", "{error}");
    // Not even the closing boundary: not a multipart body at all.
    let no_body = user
        .post_multipart(RECEIPTS, reqwest::multipart::Form::new())
        .await;
    assert_refused(no_body, 400, "bad_request", "an empty body").await;
    assert_eq!(written(&app).await, before);
});

on_every_backend!(a_form_of_another_shape_is_a_bad_request, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let png = || {
        reqwest::multipart::Part::bytes(samples::png(4, 4))
            .file_name("a.png")
            .mime_str("image/png")
            .expect("mime")
    };
    let forms = [
        (
            "another name",
            reqwest::multipart::Form::new().part("receipt", png()),
        ),
        (
            "two files",
            reqwest::multipart::Form::new()
                .part("file", png())
                .part("file", png()),
        ),
        (
            "a text field first",
            reqwest::multipart::Form::new()
                .text("note", "x")
                .part("file", png()),
        ),
        (
            "a text field after",
            reqwest::multipart::Form::new()
                .part("file", png())
                .text("note", "x"),
        ),
    ];
    for (context, form) in forms {
        let response = user.post_multipart(RECEIPTS, form).await;
        assert_refused(response, 400, "bad_request", context).await;
    }
    let garbled = user
        .post_bytes(
            RECEIPTS,
            "multipart/form-data; boundary=XYZ",
            b"--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nno end".to_vec(),
        )
        .await;
    assert_refused(garbled, 400, "bad_request", "an unterminated part").await;
    assert_eq!(written(&app).await, before);
});

on_every_backend!(an_upload_that_is_not_multipart_is_unsupported, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let as_json = user.post(RECEIPTS, &json!({ "file": "aGVsbG8=" })).await;
    assert_refused(as_json, 415, "unsupported_media_type", "JSON").await;
    let raw = user
        .post_bytes(RECEIPTS, "image/png", samples::png(4, 4))
        .await;
    assert_refused(raw, 415, "unsupported_media_type", "a bare image").await;
    let no_boundary = user
        .post_bytes(RECEIPTS, "multipart/form-data", samples::png(4, 4))
        .await;
    assert_refused(no_boundary, 415, "unsupported_media_type", "no boundary").await;
    assert_eq!(written(&app).await, before);
});
