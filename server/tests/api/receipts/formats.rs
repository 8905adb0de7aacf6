//! Each accepted type round-trips: the server keeps a re-encoded image (metadata and trailing
//! bytes gone, EXIF rotation applied) with a JPEG thumbnail, and a PDF as it came.

use image::{DynamicImage, GenericImageView, ImageFormat};
use serde_json::json;

use super::{
    contains, fetch, fetch_ok, file_path, files_of, id_of, samples, stored_files, thumbnail_path,
    uploaded, written,
};
use crate::expenses::last_activity;
use crate::helpers::{TestUser, on_every_backend};

fn decode(bytes: &[u8], format: ImageFormat) -> DynamicImage {
    assert_eq!(
        image::guess_format(bytes).expect("a known format"),
        format,
        "stored as {format:?}"
    );
    image::load_from_memory_with_format(bytes, format).expect("decodes")
}

/// Fetches the stored image and its thumbnail, checks both decode, and answers the image.
async fn stored_image(user: &TestUser, receipt: &serde_json::Value) -> (Vec<u8>, DynamicImage) {
    let id = id_of(receipt);
    let format = match receipt["content_type"].as_str() {
        Some("image/png") => ImageFormat::Png,
        Some("image/jpeg") => ImageFormat::Jpeg,
        other => panic!("not an image type: {other:?}"),
    };
    assert_eq!(receipt["has_thumbnail"], true, "{receipt}");
    let file = fetch_ok(user, &file_path(id)).await;
    assert_eq!(file.header("content-type"), receipt["content_type"]);
    assert_eq!(
        file.bytes.len() as u64,
        receipt["byte_size"].as_u64().expect("size")
    );
    let image = decode(&file.bytes, format);

    let thumbnail = fetch_ok(user, &thumbnail_path(id)).await;
    assert_eq!(thumbnail.header("content-type"), "image/jpeg");
    let preview = decode(&thumbnail.bytes, ImageFormat::Jpeg);
    assert!(
        preview.width().max(preview.height()) <= 320,
        "thumbnail {}×{}",
        preview.width(),
        preview.height()
    );
    (file.bytes, image)
}

on_every_backend!(a_png_is_stored_as_a_png_without_its_metadata, |app| {
    let user = app.user().await;
    let original = samples::png_with_text(60, 40);
    assert!(
        contains(&original, samples::SECRET),
        "the sample carries it"
    );
    let receipt = uploaded(&user, "scan.png", original).await;
    assert_eq!(receipt["content_type"], "image/png");
    assert_eq!(receipt["original_name"], "scan.png");
    let (bytes, image) = stored_image(&user, &receipt).await;
    assert_eq!(image.dimensions(), (60, 40));
    assert!(!contains(&bytes, samples::SECRET), "the text chunk is gone");
    assert!(!contains(&bytes, b"tEXt"));

    let id = id_of(&receipt);
    assert_eq!(
        stored_files(&app),
        files_of(&app, id).await,
        "file and thumbnail"
    );
    let (kind, user_id, payload) = last_activity(&app).await;
    assert_eq!(kind, "receipt.uploaded");
    assert_eq!(user_id, Some(user.id));
    assert_eq!(payload["receipt_id"], id);
    assert_eq!(payload["byte_size"], receipt["byte_size"]);
});

on_every_backend!(a_jpeg_is_turned_upright_and_loses_its_exif, |app| {
    let user = app.user().await;
    let original = samples::jpeg_rotated(40, 20);
    let check = image::load_from_memory(&original).expect("the sample decodes");
    assert_eq!(check.dimensions(), (40, 20), "stored sideways");
    let receipt = uploaded(&user, "IMG_0001.JPG", original).await;
    assert_eq!(receipt["content_type"], "image/jpeg");
    assert_eq!(receipt["original_name"], "IMG_0001.jpg");
    let (bytes, image) = stored_image(&user, &receipt).await;
    assert!(
        !contains(&bytes, b"Exif"),
        "no EXIF left to rotate it twice"
    );
    assert_eq!(image.dimensions(), (20, 40), "rotated a quarter turn");
    // The left half (red) of the sideways picture is the top once turned clockwise.
    let top = image.get_pixel(10, 5).0;
    let bottom = image.get_pixel(10, 35).0;
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
});

on_every_backend!(a_webp_becomes_a_jpeg_or_with_transparency_a_png, |app| {
    let user = app.user().await;
    let opaque = uploaded(&user, "photo.webp", samples::webp(50, 30)).await;
    assert_eq!(opaque["content_type"], "image/jpeg");
    assert_eq!(opaque["original_name"], "photo.jpg");
    let (_, image) = stored_image(&user, &opaque).await;
    assert_eq!(image.dimensions(), (50, 30));

    let clear = uploaded(&user, "sticker.webp", samples::webp_with_alpha(50, 30)).await;
    assert_eq!(clear["content_type"], "image/png");
    assert_eq!(clear["original_name"], "sticker.png");
    let (_, image) = stored_image(&user, &clear).await;
    assert_eq!(image.dimensions(), (50, 30));
    assert_eq!(image.get_pixel(45, 10).0[3], 0, "transparency kept");
});

on_every_backend!(a_big_image_gets_a_small_thumbnail, |app| {
    let user = app.user().await;
    let receipt = uploaded(&user, "long.png", samples::png(1000, 500)).await;
    let (_, image) = stored_image(&user, &receipt).await;
    assert_eq!(
        image.dimensions(),
        (1000, 500),
        "the original keeps its size"
    );
    let thumbnail = fetch_ok(&user, &thumbnail_path(id_of(&receipt))).await;
    let preview = decode(&thumbnail.bytes, ImageFormat::Jpeg);
    assert_eq!(preview.dimensions(), (320, 160));
});

on_every_backend!(a_polyglot_jpeg_is_stored_without_its_web_page, |app| {
    let user = app.user().await;
    let original = samples::polyglot_jpeg();
    assert!(contains(&original, b"<script"));
    let receipt = uploaded(&user, "bill.jpg", original).await;
    assert_eq!(receipt["content_type"], "image/jpeg");
    let (bytes, image) = stored_image(&user, &receipt).await;
    assert_eq!(image.dimensions(), (32, 32));
    assert!(!contains(&bytes, b"<script"), "re-encoded, not copied");
    assert!(!contains(&bytes, b"<html"));
});

on_every_backend!(a_pdf_is_stored_as_it_came_without_a_thumbnail, |app| {
    let user = app.user().await;
    let original = samples::pdf();
    let receipt = uploaded(&user, "invoice.PDF", original.clone()).await;
    assert_eq!(receipt["content_type"], "application/pdf");
    assert_eq!(receipt["original_name"], "invoice.pdf");
    assert_eq!(receipt["has_thumbnail"], false);
    assert_eq!(receipt["byte_size"], original.len());
    let id = id_of(&receipt);
    let file = fetch_ok(&user, &file_path(id)).await;
    assert_eq!(file.bytes, original);
    assert_eq!(file.header("content-type"), "application/pdf");
    assert!(
        file.header("content-disposition")
            .starts_with("attachment;")
    );
    let thumbnail = fetch(&user, &thumbnail_path(id)).await;
    assert_eq!(thumbnail.status, 404);
    assert_eq!(stored_files(&app).len(), 1, "no thumbnail file either");
});

on_every_backend!(
    the_stored_name_takes_the_extension_of_what_was_stored,
    |app| {
        let user = app.user().await;
        for (name, bytes, stored) in [
            ("receipt.pdf", samples::png(8, 8), "receipt.png"),
            ("receipt.png", samples::jpeg(8, 8), "receipt.jpg"),
            ("receipt.html", samples::pdf(), "receipt.pdf"),
            ("no extension", samples::png(8, 8), "no extension.png"),
            ("", samples::pdf(), "receipt.pdf"),
        ] {
            let receipt = uploaded(&user, name, bytes).await;
            assert_eq!(receipt["original_name"], stored, "{name}");
        }
        let before = written(&app).await;
        assert_eq!(before.receipts, 5);
        assert_eq!(before.files.len(), 5 + 3, "three images have thumbnails");
        let listed = json!(before.files.iter().collect::<Vec<_>>());
        // Keys are generated: nothing the uploader named reaches the store's paths.
        for file in &before.files {
            let (folder, name) = file.split_once('/').expect("a per-user folder");
            assert_eq!(folder, format!("u{}", user.id), "{listed}");
            let stem = name.strip_suffix(".thumb").unwrap_or(name);
            assert!(
                stem.len() == 32 && stem.bytes().all(|byte| byte.is_ascii_hexdigit()),
                "{listed}"
            );
        }
    }
);
