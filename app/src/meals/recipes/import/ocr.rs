//! Text from a photo of a printed recipe: Tesseract OCR (Debian's `tesseract-ocr`, installed
//! by the setup script), run as a child process. The photo is checked before any work: a PNG
//! or JPEG of at most [`MAX_IMAGE_BYTES`] and [`MAX_PIXELS`]; one recognition per core runs
//! at a time, on one thread, and is killed at [`TIMEOUT`].

use std::time::Duration;

/// The largest photo read (a phone's JPEG is 2–5 MB).
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// The most pixels read (a 48-megapixel photo; beyond, a small file could decode to gigabytes).
pub const MAX_PIXELS: u64 = 48_000_000;
/// How long one recognition may take (waiting for its turn included): inside the 15 s every
/// request is given.
pub const TIMEOUT: Duration = Duration::from_secs(12);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OcrError {
    #[error("Choose a photo as a JPEG or PNG file.")]
    NotAnImage,
    #[error("The photo is larger than 5 MB.")]
    TooLarge,
    #[error("The photo has more than 48 megapixels; take a smaller one.")]
    TooManyPixels,
    #[error("Reading text from photos is not available on this server.")]
    Unavailable,
    #[error("Reading the photo took too long; try a sharper, smaller photo.")]
    TimedOut,
    #[error("The photo could not be read.")]
    Failed,
}

/// The kind of image `bytes` hold, from their signature.
pub fn image_kind(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else {
        None
    }
}

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
                // Markers may be padded with 0xFF bytes.
                while *bytes.get(i)? == 0xFF && *bytes.get(i + 1)? == 0xFF {
                    i += 1;
                }
                if *bytes.get(i)? != 0xFF {
                    return None;
                }
                let marker = *bytes.get(i + 1)?;
                // Markers without a length.
                if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
                    i += 2;
                    continue;
                }
                let length = u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]) as usize;
                if length < 2 {
                    return None;
                }
                let start_of_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
                if start_of_frame {
                    let height = u16::from_be_bytes([*bytes.get(i + 5)?, *bytes.get(i + 6)?]);
                    let width = u16::from_be_bytes([*bytes.get(i + 7)?, *bytes.get(i + 8)?]);
                    return Some((width as u32, height as u32));
                }
                i += 2 + length;
            }
        }
    }
}

/// Checks a photo before recognition: an image, small enough, not too many pixels.
pub fn check_image(bytes: &[u8]) -> Result<ImageKind, OcrError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(OcrError::TooLarge);
    }
    let kind = image_kind(bytes).ok_or(OcrError::NotAnImage)?;
    let (width, height) = image_size(bytes).ok_or(OcrError::NotAnImage)?;
    if width == 0 || height == 0 {
        return Err(OcrError::NotAnImage);
    }
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(OcrError::TooManyPixels);
    }
    Ok(kind)
}

/// The text Tesseract reads in a checked photo (see [`check_image`]).
#[cfg(feature = "ssr")]
pub async fn read_text(image: Vec<u8>) -> Result<String, OcrError> {
    use std::process::Stdio;
    use tokio::io::AsyncWriteExt;

    check_image(&image)?;
    static RECOGNISING: crate::cpu::PerCore = crate::cpu::PerCore::new();
    let started = tokio::time::Instant::now();
    let _permit = tokio::time::timeout(TIMEOUT, RECOGNISING.acquire()).await.map_err(|_| OcrError::TimedOut)?;
    let mut child = tokio::process::Command::new(std::env::var_os("WELLTRACK_TESSERACT").unwrap_or("tesseract".into()))
        .args(["stdin", "stdout", "-l", "eng", "--psm", "4"])
        // One thread: the permits already share out the cores.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            tracing::warn!(error = %e, "tesseract could not be started");
            OcrError::Unavailable
        })?;
    let mut stdin = child.stdin.take().ok_or(OcrError::Failed)?;
    let run = async move {
        let write = async move {
            stdin.write_all(&image).await?;
            stdin.shutdown().await
        };
        let (written, output) = tokio::join!(write, child.wait_with_output());
        written.map_err(|_| OcrError::Failed)?;
        output.map_err(|_| OcrError::Failed)
    };
    let left = TIMEOUT.saturating_sub(started.elapsed());
    let output = tokio::time::timeout(left, run).await.map_err(|_| OcrError::TimedOut)??;
    if !output.status.success() {
        return Err(OcrError::Failed);
    }
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut cut = super::text::MAX_TEXT_BYTES.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 0, 0, 0, 0]);
        bytes
    }

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        // SOI, an APP0 segment of 16 bytes, then a baseline SOF0.
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        bytes.extend([0u8; 14]);
        bytes.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([0u8; 10]);
        bytes
    }

    #[test]
    fn sizes_are_read_from_the_headers() {
        assert_eq!(image_size(&png(1200, 1600)), Some((1200, 1600)));
        assert_eq!(image_size(&jpeg(4032, 3024)), Some((4032, 3024)));
        assert_eq!(check_image(&jpeg(4032, 3024)), Ok(ImageKind::Jpeg));
    }

    #[test]
    fn bombs_and_non_images_are_refused_before_any_work() {
        assert_eq!(check_image(&png(50_000, 50_000)), Err(OcrError::TooManyPixels));
        assert_eq!(check_image(&png(0, 10)), Err(OcrError::NotAnImage));
        assert_eq!(check_image(b"<html>"), Err(OcrError::NotAnImage));
        assert_eq!(check_image(&[0xFF, 0xD8, 0xFF]), Err(OcrError::NotAnImage), "a header cut short");
        let mut big = jpeg(10, 10);
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(check_image(&big), Err(OcrError::TooLarge));
        // A JPEG of segments without a frame ends at the last byte, never loops.
        let mut frameless = vec![0xFF, 0xD8];
        for _ in 0..1000 {
            frameless.extend([0xFF, 0xE1, 0x00, 0x04, 0, 0]);
        }
        assert_eq!(image_size(&frameless), None);
        assert_eq!(image_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01]), None, "a length below 2");
    }
}
