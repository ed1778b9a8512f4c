//! Photos as the household uploads them: a PNG or JPEG checked from its header before any
//! work (type, bytes, pixels), then kept without what a camera or editor writes about the
//! person (GPS position, camera serial, date, captions, embedded thumbnails). Everything
//! here reads the bytes once, front to back, and decodes no pixels.

/// The largest photo accepted (a phone's JPEG is 2–5 MB).
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// The most pixels accepted (a 48-megapixel photo; beyond, a small file could decode to
/// gigabytes in whatever reads it next).
pub const MAX_PIXELS: u64 = 48_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImageError {
    #[error("Choose a photo as a JPEG or PNG file.")]
    NotAnImage,
    #[error("The photo is larger than 5 MB.")]
    TooLarge,
    #[error("The photo has more than 48 megapixels; take a smaller one.")]
    TooManyPixels,
    #[error("The photo is damaged or cut short; choose it again.")]
    Damaged,
}

/// A photo that passed [`check`]: its kind and declared size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checked {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
}

/// The kind of image `bytes` hold, from their signature.
pub fn image_kind(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(PNG_SIGNATURE) {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else {
        None
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The width and height an image declares, read from its header without decoding it: a
/// PNG's IHDR, a JPEG's first start-of-frame marker. Linear in the bytes, `None` when the
/// header is malformed.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    match image_kind(bytes)? {
        ImageKind::Png => {
            if bytes.get(12..16)? != b"IHDR" {
                return None;
            }
            let width = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
            let height = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
            Some((width, height))
        }
        ImageKind::Jpeg => {
            let mut i = 2;
            loop {
                let (marker, at) = next_marker(bytes, i)?;
                i = at;
                if has_no_length(marker) {
                    i += 2;
                    continue;
                }
                let length = segment_length(bytes, i)?;
                if is_start_of_frame(marker) {
                    let height = u16::from_be_bytes([*bytes.get(i + 5)?, *bytes.get(i + 6)?]);
                    let width = u16::from_be_bytes([*bytes.get(i + 7)?, *bytes.get(i + 8)?]);
                    return Some((width as u32, height as u32));
                }
                i += 2 + length;
            }
        }
    }
}

/// Checks a photo before any work: an image, small enough, not too many pixels.
pub fn check(bytes: &[u8]) -> Result<Checked, ImageError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ImageError::TooLarge);
    }
    let kind = image_kind(bytes).ok_or(ImageError::NotAnImage)?;
    let (width, height) = image_size(bytes).ok_or(ImageError::NotAnImage)?;
    if width == 0 || height == 0 {
        return Err(ImageError::NotAnImage);
    }
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(ImageError::TooManyPixels);
    }
    Ok(Checked { kind, width, height })
}

/// The photo without its metadata, ready to keep and serve: checked, then
///
/// * a JPEG keeps its frame, tables, scans, JFIF header, colour profile (ICC) and Adobe
///   colour-transform marker; its Exif, XMP, IPTC, comments and every other application
///   segment are dropped (Exif holds the GPS position and the embedded thumbnail, MPF
///   further images). The orientation is the one Exif field kept (a phone's portrait photo
///   is stored sideways and turned by it): as a new Exif segment of that field alone.
///   Bytes after the end-of-image marker are dropped.
/// * a PNG keeps its image and colour chunks; text, Exif, time and unknown chunks and any
///   bytes after IEND are dropped.
pub fn without_metadata(bytes: &[u8]) -> Result<(Checked, Vec<u8>), ImageError> {
    let checked = check(bytes)?;
    let kept = match checked.kind {
        ImageKind::Png => png_without_metadata(bytes),
        ImageKind::Jpeg => jpeg_without_metadata(bytes),
    }
    .ok_or(ImageError::Damaged)?;
    Ok((checked, kept))
}

/// The marker at or after `i` (fill bytes `0xFF` skipped) and where its `0xFF` sits.
fn next_marker(bytes: &[u8], mut i: usize) -> Option<(u8, usize)> {
    while *bytes.get(i)? == 0xFF && *bytes.get(i + 1)? == 0xFF {
        i += 1;
    }
    if *bytes.get(i)? != 0xFF {
        return None;
    }
    Some((*bytes.get(i + 1)?, i))
}

/// Markers that stand alone, without a length: TEM, the restart markers, SOI and EOI.
fn has_no_length(marker: u8) -> bool {
    marker == 0x01 || (0xD0..=0xD9).contains(&marker)
}

fn is_start_of_frame(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// The length of the segment whose marker sits at `i` (its two length bytes included),
/// when the whole segment is inside `bytes`.
fn segment_length(bytes: &[u8], i: usize) -> Option<usize> {
    let length = u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]) as usize;
    (length >= 2 && i + 2 + length <= bytes.len()).then_some(length)
}

const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;

fn jpeg_without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut head = vec![0xFF, 0xD8];
    let mut rest = Vec::with_capacity(bytes.len());
    let mut orientation = None;
    let mut i = 2;
    loop {
        let (marker, at) = next_marker(bytes, i)?;
        i = at;
        if marker == EOI {
            rest.extend_from_slice(&[0xFF, EOI]);
            break;
        }
        if has_no_length(marker) {
            // SOI again, TEM or a restart marker outside a scan: not a valid file.
            return None;
        }
        let length = segment_length(bytes, i)?;
        let segment = &bytes[i..i + 2 + length];
        let payload = &segment[4..];
        i += 2 + length;
        match marker {
            APP0 => head.extend_from_slice(segment),
            APP1 => {
                if orientation.is_none() {
                    orientation = payload.strip_prefix(b"Exif\0\0").and_then(exif_orientation);
                }
            }
            APP2 if payload.starts_with(b"ICC_PROFILE\0") => rest.extend_from_slice(segment),
            APP14 if payload.starts_with(b"Adobe") => rest.extend_from_slice(segment),
            0xE0..=0xEF | COM => {}
            SOS => {
                rest.extend_from_slice(segment);
                // The entropy-coded data: a 0xFF in it is followed by 0x00 (a stuffed
                // byte) or a restart marker; any other marker ends the scan.
                let start = i;
                loop {
                    let b = *bytes.get(i)?;
                    if b == 0xFF {
                        let next = *bytes.get(i + 1)?;
                        if next == 0x00 || (0xD0..=0xD7).contains(&next) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                rest.extend_from_slice(&bytes[start..i]);
            }
            _ => rest.extend_from_slice(segment),
        }
    }
    if let Some(o @ 2..=8) = orientation {
        head.extend_from_slice(&orientation_segment(o));
    }
    head.extend_from_slice(&rest);
    Some(head)
}

/// The Orientation (tag 0x0112) of an Exif block's first image directory, 1 to 8.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big_endian = match tiff.get(0..4)? {
        b"MM\0\x2a" => true,
        b"II\x2a\0" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = [*tiff.get(at)?, *tiff.get(at + 1)?];
        Some(if big_endian { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    };
    let directory = u32_at(4)? as usize;
    let entries = u16_at(directory)? as usize;
    (0..entries).find_map(|n| {
        let entry = directory + 2 + n * 12;
        // SHORT (type 3), one value, held in the entry itself.
        (u16_at(entry)? == 0x0112 && u16_at(entry + 2)? == 3)
            .then(|| u16_at(entry + 8))
            .flatten()
            .filter(|o| (1..=8).contains(o))
    })
}

/// An APP1 Exif segment holding the orientation alone (big-endian TIFF, one entry).
fn orientation_segment(orientation: u16) -> Vec<u8> {
    let mut s = vec![0xFF, APP1, 0x00, 34];
    s.extend_from_slice(b"Exif\0\0MM\0\x2a\0\0\0\x08");
    s.extend_from_slice(&[0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]);
    s.extend_from_slice(&orientation.to_be_bytes());
    s.extend_from_slice(&[0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    s
}

/// PNG chunks kept: the critical ones and those that say how to show the colours.
const PNG_KEPT: [&[u8; 4]; 13] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"bKGD", b"pHYs",
];

fn png_without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut i = PNG_SIGNATURE.len();
    loop {
        let length = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind: &[u8; 4] = bytes.get(i + 4..i + 8)?.try_into().ok()?;
        let end = i.checked_add(12)?.checked_add(length)?;
        let chunk = bytes.get(i..end)?;
        if PNG_KEPT.contains(&kind) {
            out.extend_from_slice(chunk);
        }
        if kind == b"IEND" {
            return Some(out);
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0]);
        bytes.extend([0; 4]);
        bytes
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend(kind);
        c.extend(data);
        c.extend([1, 2, 3, 4]);
        c
    }

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend(((payload.len() + 2) as u16).to_be_bytes());
        s.extend(payload);
        s
    }

    /// A little-endian Exif block with a GPS pointer, the orientation and a camera serial.
    fn exif(orientation: u16) -> Vec<u8> {
        let mut e = b"Exif\0\0II\x2a\0\x08\0\0\0".to_vec();
        e.extend(3u16.to_le_bytes());
        for (tag, kind, value) in [(0x8825u16, 4u16, 0x4242u32), (0x0112, 3, orientation as u32), (0xA431, 4, 77)] {
            e.extend(tag.to_le_bytes());
            e.extend(kind.to_le_bytes());
            e.extend(1u32.to_le_bytes());
            e.extend(value.to_le_bytes());
        }
        e.extend(b"GPS 51.5N 0.12W serial 0042");
        e
    }

    fn frame(width: u16, height: u16) -> Vec<u8> {
        let mut p = vec![0x08];
        p.extend(height.to_be_bytes());
        p.extend(width.to_be_bytes());
        p.extend([0x01, 0x01, 0x11, 0x00]);
        segment(0xC0, &p)
    }

    /// SOI, JFIF, Exif, XMP, a comment, an ICC profile, tables, a frame, a scan whose data
    /// holds a stuffed 0xFF and a restart marker, EOI, then bytes appended after the end.
    fn camera_jpeg(orientation: u16) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend(segment(APP0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0"));
        j.extend(segment(APP1, &exif(orientation)));
        j.extend(segment(APP1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Alice's kitchen</x:xmpmeta>"));
        j.extend(segment(COM, b"taken at home"));
        j.extend(segment(0xED, b"Photoshop 3.0\0IPTC caption"));
        j.extend(segment(APP2, b"ICC_PROFILE\0\x01\x01sRGB"));
        j.extend(segment(0xDB, &[0u8; 65]));
        j.extend(frame(4032, 3024));
        j.extend(segment(0xC4, &[0u8; 20]));
        j.extend(segment(SOS, &[0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]));
        j.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        j.extend([0xFF, 0xD9]);
        j.extend(b"SEFH trailer with the owner's name");
        j
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn sizes_are_read_from_the_headers() {
        assert_eq!(image_size(&png(1200, 1600)), Some((1200, 1600)));
        assert_eq!(image_size(&camera_jpeg(1)), Some((4032, 3024)));
        assert_eq!(check(&camera_jpeg(1)), Ok(Checked { kind: ImageKind::Jpeg, width: 4032, height: 3024 }));
    }

    #[test]
    fn bombs_and_non_images_are_refused_before_any_work() {
        assert_eq!(check(&png(50_000, 50_000)), Err(ImageError::TooManyPixels));
        assert_eq!(check(&png(0, 10)), Err(ImageError::NotAnImage));
        assert_eq!(check(b"<html>"), Err(ImageError::NotAnImage));
        assert_eq!(check(&[0xFF, 0xD8, 0xFF]), Err(ImageError::NotAnImage), "a header cut short");
        let mut big = camera_jpeg(1);
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(check(&big), Err(ImageError::TooLarge));
        // A JPEG of segments without a frame ends at the last byte, never loops.
        let mut frameless = vec![0xFF, 0xD8];
        for _ in 0..1000 {
            frameless.extend([0xFF, 0xE1, 0x00, 0x04, 0, 0]);
        }
        assert_eq!(image_size(&frameless), None);
        assert_eq!(image_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01]), None, "a length below 2");
    }

    #[test]
    fn a_jpeg_loses_its_metadata_and_keeps_its_picture_and_orientation() {
        let original = camera_jpeg(6);
        let (checked, kept) = without_metadata(&original).unwrap();
        assert_eq!((checked.width, checked.height), (4032, 3024));
        for secret in [&b"GPS"[..], b"serial", b"Alice", b"taken at home", b"IPTC", b"SEFH", b"owner"] {
            assert!(!contains(&kept, secret), "{} kept", String::from_utf8_lossy(secret));
        }
        // What shows the picture is kept byte for byte, in order.
        for part in [
            segment(APP0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0"),
            segment(APP2, b"ICC_PROFILE\0\x01\x01sRGB"),
            frame(4032, 3024),
            vec![0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9],
        ] {
            assert!(contains(&kept, &part), "lost {part:02X?}");
        }
        assert!(kept.ends_with(&[0xFF, 0xD9]));
        // The orientation survives, alone, in an Exif segment the reader understands.
        let app1 = kept.windows(2).position(|w| w == [0xFF, APP1]).expect("an Exif segment");
        assert_eq!(exif_orientation(&kept[app1 + 10..]), Some(6));
        assert_eq!(image_size(&kept), Some((4032, 3024)));
        // Cleaning twice changes nothing more.
        assert_eq!(without_metadata(&kept).unwrap().1, kept);
    }

    #[test]
    fn an_upright_jpeg_gets_no_exif_at_all() {
        let (_, kept) = without_metadata(&camera_jpeg(1)).unwrap();
        assert!(!contains(&kept, b"Exif"));
    }

    #[test]
    fn orientation_is_read_in_both_byte_orders_and_bad_values_are_ignored() {
        assert_eq!(exif_orientation(&exif(3)[6..]), Some(3));
        let segment = orientation_segment(8);
        assert_eq!(exif_orientation(&segment[10..]), Some(8));
        assert_eq!(exif_orientation(&exif(9)[6..]), None, "not an orientation");
        assert_eq!(exif_orientation(b"II\x2a\0\xFF\xFF\0\0"), None, "a directory past the end");
        assert_eq!(exif_orientation(b"XX"), None);
    }

    #[test]
    fn a_png_keeps_its_image_and_colour_chunks_only() {
        let mut p = png(640, 480);
        p.extend(chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]));
        p.extend(chunk(b"tEXt", b"Author\0Alice"));
        p.extend(chunk(b"eXIf", b"MM\0\x2aGPS"));
        p.extend(chunk(b"tIME", &[7, 234, 12, 4, 10, 0, 0]));
        p.extend(chunk(b"IDAT", &[0x78, 0x9C, 1, 2, 3]));
        p.extend(chunk(b"IEND", &[]));
        p.extend(b"appended secret");
        let (_, kept) = without_metadata(&p).unwrap();
        let mut expected = png(640, 480);
        expected.extend(chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]));
        expected.extend(chunk(b"IDAT", &[0x78, 0x9C, 1, 2, 3]));
        expected.extend(chunk(b"IEND", &[]));
        assert_eq!(kept, expected);
    }

    #[test]
    fn damaged_files_are_refused_not_kept() {
        // A PNG without its end, or a chunk claiming more bytes than there are.
        let p = png(10, 10);
        assert_eq!(without_metadata(&p), Err(ImageError::Damaged));
        let mut long = png(10, 10);
        long.extend([0xFF, 0xFF, 0xFF, 0xF0]);
        long.extend(b"IDAT");
        assert_eq!(without_metadata(&long), Err(ImageError::Damaged));
        // A JPEG cut inside its scan, or a segment running past the end.
        let whole = camera_jpeg(1);
        let cut = &whole[..whole.len() - 40];
        assert_eq!(without_metadata(cut), Err(ImageError::Damaged));
        let mut past = frame(10, 10);
        past.splice(0..0, [0xFF, 0xD8]);
        past.extend([0xFF, 0xDB, 0x10, 0x00, 1, 2]);
        assert_eq!(without_metadata(&past), Err(ImageError::Damaged));
    }
}
