//! Deciding what an uploaded file is and turning it into what we store. Nothing the uploader
//! claims (name, Content-Type) is trusted: the type comes from the bytes, images are decoded and
//! re-encoded (which drops metadata and anything hidden after the picture), PDFs are checked for
//! the markers of a polyglot or active content.

use std::io::Cursor;

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage,
    codecs::jpeg::JpegEncoder,
};

use crate::AppError;

/// The longest side of a thumbnail, in pixels (the table shows it at 40 px, the viewer's strip
/// at 160 px on a 2× screen).
const THUMBNAIL_SIDE: u32 = 320;
const JPEG_QUALITY: u8 = 85;
const THUMBNAIL_QUALITY: u8 = 75;
/// What a decoder may allocate beyond the pixels themselves; a pixel cap alone does not bound a
/// hostile file's side tables.
const DECODER_MEMORY_BYTES: u64 = 512 * 1024 * 1024;

/// A checked upload, ready to store.
#[derive(Debug)]
pub struct Inspected {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub thumbnail: Option<Vec<u8>>,
    /// The file name's extension for what we store (used in download names).
    pub extension: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    WebP,
    Pdf,
}

fn unsupported() -> AppError {
    AppError::UnsupportedMediaType {
        message: "Receipts must be JPEG, PNG or WebP images or PDF files.".into(),
    }
}

fn sniff(bytes: &[u8]) -> Result<Kind, AppError> {
    let kind = infer::get(bytes).ok_or_else(unsupported)?;
    match kind.mime_type() {
        "image/jpeg" => Ok(Kind::Jpeg),
        "image/png" => Ok(Kind::Png),
        "image/webp" => Ok(Kind::WebP),
        "application/pdf" => Ok(Kind::Pdf),
        _ => Err(unsupported()),
    }
}

/// Checks and converts an upload. CPU-heavy for images: run it off the async threads.
pub fn inspect(bytes: &[u8], max_pixels: u64) -> Result<Inspected, AppError> {
    match sniff(bytes)? {
        Kind::Pdf => {
            check_pdf(bytes)?;
            Ok(Inspected {
                content_type: "application/pdf",
                bytes: bytes.to_vec(),
                thumbnail: None,
                extension: "pdf",
            })
        }
        kind => reencode(bytes, kind, max_pixels),
    }
}

fn unreadable_image() -> AppError {
    AppError::validation(
        "file",
        "This image could not be read. It may be damaged or incomplete.",
    )
}

fn decode(bytes: &[u8], kind: Kind, max_pixels: u64) -> Result<DynamicImage, AppError> {
    let format = match kind {
        Kind::Jpeg => ImageFormat::Jpeg,
        Kind::Png => ImageFormat::Png,
        Kind::WebP => ImageFormat::WebP,
        Kind::Pdf => return Err(unsupported()),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(DECODER_MEMORY_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| unreadable_image())?;
    // The header states the size; refuse a pixel flood before allocating a single row of it.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > max_pixels {
        let cap = if max_pixels >= 1_000_000 && max_pixels.is_multiple_of(1_000_000) {
            format!("{} million", max_pixels / 1_000_000)
        } else {
            max_pixels.to_string()
        };
        return Err(AppError::validation(
            "file",
            format!(
                "This image is {width} × {height} pixels; receipts may have at most {cap} pixels."
            ),
        ));
    }
    let orientation = decoder.orientation().map_err(|_| unreadable_image())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| unreadable_image())?;
    // Phones store photos sideways and say so in EXIF; the re-encoded file has no EXIF, so the
    // rotation is applied to the pixels.
    image.apply_orientation(orientation);
    Ok(image)
}

/// The JPEG decoder fills a picture cut off mid-scan with grey and reports success; a complete
/// file ends with the end-of-image marker (some writers pad a little after it).
fn check_jpeg_end(bytes: &[u8]) -> Result<(), AppError> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if tail.windows(2).any(|pair| pair == [0xFF, 0xD9]) {
        Ok(())
    } else {
        Err(unreadable_image())
    }
}

fn reencode(bytes: &[u8], kind: Kind, max_pixels: u64) -> Result<Inspected, AppError> {
    if kind == Kind::Jpeg {
        check_jpeg_end(bytes)?;
    }
    let image = decode(bytes, kind, max_pixels)?;
    let keep_png = kind == Kind::Png || (kind == Kind::WebP && image.color().has_alpha());
    let (content_type, extension, stored) = if keep_png {
        let mut out = Cursor::new(Vec::new());
        image
            .write_to(&mut out, ImageFormat::Png)
            .map_err(|_| unreadable_image())?;
        ("image/png", "png", out.into_inner())
    } else {
        ("image/jpeg", "jpg", jpeg(&on_white(&image), JPEG_QUALITY)?)
    };
    let thumbnail = jpeg(
        &on_white(&image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE)),
        THUMBNAIL_QUALITY,
    )?;
    Ok(Inspected {
        content_type,
        bytes: stored,
        thumbnail: Some(thumbnail),
        extension,
    })
}

/// JPEG has no transparency: transparent parts become paper-white, not black.
fn on_white(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |channel: u8| {
            let alpha = u16::from(a);
            ((u16::from(channel) * alpha + 255 * (255 - alpha)) / 255) as u8
        };
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

fn jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .map_err(|error| {
            tracing::error!(%error, "JPEG encoding failed");
            AppError::Internal
        })?;
    Ok(out)
}

/// Markup near the start of a "PDF" means a file built to be read as a web page too (a
/// polyglot); the actions are the ways a PDF runs code or carries other files. Receipts need
/// neither. (Compressed object streams can hide an action from this scan, which is why PDFs are
/// also only ever served as sandboxed downloads.)
const PDF_MARKUP: &[&[u8]] = &[
    b"<html",
    b"<script",
    b"<svg",
    b"<!doctype",
    b"<body",
    b"<?xml",
];
const PDF_ACTIVE_CONTENT: &[&[u8]] = &[
    b"/JavaScript",
    b"/JS",
    b"/Launch",
    b"/EmbeddedFile",
    b"/RichMedia",
    b"/XFA",
];

fn check_pdf(bytes: &[u8]) -> Result<(), AppError> {
    let head = &bytes[..bytes.len().min(1024)];
    if PDF_MARKUP
        .iter()
        .any(|marker| contains_ignoring_case(head, marker))
    {
        return Err(AppError::validation(
            "file",
            "This PDF also contains web page markup, so it is refused.",
        ));
    }
    if PDF_ACTIVE_CONTENT
        .iter()
        .any(|marker| contains_name(bytes, marker))
    {
        return Err(AppError::validation(
            "file",
            "This PDF contains scripts, actions or embedded files, so it is refused.",
        ));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !contains_ignoring_case(tail, b"%%EOF") {
        return Err(AppError::validation(
            "file",
            "This PDF is incomplete (it has no end marker). Try exporting it again.",
        ));
    }
    Ok(())
}

fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

/// A PDF name token: `/JS` must not match `/JSomething`, but may be followed by a delimiter.
fn contains_name(haystack: &[u8], name: &[u8]) -> bool {
    haystack
        .windows(name.len() + 1)
        .any(|window| window.starts_with(name) && !window[name.len()].is_ascii_alphanumeric())
}

/// The uploaded name, made harmless for display and for `Content-Disposition`: no directories,
/// no control characters (NUL, CR, LF), at most 120 characters, and the extension of what we
/// actually store.
pub fn clean_file_name(name: &str, extension: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace() || c == '.')
        .to_string();
    let stem = cleaned
        .rsplit_once('.')
        .map_or(cleaned.as_str(), |(stem, _)| stem)
        .trim();
    let stem: String = stem.chars().take(120).collect();
    let stem = if stem.is_empty() { "receipt" } else { &stem };
    format!("{stem}.{extension}")
}

/// Bidirectional overrides and zero-width characters: they can make `gpj.exe` display as
/// `exe.jpg`, and nothing in a file name needs them.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::new_rgba8(width, height);
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).expect("encodes");
        out.into_inner()
    }

    #[test]
    fn names_lose_their_directories_control_characters_and_claimed_type() {
        assert_eq!(clean_file_name("../../etc/passwd", "png"), "passwd.png");
        assert_eq!(clean_file_name("C:\\x\\bill.html", "jpg"), "bill.jpg");
        assert_eq!(clean_file_name("a\r\nb\0c.pdf", "pdf"), "abc.pdf");
        assert_eq!(clean_file_name("...", "pdf"), "receipt.pdf");
        assert_eq!(clean_file_name("bill\u{202E}gpj.exe", "jpg"), "billgpj.jpg");
        assert_eq!(
            clean_file_name("Café receipt.jpeg", "jpg"),
            "Café receipt.jpg"
        );
    }

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert!(matches!(
            inspect(b"<html><script>alert(1)</script></html>", 1_000_000),
            Err(AppError::UnsupportedMediaType { .. })
        ));
        assert!(matches!(
            inspect(b"<svg xmlns='http://www.w3.org/2000/svg'/>", 1_000_000),
            Err(AppError::UnsupportedMediaType { .. })
        ));
        let stored = inspect(&png(4, 3), 1_000_000).expect("a PNG is accepted");
        assert_eq!(stored.content_type, "image/png");
        assert!(stored.thumbnail.is_some());
    }

    #[test]
    fn images_over_the_pixel_cap_are_refused_before_decoding() {
        let error = inspect(&png(2000, 1000), 1_000_000).expect_err("over the cap");
        assert_eq!(error.field(), Some("file"));
    }

    #[test]
    fn pdfs_with_markup_or_scripts_are_refused() {
        let plain = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
        assert!(inspect(plain, 1).is_ok());
        let polyglot = b"%PDF-1.4\n<html><script>alert(1)</script>\n%%EOF\n";
        assert!(inspect(polyglot, 1).is_err());
        let scripted = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript >> >>\n%%EOF\n";
        assert!(inspect(scripted, 1).is_err());
        let named_js = b"%PDF-1.4\n1 0 obj << /JS (app.alert(1)) >>\n%%EOF\n";
        assert!(inspect(named_js, 1).is_err());
        assert!(inspect(b"%PDF-1.4\n1 0 obj << /JSON 1 >>\n%%EOF\n", 1).is_ok());
        assert!(inspect(b"%PDF-1.4\ntruncated", 1).is_err());
    }
}
