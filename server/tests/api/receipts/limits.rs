//! The configured limits: the size of one file, each user's quota, and the pixel cap.

use std::num::NonZeroU64;

use super::{RECEIPTS, assert_refused, file_form, id_of, samples, upload, uploaded, written};
use crate::helpers::on_every_backend;

const MIB: usize = 1024 * 1024;

fn limit(value: usize) -> NonZeroU64 {
    NonZeroU64::new(value as u64).expect("non-zero")
}

on_every_backend!(
    a_file_over_the_size_limit_is_too_large,
    config = |config| config.receipt_max_bytes = limit(MIB),
    |app| {
        let user = app.user().await;
        let before = written(&app).await;
        // Just over: refused while it streams in. Far over: refused by the body limit.
        for size in [MIB + 1, MIB + 200 * 1024] {
            let response = upload(&user, "big.pdf", samples::pdf_of_size(size)).await;
            let error = assert_refused(response, 413, "payload_too_large", &size.to_string()).await;
            assert!(
                error["error"]["message"]
                    .as_str()
                    .is_some_and(|message| !message.is_empty()),
                "{error}"
            );
        }
        assert_eq!(written(&app).await, before);
        let receipt = uploaded(&user, "exact.pdf", samples::pdf_of_size(MIB)).await;
        assert_eq!(receipt["byte_size"], MIB);
    }
);

on_every_backend!(
    uploads_past_the_quota_are_refused_until_space_is_freed,
    config = |config| config.receipt_quota_bytes = limit(2500),
    |app| {
        let user = app.user().await;
        let first = uploaded(&user, "1.pdf", samples::pdf_of_size(1000)).await;
        uploaded(&user, "2.pdf", samples::pdf_of_size(1000)).await;
        let before = written(&app).await;
        let response = upload(&user, "3.pdf", samples::pdf_of_size(1000)).await;
        let error = assert_refused(response, 422, "validation", "over the quota").await;
        assert_eq!(error["error"]["field"], "file", "{error}");
        assert_eq!(written(&app).await, before, "nothing written");

        // Up to the quota exactly is fine; the quota is the user's own.
        uploaded(&user, "fits.pdf", samples::pdf_of_size(500)).await;
        let other = app.user().await;
        uploaded(&other, "theirs.pdf", samples::pdf_of_size(2000)).await;

        let deleted = user
            .delete(&format!("/api/v1/receipts/{}", id_of(&first)))
            .await;
        assert_eq!(deleted.status(), 204);
        uploaded(&user, "3.pdf", samples::pdf_of_size(1000)).await;
    }
);

on_every_backend!(
    images_over_the_pixel_cap_are_refused,
    config = |config| config.receipt_max_pixels = limit(10_000),
    |app| {
        let user = app.user().await;
        uploaded(&user, "square.png", samples::png(100, 100)).await;
        let before = written(&app).await;
        for (name, bytes) in [
            ("wide.png", samples::png(101, 100)),
            ("wide.jpg", samples::jpeg(200, 60)),
            ("wide.webp", samples::webp(1000, 11)),
            ("rotated.jpg", samples::jpeg_rotated(120, 100)),
        ] {
            let error =
                assert_refused(upload(&user, name, bytes).await, 422, "validation", name).await;
            assert_eq!(error["error"]["field"], "file", "{name}: {error}");
            let message = error["error"]["message"].as_str().expect("message");
            assert!(message.contains("pixels"), "{name}: {message}");
        }
        assert_eq!(written(&app).await, before);
        // PDFs have no pixels to count.
        uploaded(&user, "scan.pdf", samples::pdf()).await;
    }
);

on_every_backend!(
    simultaneous_uploads_cannot_squeeze_past_the_quota,
    config = |config| config.receipt_quota_bytes = limit(2500),
    |app| {
        let user = app.user().await;
        let mut requests = tokio::task::JoinSet::new();
        for n in 0..6 {
            let form = file_form(
                &format!("{n}.pdf"),
                samples::pdf_of_size(1000),
                "application/pdf",
            );
            let request = user
                .request(reqwest::Method::POST, &app.url(RECEIPTS))
                .multipart(form);
            requests.spawn(async move {
                let response = request.send().await.expect("sent");
                let status = response.status().as_u16();
                (status, response.text().await.unwrap_or_default())
            });
        }
        let answers = requests.join_all().await;
        let accepted = answers.iter().filter(|(status, _)| *status == 201).count();
        assert_eq!(accepted, 2, "{answers:?}");
        assert!(
            answers
                .iter()
                .all(|(status, _)| matches!(status, 201 | 422)),
            "{answers:?}"
        );
        let after = written(&app).await;
        assert_eq!(after.receipts, 2);
        assert_eq!(after.files.len(), 2, "refused uploads leave no file");
    }
);
