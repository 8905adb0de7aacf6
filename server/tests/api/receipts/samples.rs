//! Files to upload, made in the test: real images from the `image` crate, then edited by hand
//! into the hostile ones (a pixel bomb, a polyglot, metadata the server must drop).

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

/// Text hidden in a PNG's metadata: it must not survive the re-encoding.
pub const SECRET: &[u8] = b"GPS 51.5007N 0.1246W taken by Alice";

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encodes");
    out.into_inner()
}

/// Left half red, right half blue: a rotation is visible in the pixels.
fn halves(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    })
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    encode(
        DynamicImage::ImageRgb8(halves(width, height)),
        ImageFormat::Png,
    )
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encode(
        DynamicImage::ImageRgb8(halves(width, height)),
        ImageFormat::Jpeg,
    )
}

/// A lossless WebP without an alpha channel.
pub fn webp(width: u32, height: u32) -> Vec<u8> {
    encode(
        DynamicImage::ImageRgb8(halves(width, height)),
        ImageFormat::WebP,
    )
}

/// A lossless WebP whose right half is see-through.
pub fn webp_with_alpha(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, _| {
        Rgba([10, 120, 10, if x < width / 2 { 255 } else { 0 }])
    });
    encode(DynamicImage::ImageRgba8(image), ImageFormat::WebP)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len())
        .expect("small chunk")
        .to_be_bytes()
        .to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

/// The signature (8 bytes) and the IHDR chunk (25 bytes) come first in every PNG.
const AFTER_IHDR: usize = 33;

/// A PNG carrying [`SECRET`] in a `tEXt` chunk.
pub fn png_with_text(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(width, height);
    let mut text = b"Comment\0".to_vec();
    text.extend_from_slice(SECRET);
    let chunk = png_chunk(b"tEXt", &text);
    bytes.splice(AFTER_IHDR..AFTER_IHDR, chunk);
    bytes
}

/// A real 1×1 PNG whose header claims `width` × `height` (with a correct CRC), so only the
/// pixel cap stands between it and a huge allocation.
pub fn pixel_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// A JPEG whose EXIF says "rotate 90° clockwise to display" (orientation 6), as phones write.
pub fn jpeg_rotated(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = jpeg(width, height);
    // TIFF header (little-endian, first IFD at 8), one entry: Orientation (0x0112), SHORT, 1, 6.
    let mut exif = b"Exif\0\0II\x2a\0\x08\0\0\0\x01\0".to_vec();
    exif.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&u16::try_from(exif.len() + 2).expect("short").to_be_bytes());
    segment.extend_from_slice(&exif);
    // After SOI and the encoder's JFIF APP0 segment.
    assert_eq!(bytes[2..4], [0xFF, 0xE0], "the encoder writes JFIF first");
    let app0_end = 4 + usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
    bytes.splice(app0_end..app0_end, segment);
    bytes
}

/// A JPEG cut off inside its headers, before any picture data.
pub fn truncated_jpeg() -> Vec<u8> {
    let mut bytes = jpeg(64, 64);
    bytes.truncate(120);
    bytes
}

/// A detailed JPEG cut off two thirds into its picture data (a failed transfer).
pub fn jpeg_cut_in_scan() -> Vec<u8> {
    let noise = RgbImage::from_fn(256, 256, |x, y| {
        let seed = x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503);
        Rgb([seed as u8, (seed >> 8) as u8, (seed >> 16) as u8])
    });
    let mut bytes = encode(DynamicImage::ImageRgb8(noise), ImageFormat::Jpeg);
    bytes.truncate(bytes.len() * 2 / 3);
    bytes
}

/// A valid JPEG with a web page after its end marker: an image to one parser, HTML to another.
pub fn polyglot_jpeg() -> Vec<u8> {
    let mut bytes = jpeg(32, 32);
    bytes.extend_from_slice(b"<html><script>alert(document.cookie)</script></html>");
    bytes
}

pub const HTML: &[u8] = b"<!doctype html><html><body><script>alert(document.cookie)</script>";
pub const SVG: &[u8] = b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" \
    onload=\"alert(1)\"><script>alert(2)</script></svg>";
pub const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\
    \x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

/// A one-page PDF whose body (between the header and the end marker) is `objects`.
pub fn pdf_with(objects: &str) -> Vec<u8> {
    format!("%PDF-1.4\n{objects}\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

pub fn pdf() -> Vec<u8> {
    pdf_with(
        "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
         3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
    )
}

/// A PDF of exactly `size` bytes: a header, a comment filling the space, the end marker.
pub fn pdf_of_size(size: usize) -> Vec<u8> {
    let (head, tail) = (b"%PDF-1.4\n%".as_slice(), b"\n%%EOF\n".as_slice());
    let fill = size
        .checked_sub(head.len() + tail.len())
        .expect("room for the header and the end marker");
    [head, &vec![b'x'; fill], tail].concat()
}
