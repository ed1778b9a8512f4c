//! Text from a photo of a printed recipe: Tesseract OCR (Debian's `tesseract-ocr`, installed
//! by the setup script), run as a child process. The photo is checked before any work: a PNG
//! or JPEG of at most [`MAX_IMAGE_BYTES`] and [`MAX_PIXELS`]; one recognition per core runs
//! at a time, on one thread, and is killed at [`TIMEOUT`].

use std::time::Duration;

pub use crate::media::logic::{image_kind, image_size, ImageKind, MAX_IMAGE_BYTES, MAX_PIXELS};

/// How long one recognition may take (waiting for its turn included): inside the 15 s every
/// request is given.
pub const TIMEOUT: Duration = Duration::from_secs(12);

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

/// Checks a photo before recognition (see [`crate::media::logic::check`]).
pub fn check_image(bytes: &[u8]) -> Result<ImageKind, OcrError> {
    use crate::media::logic::{check, ImageError};
    check(bytes).map(|c| c.kind).map_err(|e| match e {
        ImageError::NotAnImage | ImageError::Damaged => OcrError::NotAnImage,
        ImageError::TooLarge => OcrError::TooLarge,
        ImageError::TooManyPixels => OcrError::TooManyPixels,
    })
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

    #[test]
    fn the_photo_checks_speak_of_recognition() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(50_000u32.to_be_bytes());
        png.extend(50_000u32.to_be_bytes());
        assert_eq!(check_image(&png), Err(OcrError::TooManyPixels));
        assert_eq!(check_image(b"<html>"), Err(OcrError::NotAnImage));
        assert_eq!(check_image(&vec![0; MAX_IMAGE_BYTES + 1]), Err(OcrError::TooLarge));
        png.splice(16..24, [0, 0, 3, 32, 0, 0, 3, 132]);
        assert_eq!(check_image(&png), Ok(ImageKind::Png));
    }
}
